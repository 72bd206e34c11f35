/**
 * What the timeline calls a body site, imaging study or report the record names in no way: the
 * card wording's `unnamedLabels` for its language, served in settings.json, as the cards call
 * them (test/cards/unnamed-labels.test.ts), never English words made by the rules. The patient
 * is test/fixtures/unnamed-labels/unnamed-site-report-study.json; expected words are typed from
 * config/wording/*.yaml.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { timelineSettingsDocument } from '../../src/http/timeline-app.js';
import { buildPatientRecord, flattenResources } from '../../src/rules/patient-record.js';
import type { Locale } from '../../web/timeline/i18n.js';
import { labelsFor } from '../../web/timeline/labels.js';
import { buildTimelineModel } from '../../web/timeline/timeline-model.js';
import { compileTimelineSettings } from '../../web/timeline/timeline-settings.js';
import { defaultSettings } from '../support/app.js';

const PATIENT = 'unnamed-site-report-study';
const bundle = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'unnamed-labels', `${PATIENT}.json`), 'utf8'),
) as fhir4.Bundle;
// settings.json through JSON, as the browser receives it.
const served = compileTimelineSettings(
  JSON.parse(JSON.stringify(timelineSettingsDocument(defaultSettings))),
);
const model = buildTimelineModel(
  buildPatientRecord(PATIENT, flattenResources([bundle])),
  served.rules,
);

/** Each finding's sites as the findings table, time axis and body map show them. */
const sitesShown = (locale: Locale) =>
  model.findings.map((f) => labelsFor(locale, served).sites(f));
/** The findings table's sources per finding, and the time axis's studies. */
function imagingShown(locale: Locale) {
  const labels = labelsFor(locale, served);
  return {
    sources: model.findings.map((f) => f.sources.map((s) => labels.source(s))),
    studies: model.studies.map((s) => labels.study(s)),
  };
}
const ENGLISH_WORDS = /unnamed site|imaging report|imaging study/i;

describe('unnamed site, study and report on the zh-CN timeline', () => {
  it('calls the site 未命名部位', () => {
    const sites = sitesShown('zh-CN');
    expect(sites).toEqual(['肝', '未命名部位']);
    expect(sites.join()).not.toMatch(ENGLISH_WORDS);
  });

  it('calls the study 影像学检查 and the report 影像学报告', () => {
    const shown = imagingShown('zh-CN');
    expect(shown).toEqual({ sources: [['影像学检查', '影像学报告'], []], studies: ['影像学检查'] });
    expect(JSON.stringify(shown)).not.toMatch(ENGLISH_WORDS);
  });
});

describe('unnamed site, study and report on the English timeline', () => {
  it('are the same English words as on English cards', () => {
    expect(sitesShown('en')).toEqual(['Liver structure', 'unnamed site']);
    expect(imagingShown('en')).toEqual({
      sources: [['imaging study', 'imaging report'], []],
      studies: ['imaging study'],
    });
  });
});
