/**
 * A study timed at a leap second on the timeline (H66): FHIR R4 dateTime allows 23:59:60, and
 * the last one was 2016-12-31T23:59:60Z. The timeline reads it as the rules do (that minute's
 * :59.999), so the study is dated, placed on the axis in time order and its date shown, not
 * sorted last as undated with its raw text.
 */
import { describe, expect, it } from 'vitest';
import { timeScale } from '../../web/timeline/axis-layout.js';
import { formatDate } from '../../web/timeline/i18n.js';
import { buildTimelineModel } from '../../web/timeline/timeline-model.js';
import { defaultRuleSettings, imagingStudy, recordOf } from '../rules/fixtures.js';

const LEAP = '2016-12-31T23:59:60Z';

describe('a study at a leap second on the timeline', () => {
  it('is dated: in time order between the studies before and after it, and in the range', () => {
    const model = buildTimelineModel(
      recordOf([
        imagingStudy('later', { started: '2017-01-01T00:00:00Z', modality: ['CT'] }),
        imagingStudy('leap', { started: LEAP, modality: ['PT'] }),
        imagingStudy('earlier', { started: '2016-12-31T23:59:59Z', modality: ['MR'] }),
      ]),
      defaultRuleSettings,
    );
    expect(model.studies.map((s) => s.reference)).toEqual([
      'ImagingStudy/earlier',
      'ImagingStudy/leap',
      'ImagingStudy/later',
    ]);
    expect(model.range).toEqual({
      start: Date.UTC(2016, 11, 31, 23, 59, 59),
      end: Date.UTC(2017, 0, 1),
    });
  });

  it('is placed on the axis and its date is shown', () => {
    const scale = timeScale({ start: Date.UTC(2016, 0, 1), end: Date.UTC(2017, 11, 31) }, 0, 1000);
    const x = scale.x(LEAP);
    expect(x).toBeDefined();
    expect(x).toBeCloseTo(scale.x('2017-01-01T00:00:00Z') ?? Number.NaN, 3);
    expect(formatDate(LEAP, 'en')).toBe('Dec 31, 2016');
  });
});
