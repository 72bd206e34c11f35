/**
 * A feedback item's `outcomeTimestamp` (src/cds/feedback-schema.ts): an RFC 3339 date-time that
 * exists, read by the one check (src/rules/rfc3339.ts), on the cases typed from the RFC in
 * test/support/rfc3339-cases.ts. The HTTP answer to a refused one: test/http/feedback.test.ts.
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

describe('outcomeTimestamp', () => {
  it.each(REAL_DATE_TIMES)('takes %s (%s)', (text) => {
    expect(problemsOf(text)).toEqual([]);
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
