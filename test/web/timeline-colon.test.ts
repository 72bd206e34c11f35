/**
 * A label and its value: the timeline's Chinese joins them with the full-width colon "：" and
 * no space after it, as Chinese is written, and its English with ": ". Checked on the Chinese
 * dictionary and on texts the timeline builds from a dictionary: a finding's and an event's
 * full description (their accessible names) and a failure with its cause. The patient line,
 * the body map's key and the unreadable-data notice are checked as drawn, in
 * test/browser/timeline-access.test.ts and timeline-unreadable.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { timelineSettingsDocument } from '../../src/http/timeline-app.js';
import { buildPatientRecord, flattenResources } from '../../src/rules/patient-record.js';
import { eventName, findingName } from '../../web/timeline/finding-lane.js';
import { DICTIONARIES, withCause } from '../../web/timeline/i18n.js';
import { labelsFor } from '../../web/timeline/labels.js';
import { buildTimelineModel } from '../../web/timeline/timeline-model.js';
import { compileTimelineSettings } from '../../web/timeline/timeline-settings.js';
import { defaultSettings } from '../support/app.js';
import { FINDINGS_PATIENT, findingsDaysApartBundle } from '../support/timeline-findings.js';

const served = compileTimelineSettings(
  JSON.parse(JSON.stringify(timelineSettingsDocument(defaultSettings))),
);
const model = buildTimelineModel(
  buildPatientRecord(FINDINGS_PATIENT, flattenResources([findingsDaysApartBundle()])),
  served.rules,
);

const stringsOf = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Object.values(value as object).flatMap(stringsOf);

describe('the colon between a label and its value', () => {
  it('is never the ASCII colon in the Chinese dictionary', () => {
    for (const text of stringsOf(DICTIONARIES['zh-CN'])) expect(text).not.toContain(':');
  });

  it('follows a finding’s class and an event’s name, full-width in Chinese', () => {
    const [finding] = model.findings;
    const [diagnosis] = model.myelomaEvents;
    if (!finding || !diagnosis) throw new Error('the patient has a finding and a diagnosis');
    const zh = labelsFor('zh-CN', served);
    expect(findingName(finding, zh)).toMatch(/^真正的 EMD（软组织\/器官）：肝, /);
    expect(eventName(diagnosis, zh)).toMatch(/^骨髓瘤确诊：2026年1月10日 \(/);
    const en = labelsFor('en', served);
    expect(findingName(finding, en)).toMatch(
      /^true EMD \(soft tissue \/ organ\): Liver structure, /,
    );
    expect(eventName(diagnosis, en)).toMatch(/^myeloma diagnosed: Jan 10, 2026 \(/);
  });

  it('follows a failure, before its cause, full-width in Chinese', () => {
    const zh = DICTIONARIES['zh-CN'];
    expect(withCause(zh, zh.errors.fhir, new Error('HTTP 503'))).toBe(
      '无法读取 FHIR 服务器：HTTP 503',
    );
    const { en } = DICTIONARIES;
    expect(withCause(en, en.errors.settings, 'HTTP 404')).toBe(
      'The EMD service’s settings could not be loaded: HTTP 404',
    );
  });
});
