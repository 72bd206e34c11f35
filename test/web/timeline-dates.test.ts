/**
 * Dates on the timeline as the cards give them (H71): the card writes the date part of the
 * record's value as written (src/cds/cards/finding-view.ts), so the timeline must show the same
 * day, whatever the zone of a time, and no day at all for a year or a month. Expected strings
 * typed by hand, in each locale's medium style (Intl, as the app writes dates).
 */
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../web/timeline/i18n.js';
import { buildTimelineModel } from '../../web/timeline/timeline-model.js';
import {
  defaultRuleSettings,
  imagingStudy,
  myeloma,
  plasmacytoma,
  recordOf,
  SITE,
} from '../rules/fixtures.js';

describe('a date on the timeline', () => {
  it.each([
    // The evening in New York is the next day at UTC; the card says 5 October.
    ['2026-10-05T23:30:00-05:00', 'Oct 5, 2026', '2026年10月5日'],
    // Early morning in Shanghai is the previous day at UTC; the card says 6 October.
    ['2026-10-06T01:00:00+08:00', 'Oct 6, 2026', '2026年10月6日'],
    ['2026-10-06', 'Oct 6, 2026', '2026年10月6日'],
    ['2026-05', 'May 2026', '2026年5月'],
    ['2026', '2026', '2026年'],
  ])('%s is shown as the record and the card give it', (value, english, chinese) => {
    expect(formatDate(value, 'en')).toBe(english);
    expect(formatDate(value, 'zh-CN')).toBe(chinese);
  });

  it('is shown as written when it cannot be read', () => {
    for (const value of ['2026-13', 'spring 2019', '05/10/2026'])
      expect(formatDate(value, 'en'), value).toBe(value);
  });

  it('of a finding and a study recorded west of UTC in the evening is the day recorded', () => {
    const model = buildTimelineModel(
      recordOf([
        myeloma('mm', { onset: '2026-06-01' }),
        plasmacytoma('pc', [SITE.brain], { onset: '2026-10-05T23:30:00-05:00' }),
        imagingStudy('mr1', { started: '2026-10-05T22:10:00-05:00', modality: ['MR'] }),
      ]),
      defaultRuleSettings,
    );
    expect(model.findings.map((f) => formatDate(f.date, 'en'))).toEqual(['Oct 5, 2026']);
    expect(model.studies.map((s) => formatDate(s.date, 'en'))).toEqual(['Oct 5, 2026']);
  });
});
