/**
 * Body sites in the card's language (rules page §4: wording selected per request): a site
 * coded with a concept a value set names in that language (FHIR R4 ValueSet designation) is
 * shown by that name; any other site by the record's own words, as before. Expected text is
 * typed by hand from the value sets' designations and config/wording/*.yaml.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { liverReport, skinExampleWithReport } from '../support/liver-report.js';
import { describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { cardsFor } from './cards-for.js';
import { ConceptLabels } from '../../src/rules/concept-labels.js';
import { wordingSchema } from '../../src/cds/cards/wording.js';
import type { ServiceSettings } from '../../src/cds/service-settings.js';
import { readConfigFile } from '../../src/config/config-file.js';
import { buildSettings, loadDefaultSettings } from '../../src/config/load-settings.js';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { myeloma, plasmacytoma, sct, SITE } from '../rules/fixtures.js';

async function detailsFor(example: string, language?: string): Promise<string> {
  const call = request(testApp()).post('/cds-services/emd-patient-view');
  const response = await (language ? call.set('Accept-Language', language) : call).send(
    readExampleRequest(example),
  );
  expect(response.status).toBe(200);
  return expectValidHookResponse(response.body)
    .cards.map((card) => card.detail ?? '')
    .join('\n');
}

describe('shipped example patients on zh-CN cards', () => {
  it('names the liver and kidney sites in Chinese (emd-liver-kidney-relapse)', async () => {
    const detail = await detailsFor('emd-liver-kidney-relapse', 'zh-CN');
    expect(detail).toContain('- 肝：真正的 EMD（软组织/器官），自 2026-07-15 起');
    expect(detail).toContain('- 肾：真正的 EMD（软组织/器官），自 2026-07-15 起');
    expect(detail).not.toContain('Liver structure');
    expect(detail).not.toContain('Kidney structure');
  });

  it('names the meninges and CSF in Chinese (leptomeningeal-with-cns)', async () => {
    const detail = await detailsFor('leptomeningeal-with-cns', 'zh');
    expect(detail).toContain('- 脑膜、脑脊液：软脑膜，自 2026-10-05 起');
    expect(detail).toContain('- 脑：中枢神经系统（CNS，脑/脊髓实质或硬膜），自 2026-10-05 起');
    expect(detail).not.toMatch(/Meninges structure|Cerebrospinal fluid|Brain structure/);
  });

  it('names a bone site and the dura in Chinese (paraskeletal-epidural-extension)', async () => {
    const detail = await detailsFor('paraskeletal-epidural-extension', 'zh-CN');
    expect(detail).toContain('- 胸椎、硬膜：骨旁（与骨相关），自 2026-08-20 起');
  });

  it('keeps the record’s display on English cards', async () => {
    const detail = await detailsFor('emd-liver-kidney-relapse');
    expect(detail).toContain(
      '- Liver structure: true EMD \\(soft tissue / organ\\), since 2026-07-15',
    );
    expect(detail).toContain(
      '- Kidney structure: true EMD \\(soft tissue / organ\\), since 2026-07-15',
    );
  });
});

describe('a report’s coded conclusion on a zh-CN emd-reported-not-listed card', () => {
  it('names the site and the finding code in Chinese (value set designations)', async () => {
    const response = await request(testApp())
      .post('/cds-services/emd-patient-view')
      .set('Accept-Language', 'zh-CN')
      .send(skinExampleWithReport(liverReport('2026-10-15')));
    const card = expectValidHookResponse(response.body).cards.find(
      (c) => c.extension?.[CARD_EXTENSION.ruleId] === 'emd-reported-not-listed',
    );
    expect(card?.detail).toContain('- 髓外浆细胞瘤，肝；见于CT Whole body（2026-10-15）');
  });
});

const mm = myeloma('mm', { onset: '2019-05-01' });
const spleen = sct('78961009', 'Splenic structure');

function cardsIn(settings: ServiceSettings, resources: fhir4.Resource[], locale: string): Card[] {
  return cardsFor(resources, { settings, locale });
}
const detailOf = (cards: Card[], ruleId: string) =>
  cards.find((card) => card.extension?.[CARD_EXTENSION.ruleId] === ruleId)?.detail ?? '';

describe('sites no value set names in the card’s language', () => {
  const settings = loadDefaultSettings();

  it('shows the record’s display for a code without a zh-CN designation', () => {
    const cards = cardsIn(
      settings,
      [mm, plasmacytoma('p', [spleen], { onset: '2026-10-01' })],
      'zh-CN',
    );
    expect(detailOf(cards, 'emd-unclassified')).toContain(
      '：部位“Splenic structure”无法由本服务归类，自 2026-10-01 起',
    );
  });

  it('shows a site given only as text as the record writes it', () => {
    const cards = cardsIn(
      settings,
      [mm, plasmacytoma('p', ['Weichteile Oberschenkel links'], { onset: '2026-10-01' })],
      'zh-CN',
    );
    expect(detailOf(cards, 'emd-unclassified')).toContain('部位“Weichteile Oberschenkel links”');
  });

  it('names a designated site beside one without a designation', () => {
    const cards = cardsIn(
      settings,
      [mm, plasmacytoma('p', [SITE.liver, spleen], { onset: '2026-10-01' })],
      'zh-CN',
    );
    expect(detailOf(cards, 'emd-soft-tissue')).toContain('- 肝、Splenic structure：真正的 EMD');
  });
});

describe('a site coded with no words (H63)', () => {
  const settings = loadDefaultSettings();
  // As HL7 v2 and C-CDA converters write it: SNOMED CT 12738006 with no display and no text.
  const brainCodeOnly: fhir4.Coding = { system: 'http://snomed.info/sct', code: '12738006' };
  const liverCodeOnly: fhir4.Coding = { system: 'http://snomed.info/sct', code: '10200004' };

  it('is named on an English card by the value set’s display, not its SNOMED CT identifier', () => {
    const cards = cardsIn(settings, [mm, plasmacytoma('p', [brainCodeOnly])], 'en');
    const detail = detailOf(cards, 'emd-cns');
    expect(detail).toContain('- Brain structure: CNS \\(parenchymal or dural\\)');
    expect(detail).not.toContain('12738006');
  });

  it('is still named in Chinese on a zh-CN card', () => {
    const cards = cardsIn(settings, [mm, plasmacytoma('p', [brainCodeOnly])], 'zh-CN');
    expect(detailOf(cards, 'emd-cns')).toContain('- 脑：中枢神经系统');
  });

  /** A radiology report concluding `conclusion` at the liver, each coded with no words. */
  const reportConcluding = (conclusion: fhir4.Coding): fhir4.DiagnosticReport => ({
    resourceType: 'DiagnosticReport',
    id: 'r1',
    status: 'final',
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD' }] },
    ],
    code: { text: 'PET/CT report' },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: '2026-10-12',
    conclusionCode: [{ coding: [conclusion] }, { coding: [liverCodeOnly] }],
  });
  const reportedCard = (conclusion: fhir4.Coding, locale: string) =>
    cardsIn(settings, [mm, reportConcluding(conclusion)], locale).find(
      (c) => c.extension?.[CARD_EXTENSION.ruleId] === 'emd-reported-not-listed',
    );
  const c9020CodeOnly: fhir4.Coding = {
    system: 'http://hl7.org/fhir/sid/icd-10-cm',
    code: 'C90.20',
  };

  // The conclusion code too (session 39): "Add to the problem list: C90.20" named no finding
  // a clinician reads. The value set's display for C90.20 (rules page §5: extramedullary
  // plasmacytoma), as for the site.
  it('is named by the value set’s display in an emd-reported-not-listed suggestion', () => {
    const card = reportedCard(c9020CodeOnly, 'en');
    expect(card?.suggestions?.[0]?.label).toBe(
      'Add to the problem list: Extramedullary plasmacytoma not having achieved remission (Liver structure)',
    );
    expect(card?.detail).toContain(
      '- Extramedullary plasmacytoma not having achieved remission, Liver structure; seen on PET/CT report (2026-10-12)',
    );
    expect(card?.detail).not.toMatch(/10200004|C90\.20/);
  });

  it('names a conclusion code in Chinese on a zh-CN card, its designation first', () => {
    const card = reportedCard(c9020CodeOnly, 'zh-CN');
    expect(card?.suggestions?.[0]?.label).toBe('添加到问题列表：髓外浆细胞瘤（肝）');
  });

  it('keeps the record’s own display of a conclusion code before the value set’s', () => {
    const card = reportedCard({ ...c9020CodeOnly, display: 'EMP, not in remission' }, 'en');
    expect(card?.suggestions?.[0]?.label).toBe(
      'Add to the problem list: EMP, not in remission (Liver structure)',
    );
  });
});

