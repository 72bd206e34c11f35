/**
 * The punctuation of the texts the timeline builds: its Chinese writes the full-width colon
 * "：", parentheses "（…）", comma "，" between clauses and "、" between the names of a list, with
 * no space around them, as Chinese is written; its English ": ", " (…)", ", " and ", ". Checked
 * on the Chinese dictionary and on texts the timeline builds from a dictionary: the accessible
 * names of findings, events, studies and the body map's marks, a study's label, a cited study
 * with its date, an unreadable entry of the notice, and a failure with its cause. The patient
 * line, the body map's key, the drawn labels and the notice are checked as drawn, in
 * test/browser/timeline-access.test.ts, timeline-imaging.test.ts, timeline-labels.test.ts and
 * timeline-unreadable.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { timelineSettingsDocument } from '../../src/http/timeline-app.js';
import { buildPatientRecord, flattenResources } from '../../src/rules/patient-record.js';
import { siteMarkName } from '../../web/timeline/body-map.js';
import { eventName, findingName } from '../../web/timeline/finding-lane.js';
import { sourceText } from '../../web/timeline/findings-table.js';
import { DICTIONARIES, withCause } from '../../web/timeline/i18n.js';
import { studyLabelText, studyName } from '../../web/timeline/imaging-lane.js';
import { labelsFor, type Labels } from '../../web/timeline/labels.js';
import { buildTimelineModel } from '../../web/timeline/timeline-model.js';
import { compileTimelineSettings } from '../../web/timeline/timeline-settings.js';
import { entryRuns, unreadableText } from '../../web/timeline/unreadable-text.js';
import { defaultSettings } from '../support/app.js';
import { FINDINGS_PATIENT, findingsDaysApartBundle } from '../support/timeline-findings.js';
import { STUDIES_PATIENT, STUDY_IDS, studiesDaysApartBundle } from '../support/timeline-studies.js';

const served = compileTimelineSettings(
  JSON.parse(JSON.stringify(timelineSettingsDocument(defaultSettings))),
);
const modelOf = (patient: string, bundle: fhir4.Bundle) =>
  buildTimelineModel(buildPatientRecord(patient, flattenResources([bundle])), served.rules);
const model = modelOf(FINDINGS_PATIENT, findingsDaysApartBundle());
const studies = modelOf(STUDIES_PATIENT, studiesDaysApartBundle()).studies;

const stringsOf = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Object.values(value as object).flatMap(stringsOf);

/**
 * ASCII punctuation Chinese writes full-width (a full stop before a space is a list number's),
 * or a space beside a full-width mark or the middle dot.
 */
const NOT_CHINESE = /[:(),]|\.\s|\s[：（）、，·．]|[：（、，·．]\s/;

const zh = labelsFor('zh-CN', served);
const en = labelsFor('en', served);

describe('the Chinese dictionary', () => {
  it('has no ASCII colon, parenthesis or comma, and no space beside a full-width one', () => {
    for (const text of stringsOf(DICTIONARIES['zh-CN'])) expect(text).not.toMatch(NOT_CHINESE);
  });
});

