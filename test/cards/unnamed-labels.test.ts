/**
 * What a card calls a body site, imaging study or report the record names in no way (rules page
 * §4: wording is data, selected per request): the wording's `unnamedLabels`, in the card's
 * language, never English words made by the rules on a Chinese card.
 *
 * The patient (test/fixtures/unnamed-labels/unnamed-site-report-study.json): myeloma in relapse;
 * a liver plasmacytoma citing a study imported without its metadata (no description, modality,
 * procedure or series) and a report whose code was not sent (data-absent-reason); the same
 * plasmacytoma recorded twice (problem list, encounter diagnosis) with a body site that has no
 * text, display or code; a recent report, code not sent, concluding a kidney plasmacytoma no
 * Condition lists. Expected text is typed from config/wording/*.yaml, not computed.
 *
 * Wording regression test: its expected text is copied from config/wording/*.yaml, so it
 * guards the wording against unintended change, not the clinical claim; the rules page's
 * claims are held by test/cards/example-cards-claims.test.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildExampleRequests } from '../../scripts/example-requests.js';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { readConfigFile } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { PATHS, PROJECT_ROOT } from '../../src/config/project-paths.js';
import { expectValidHookResponse, testApp } from '../support/app.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';

const PATIENT = 'unnamed-site-report-study';
const bundle = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'unnamed-labels', `${PATIENT}.json`), 'utf8'),
) as fhir4.Bundle;
const patientView = buildExampleRequests(bundle).find(
  (file) => file.path === `patient-view/${PATIENT}.json`,
)?.request;

async function cardsIn(language: string): Promise<Card[]> {
  const response = await request(testApp())
    .post('/cds-services/emd-patient-view')
    .set('Accept-Language', language)
    .send(patientView);
  expect(response.status).toBe(200);
  return expectValidHookResponse(response.body).cards;
}
const detailOf = (cards: Card[], ruleId: string) =>
  cards.find((card) => card.extension?.[CARD_EXTENSION.ruleId] === ruleId)?.detail ?? '';

const ENGLISH_WORDS = /unnamed site|imaging report|imaging study/i;
const FINDING = 'Extramedullary plasmacytoma not having achieved remission';

describe('unnamed site, study and report on zh-CN cards', () => {
  it('calls them 未命名部位, 影像学检查 and 影像学报告', async () => {
    const cards = await cardsIn('zh-CN');
    expect(detailOf(cards, 'emd-soft-tissue')).toContain(
      '- 肝：真正的 EMD（软组织/器官），自 2026-09-14 起；见于影像学检查（2026-09-14）；见于影像学报告（2026-09-20）',
    );
    // The Condition gives its code with the code's English display and no words of its own:
    // a Chinese card names it as the value set does in Chinese (C90.20: 髓外浆细胞瘤).
    expect(detailOf(cards, 'emd-unclassified')).toContain(
      '- 髓外浆细胞瘤：部位“未命名部位”无法由本服务归类，自 2026-10-02 起',
    );
    expect(detailOf(cards, 'emd-reported-not-listed')).toContain(
      '- 髓外浆细胞瘤，肾；见于影像学报告（2026-10-20）',
    );
  });

  it('has no English fallback word anywhere on a card', async () => {
    const cards = await cardsIn('zh-CN');
    expect(cards.map((card) => card.extension?.[CARD_EXTENSION.ruleId]).sort()).toEqual([
      'emd-reported-not-listed',
      'emd-soft-tissue',
      'emd-unclassified',
    ]);
    expect(JSON.stringify(cards)).not.toMatch(ENGLISH_WORDS);
  });
});

describe('unnamed site, study and report on English cards', () => {
  it('read as before: unnamed site, imaging study, imaging report', async () => {
    const cards = await cardsIn('en');
    expect(detailOf(cards, 'emd-soft-tissue')).toContain(
      '- Liver structure: true EMD \\(soft tissue / organ\\), since 2026-09-14; seen on imaging study (2026-09-14); seen on imaging report (2026-09-20)',
    );
    expect(detailOf(cards, 'emd-unclassified')).toContain(
      `- ${FINDING}: site unnamed site is not one the service can classify, since 2026-10-02`,
    );
    expect(detailOf(cards, 'emd-reported-not-listed')).toContain(
      `- ${FINDING}, Kidney structure; seen on imaging report (2026-10-20)`,
    );
  });
});

describe('the two recordings of the unnamed-site plasmacytoma', () => {
  it('are listed once, with both Conditions as evidence (rules page §2 "Duplicates")', async () => {
    for (const language of ['zh-CN', 'en']) {
      const card = (await cardsIn(language)).find(
        (c) => c.extension?.[CARD_EXTENSION.ruleId] === 'emd-unclassified',
      );
      expect(card?.detail?.match(/^- /gm), language).toHaveLength(1);
      expect(card?.extension?.[CARD_EXTENSION.evidence]).toEqual(
        expect.arrayContaining([`Condition/${PATIENT}-pc2`, `Condition/${PATIENT}-pc3`]),
      );
    }
  });
});

/**
 * The settings of a site folder (configuring.md example e) whose wording files are the shipped
 * ones for `locales` (a locale the product does not ship is a copy of English under its own
 * name) with `unnamedLabels` set to `labels`, or left out with `listSeparator` when it is
 * undefined, as in a file written for an earlier version.
 */