/**
 * A plasmacytoma Condition coded with a code alone and no body site, as feeds send ICD-10-CM:
 * the emd-unclassified card names the finding (config/wording/en.yaml: "- {{label}}: no body
 * site recorded"). "C90.20" names nothing a clinician reads: the value set's display for it,
 * as for a site (H63).
 */
describe('a Condition coded with no words and no site (H63)', () => {
  const settings = loadDefaultSettings();
  const unclassifiedDetail = (code: fhir4.Coding, locale: string) => {
    const condition = plasmacytoma('p', []);
    condition.code = { coding: [code] };
    return detailOf(cardsIn(settings, [mm, condition], locale), 'emd-unclassified');
  };
  const c9020: fhir4.Coding = { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'C90.20' };

  it('is named on an English card by the value set’s display, not its ICD-10-CM code', () => {
    const detail = unclassifiedDetail(c9020, 'en');
    expect(detail).toContain(
      '- Extramedullary plasmacytoma not having achieved remission: no body site recorded',
    );
    expect(detail).not.toContain('C90.20');
  });

  it('is named by its designation on a zh-CN card', () => {
    const detail = unclassifiedDetail(c9020, 'zh-CN');
    expect(detail).toContain('- 髓外浆细胞瘤：');
    expect(detail).not.toContain('C90.20');
  });

  it('keeps the record’s own display before the value set’s', () => {
    const detail = unclassifiedDetail({ ...c9020, display: 'EMP, not in remission' }, 'en');
    expect(detail).toContain('- EMP, not in remission: no body site recorded');
  });
});

