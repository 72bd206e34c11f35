/**
 * Body sites in the timeline's language, as the cards name them (configuring.md "Site names
 * in the card's language"): a site coded with a concept a value set of settings.json names in
 * that language is shown by that name; free text that says more than the codes is shown as
 * written; English shows the record's words; several sites are joined as the zh-CN cards join
 * them (config/wording/zh-CN.yaml `listSeparator`: 、). Expected names are typed from the `zh-CN`
 * designations of fhir-resources/value-sets/site-*.json, not computed.
 */
import { describe, expect, it } from 'vitest';
import { timelineSettingsDocument } from '../../src/http/timeline-app.js';
import { buildPatientRecord, flattenResources } from '../../src/rules/patient-record.js';
import type { PatientRecord } from '../../src/rules/patient-record.js';
import type { Locale } from '../../web/timeline/i18n.js';
import { labelsFor } from '../../web/timeline/labels.js';
import { buildTimelineModel } from '../../web/timeline/timeline-model.js';
import {
  compileTimelineSettings,
  type TimelineSettings,
} from '../../web/timeline/timeline-settings.js';
import { defaultSettings, readExampleBundle } from '../support/app.js';
import { plasmacytoma, recordOf, SITE } from '../rules/fixtures.js';

/** settings.json as the browser receives it: the service's document, through JSON. */
function servedDocument(): { classification: { valueSets: object[] } } {
  return JSON.parse(JSON.stringify(timelineSettingsDocument(defaultSettings))) as {
    classification: { valueSets: object[] };
  };
}
const served = compileTimelineSettings(servedDocument());

const exampleRecord = (patientId: string) =>
  buildPatientRecord(patientId, flattenResources([readExampleBundle(patientId)]));

/** What the findings table and the time axis show for each finding's sites. */
function sitesShown(
  record: PatientRecord,
  locale: Locale,
  settings: TimelineSettings = served,
): string[] {
  const labels = labelsFor(locale, settings);
  return buildTimelineModel(record, settings.rules).findings.map((f) => labels.sites(f));
}

describe('site names on the zh-CN timeline', () => {
  it('names the meninges, CSF and brain in Chinese (leptomeningeal-with-cns)', () => {
    expect(sitesShown(exampleRecord('leptomeningeal-with-cns'), 'zh-CN')).toEqual([
      '脑膜、脑脊液',
      '脑',
    ]);
  });

  it('names the liver and kidney, a bone site and the dura in Chinese', () => {
    expect(sitesShown(exampleRecord('emd-liver-kidney-relapse'), 'zh-CN').sort()).toEqual([
      '肝',
      '肾',
    ]);
    expect(sitesShown(exampleRecord('paraskeletal-epidural-extension'), 'zh-CN')).toEqual([
      '胸椎、硬膜',
    ]);
  });

  it('names the body map’s sites in Chinese too', () => {
    const labels = labelsFor('zh-CN', served);
    const model = buildTimelineModel(exampleRecord('emd-and-cns'), served.rules);
    const marks = model.findings.flatMap((f) => f.sites.map((s) => [s.region, labels.site(s)]));
    expect(marks.sort()).toEqual([
      ['pericardium', '心包'],
      ['spinalCord', '脊髓'],
    ]);
  });

  it('names the site of a text-only mention in Chinese when its text only repeats the display', () => {
    // The Condition is not classified (uncoded finding), but its site is coded SNOMED CT liver.
    expect(sitesShown(exampleRecord('text-only-plasmacytoma'), 'zh-CN')).toEqual(['肝']);
  });

  it('keeps the clinician’s own words as written ("Left 6th rib", not 骨; 肝左叶, not 肝)', () => {
    expect(sitesShown(exampleRecord('mixed-history-and-active'), 'zh-CN')).toEqual([
      '皮肤',
      'Left 6th rib',
    ]);
    const leftLobe = plasmacytoma('p', [SITE.liver], { onset: '2026-10-01' });
    const [site] = leftLobe.bodySite ?? [];
    if (site) site.text = '肝左叶';
    for (const locale of ['zh-CN', 'en'] as const)
      expect(sitesShown(recordOf([leftLobe]), locale), locale).toEqual(['肝左叶']);
  });

  it('takes a name from every value set the service loaded, a later one replacing a shipped one', () => {
    const document = servedDocument();
    document.classification.valueSets.push({
      resourceType: 'ValueSet',
      url: 'http://hospital.example.org/fhir/ValueSet/liver-name',
      status: 'active',
      compose: {
        include: [
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
    const settings = compileTimelineSettings(document);
    const liver = plasmacytoma('p', [SITE.liver], { onset: '2026-10-01' });
    expect(sitesShown(recordOf([liver]), 'zh-CN', settings)).toEqual(['肝脏']);
  });
});

describe('site names on the English timeline', () => {
  it('are the record’s own words, as before', () => {
    expect(sitesShown(exampleRecord('leptomeningeal-with-cns'), 'en')).toEqual([
      'Meninges structure, Cerebrospinal fluid',
      'Brain structure',
    ]);
    expect(sitesShown(exampleRecord('text-only-plasmacytoma'), 'en')).toEqual(['Liver structure']);
    expect(sitesShown(exampleRecord('mixed-history-and-active'), 'en')).toEqual([
      'Skin structure',
      'Left 6th rib',
    ]);
  });
});
