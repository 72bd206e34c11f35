/**
 * A feedback item's `outcomeTimestamp` (src/cds/feedback-schema.ts): an RFC 3339 date-time that
 * exists, in UTC, read by the one check (src/rules/rfc3339.ts), on the cases typed from the RFC
 * in test/support/rfc3339-cases.ts. The HTTP answer to a refused one: test/http/feedback.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { feedbackItemSchema } from '../../src/cds/feedback-schema.js';
import { NOT_DATE_TIMES, REAL_DATE_TIMES, UNREAL_DATE_TIMES } from '../support/rfc3339-cases.js';

/** The messages about the timestamp of an otherwise valid overridden item; none when taken. */
function problemsOf(outcomeTimestamp: string): string[] {
  const item = {
    card: 'c1',
    outcome: 'overridden',
    overrideReason: { userComment: 'seen' },
    outcomeTimestamp,
  };
  const result = feedbackItemSchema.safeParse(item);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

/**
 * CDS Hooks 2.0 §Feedback: outcomeTimestamp is the "ISO8601 representation of the date and time
 * in Coordinated Universal Time (UTC) when action was taken on the card, as profiled in section
 * 5.6 of RFC3339. e.g. 1985-04-12T23:20:50.52Z". The real date-times of rfc3339-cases.ts that
 * RFC 3339 writes in local time (an offset other than Z, +00:00 or -00:00, §4.3), by hand:
 */
const LOCAL_TIMES = [
  '1996-12-19T16:39:57-08:00',
  '1937-01-01T12:00:27.87+00:20',
  '2026-11-01T00:00:00+23:59',
  '0050-06-15T08:30:00+02:00',
  '0000-01-01T00:00:00+01:00',
];
const IN_UTC =
  'must be in UTC (CDS Hooks 2.0 §Feedback), written with Z, e.g. 2026-11-25T10:05:31Z';

describe('outcomeTimestamp', () => {
  it.each(REAL_DATE_TIMES.filter(([text]) => !LOCAL_TIMES.includes(text)))(
    'takes %s (%s)',
    (text) => {
      expect(problemsOf(text)).toEqual([]);
    },
  );

  it.each(LOCAL_TIMES)('refuses %s, a real date-time in local time, as not UTC', (text) => {
    expect(problemsOf(text)).toEqual([IN_UTC]);
  });

  it('takes UTC written as a zero offset (RFC 3339 §4.3: +00:00 and -00:00)', () => {
    expect(problemsOf('2026-11-01T10:05:31+00:00')).toEqual([]);
    expect(problemsOf('2026-11-01T10:05:31-00:00')).toEqual([]);
  });

  it.each(UNREAL_DATE_TIMES)('refuses %s as no real date-time (%s)', (text) => {
    expect(problemsOf(text)).toEqual(['must be a real date-time']);
  });

  it.each(NOT_DATE_TIMES)('refuses %s as not RFC 3339 (%s)', (text) => {
    expect(problemsOf(text)).toContain('must be an RFC 3339 date-time, e.g. 2026-11-25T10:05:31Z');
  });

  it('refuses a full-date: RFC 3339 §5.6 date-time has a time', () => {
    expect(problemsOf('2026-11-01')).toContain(
      'must be an RFC 3339 date-time, e.g. 2026-11-25T10:05:31Z',
    );
  });
});