describe('a site’s free text that says more than its code', () => {
  const settings = loadDefaultSettings();
  /** A plasmacytoma whose one body site carries this text beside the SNOMED CT coding. */
  const withSiteText = (coding: fhir4.Coding, text: string) => {
    const condition = plasmacytoma('p', [coding], { onset: '2026-10-01' });
    const site = condition.bodySite?.[0];
    if (site) site.text = text;
    return condition;
  };

  it('keeps the clinician’s words as written on a zh-CN card ("Left 6th rib", not 骨)', () => {
    const cards = cardsIn(settings, [mm, withSiteText(SITE.bone, 'Left 6th rib')], 'zh-CN');
    expect(detailOf(cards, 'emd-paraskeletal')).toContain('- Left 6th rib：骨旁（与骨相关）');
  });

  it('keeps a Chinese hospital’s own site text (肝左叶, not 肝)', () => {
    const cards = cardsIn(settings, [mm, withSiteText(SITE.liver, '肝左叶')], 'zh-CN');
    expect(detailOf(cards, 'emd-soft-tissue')).toContain('- 肝左叶：真正的 EMD（软组织/器官）');
  });

  it('names the site in Chinese when the text only repeats the display', () => {
    const cards = cardsIn(settings, [mm, withSiteText(SITE.liver, 'liver structure ')], 'zh-CN');
    expect(detailOf(cards, 'emd-soft-tissue')).toContain('- 肝：真正的 EMD（软组织/器官）');
  });

  // EHRs write short site texts beside the SNOMED CT coding ("Liver" by "Liver structure"):
  // words the display already says are not the clinician's own.
  for (const text of ['Liver', 'LIVER', 'Structure, liver'])
    it(`names the site in Chinese when the text "${text}" says only words of the display`, () => {
      const cards = cardsIn(settings, [mm, withSiteText(SITE.liver, text)], 'zh-CN');
      expect(detailOf(cards, 'emd-soft-tissue')).toContain('- 肝：真正的 EMD（软组织/器官）');
    });

  it('keeps a text with one word more than the display ("Liver, left lobe")', () => {
    const cards = cardsIn(settings, [mm, withSiteText(SITE.liver, 'Liver, left lobe')], 'zh-CN');
    expect(detailOf(cards, 'emd-soft-tissue')).toContain('- Liver, left lobe：真正的 EMD');
  });
});

/** A site folder whose own value set plays siteSoftTissueOrgan, and its settings. */
function siteSettings(valueSet: object): ServiceSettings {
  const dir = mkdtempSync(join(tmpdir(), 'emd-cds-site-names-'));
  mkdirSync(join(dir, 'value-sets'));
  writeFileSync(join(dir, 'value-sets', 'organ-sites.json'), JSON.stringify(valueSet));
  const file = join(dir, 'site.yaml');
  writeFileSync(
    file,
    `valueSets:\n  files: [value-sets]\n  roles:\n    siteSoftTissueOrgan: ${SITE_VS}\n`,
  );
  return buildSettings(readConfigFile(file), { file });
}
const SITE_VS = 'http://hospital.example.org/fhir/ValueSet/organ-sites';
const BODY_SITES = 'http://hospital.example.org/fhir/CodeSystem/body-sites';