describe('a finding’s and an event’s accessible names', () => {
  const [finding] = model.findings;
  const [diagnosis] = model.myelomaEvents;
  if (!finding || !diagnosis) throw new Error('the patient has a finding and a diagnosis');

  it('join the class and its sites by a colon, then the date and status by commas', () => {
    expect(findingName(finding, zh)).toBe('真正的 EMD（软组织/器官）：肝，2026年9月12日，活动');
    expect(findingName(finding, en)).toBe(
      'true EMD (soft tissue / organ): Liver structure, Sep 12, 2026, active',
    );
  });

  it('name the event, its date after a colon, the Condition in parentheses', () => {
    expect(eventName(diagnosis, zh)).toBe('骨髓瘤确诊：2026年1月10日（C90.02）');
    expect(eventName(diagnosis, en)).toBe('myeloma diagnosed: Jan 10, 2026 (C90.02)');
  });

  it('name a body map’s mark by its number and site, then its class with its status in the class’s aside', () => {
    const [site] = finding.sites;
    if (!site) throw new Error('the finding has a site');
    const mark = (labels: Labels) => ({ number: 1, finding, siteLabel: labels.site(site) });
    expect(siteMarkName(mark(zh), zh)).toBe('1．肝：真正的 EMD（软组织/器官，活动）');
    expect(siteMarkName(mark(en), en)).toBe(
      '1. Liver structure: true EMD (soft tissue / organ, active)',
    );
  });

  it('join a finding’s statuses by a middle dot, with no space around it in Chinese', () => {
    const unsure = { ...finding, isUncertain: true, isTextOnly: true };
    expect(zh.status(unsure)).toBe('活动·未确认·仅文字记录，未编码');
    expect(en.status(unsure)).toBe('active · unconfirmed · text only, not coded');
  });

  it('give a cited study its date in parentheses, in the findings table', () => {
    const [source] = finding.sources;
    if (!source) throw new Error('the liver finding cites the PET/CT');
    expect(sourceText(source, zh)).toBe('FDG PET/CT whole body（2026年9月12日）');
    expect(sourceText(source, en)).toBe('FDG PET/CT whole body (Sep 12, 2026)');
  });
});

describe('a study not drawn as done', () => {
  const mri = studies.find((s) => s.reference === STUDY_IDS.mri);
  if (!mri) throw new Error('the patient has a registered MRI');

  it('has its status in parentheses in its label', () => {
    expect(studyLabelText(mri, zh)).toBe('MRI brain and whole spine（已登记，尚无图像）');
    expect(studyLabelText(mri, en)).toBe('MRI brain and whole spine (registered, no images yet)');
  });

  it('has its name, date and status joined by commas as its accessible name', () => {
    expect(studyName(mri, zh)).toBe('MRI brain and whole spine，2026年9月15日，已登记，尚无图像');
    expect(studyName(mri, en)).toBe(
      'MRI brain and whole spine, Sep 15, 2026, registered, no images yet',
    );
  });
});

describe('an unreadable entry of the notice', () => {
  it('says it has no valid id in parentheses, its fields after a colon, between list commas', () => {
    const written = (locale: 'en' | 'zh-CN') => {
      const t = DICTIONARIES[locale];
      const [item] = unreadableText(
        [{ resourceType: 'Condition', id: undefined, fields: ['id', 'clinicalStatus'] }],
        t,
      ).items;
      if (!item) throw new Error('one entry');
      return entryRuns(item, t, labelsFor(locale, served).listComma);
    };
    expect(written('zh-CN').map((run) => run.text)).toEqual([
      'Condition',
      '（无有效 id）：不符合 FHIR R4 格式的字段：',
      'id',
      '、',
      'clinicalStatus',
    ]);
    expect(written('en').map((run) => run.text)).toEqual([
      'Condition',
      ' (no valid id): fields not in FHIR R4 form: ',
      'id',
      ', ',
      'clinicalStatus',
    ]);
    // The name and the fields are shown as code, the words between them are not.
    expect(written('en').map((run) => run.code)).toEqual([
      'name',
      undefined,
      'field',
      undefined,
      'field',
    ]);
  });
});

describe('a failure and its cause', () => {
  it('are joined by a colon, full-width in Chinese', () => {
    const t = DICTIONARIES['zh-CN'];
    expect(withCause(t, t.errors.fhir, new Error('HTTP 503'))).toBe(
      '无法读取 FHIR 服务器：HTTP 503',
    );
    const { en: e } = DICTIONARIES;
    expect(withCause(e, e.errors.settings, 'HTTP 404')).toBe(
      'The EMD service’s settings could not be loaded: HTTP 404',
    );
  });
});