function siteWith(labels: object | undefined, locales = ['en', 'zh-CN']) {
  const dir = mkdtempSync(join(tmpdir(), 'emd-cds-unnamed-labels-'));
  mkdirSync(join(dir, 'wording'));
  for (const locale of locales) {
    const shipped = locale === 'zh-CN' ? 'zh-CN' : 'en';
    const text = readFileSync(join(PATHS.wording, `${shipped}.yaml`), 'utf8');
    const { listSeparator, unnamedLabels: _, ...wording } = parse(text) as Record<string, unknown>;
    writeFileSync(
      join(dir, 'wording', `${locale}.yaml`),
      stringify({
        ...wording,
        locale,
        ...(labels === undefined ? {} : { listSeparator, unnamedLabels: labels }),
      }),
    );
  }
  const file = join(dir, 'site.yaml');
  writeFileSync(file, 'wording:\n  dir: wording\n');
  return buildSettings(readConfigFile(file), { file });
}

describe('a site’s wording files and unnamedLabels', () => {
  it('gives a file written without the key the shipped words of its locale', () => {
    const settings = siteWith(undefined);
    expect(settings.wording.en?.unnamedLabels).toEqual({
      bodySite: 'unnamed site',
      ImagingStudy: 'imaging study',
      DiagnosticReport: 'imaging report',
    });
    expect(settings.wording['zh-CN']?.unnamedLabels).toEqual({
      bodySite: '未命名部位',
      ImagingStudy: '影像学检查',
      DiagnosticReport: '影像学报告',
    });
    // listSeparator came later too: Chinese lists are joined with 、 (configuring.md).
    expect(settings.wording['zh-CN']?.listSeparator).toBe('、');
  });

  it('gives a locale the product does not ship the English words', () => {
    const settings = siteWith(undefined, ['en', 'fr']);
    expect(settings.wording.fr?.unnamedLabels).toEqual({
      bodySite: 'unnamed site',
      ImagingStudy: 'imaging study',
      DiagnosticReport: 'imaging report',
    });
    expect(settings.wording.fr?.listSeparator).toBe(', ');
  });

  it('keeps what the site file says', () => {
    const labels = { bodySite: '部位不详', ImagingStudy: '检查', DiagnosticReport: '报告' };
    expect(siteWith(labels).wording['zh-CN']?.unnamedLabels).toEqual(labels);
  });

  it('refuses a misspelt or empty name, naming the file and the key', () => {
    for (const [labels, message] of [
      [
        { site: '部位', ImagingStudy: '检查', DiagnosticReport: '报告' },
        /en\.yaml:\d+:\d+ unnamedLabels\.site: Unrecognized key: "site"/,
      ],
      [{ bodySite: '', ImagingStudy: '检查', DiagnosticReport: '报告' }, /unnamedLabels\.bodySite/],
    ] as const)
      expect(() => siteWith(labels), JSON.stringify(labels)).toThrow(message);
  });
});