describe('a site’s own value set names its codes', () => {
  const settings = siteSettings({
    resourceType: 'ValueSet',
    url: SITE_VS,
    status: 'active',
    compose: {
      include: [
        { valueSet: ['https://fhir.emd-cds.org/ValueSet/site-soft-tissue-organ'] },
        {
          system: BODY_SITES,
          concept: [
            {
              code: 'PERIRENAL',
              display: 'Perirenal fat',
              designation: [{ language: 'zh', value: '肾周脂肪' }],
            },
            {
              code: 'ORBIT',
              display: 'Orbit soft tissue',
              designation: [{ language: 'zh-TW', value: '眼眶軟組織' }],
            },
          ],
        },
        {
          system: 'http://snomed.info/sct',
          concept: [
            {
              code: '10200004',
              display: 'Liver structure',
              designation: [{ language: 'zh-CN', value: '肝脏' }],
            },
          ],
        },
      ],
    },
  });
  const local = (code: string, display: string): fhir4.Coding => ({
    system: BODY_SITES,
    code,
    display,
  });

  it('shows a local code by its designation in the primary language (zh for zh-CN)', () => {
    const cards = cardsIn(
      settings,
      [mm, plasmacytoma('p', [local('PERIRENAL', 'Perirenal fat')], { onset: '2026-10-01' })],
      'zh-CN',
    );
    expect(detailOf(cards, 'emd-soft-tissue')).toContain('- 肾周脂肪：真正的 EMD（软组织/器官）');
  });

  it('does not show a designation in another region’s script (zh-TW on a zh-CN card)', () => {
    const cards = cardsIn(
      settings,
      [mm, plasmacytoma('p', [local('ORBIT', 'Orbit soft tissue')], { onset: '2026-10-01' })],
      'zh-CN',
    );
    expect(detailOf(cards, 'emd-soft-tissue')).toContain('- Orbit soft tissue：真正的 EMD');
  });

  it('renames a shipped concept: the site’s file, loaded later, wins', () => {
    const cards = cardsIn(
      settings,
      [mm, plasmacytoma('p', [SITE.liver], { onset: '2026-10-01' })],
      'zh-CN',
    );
    expect(detailOf(cards, 'emd-soft-tissue')).toContain('- 肝脏：真正的 EMD（软组织/器官）');
  });

  it('leaves English cards with the record’s display', () => {
    const cards = cardsIn(
      settings,
      [mm, plasmacytoma('p', [local('PERIRENAL', 'Perirenal fat')], { onset: '2026-10-01' })],
      'en',
    );
    expect(detailOf(cards, 'emd-soft-tissue')).toContain('- Perirenal fat: true EMD');
  });
});

describe('ConceptLabels.nameIn', () => {
  const labels = new ConceptLabels(
    new Map([
      [
        's|1',
        new Map([
          ['zh-cn', '一'],
          ['zh', '壹'],
        ]),
      ],
      ['s|2', new Map([['zh', '二']])],
      ['s|3', new Map([['en', 'three']])],
    ]),
  );
  const cases: [string, string[], string | undefined][] = [
    ['zh-CN', ['s|1'], '一'],
    ['ZH-cn', ['s|1'], '一'],
    ['zh-CN', ['s|2'], '二'],
    ['zh-CN', ['s|2', 's|1'], '一'],
    ['zh', ['s|1'], '壹'],
    ['zh-TW', ['s|1'], '壹'],
    ['en', ['s|1', 's|2'], undefined],
    ['en-GB', ['s|3'], 'three'],
    ['zh-CN', ['s|9'], undefined],
    ['zh-CN', [], undefined],
  ];
  it.each(cases)('%s %j → %j', (locale, keys, expected) => {
    expect(labels.nameIn(locale, keys)).toBe(expected);
  });
});

describe('lists in the card’s language', () => {
  it('joins a zh-CN list with the Chinese enumeration comma, an English one with ", "', () => {
    const settings = loadDefaultSettings();
    const liverAndKidney = plasmacytoma('p', [SITE.liver, SITE.kidney], { onset: '2026-10-01' });
    expect(detailOf(cardsIn(settings, [mm, liverAndKidney], 'zh-CN'), 'emd-soft-tissue')).toContain(
      '- 肝、肾：真正的 EMD',
    );
    expect(detailOf(cardsIn(settings, [mm, liverAndKidney], 'en'), 'emd-soft-tissue')).toContain(
      '- Liver structure, Kidney structure: true EMD',
    );
  });

  it('gives a site wording file written without listSeparator the English ", "', () => {
    const shipped = loadDefaultSettings().wording.en;
    if (!shipped) expect.fail('en wording ships');
    const { listSeparator: _left, ...older } = shipped;
    expect(wordingSchema.parse(older).listSeparator).toBe(', ');
  });
});
