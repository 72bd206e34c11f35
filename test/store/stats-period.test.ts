/**
 * The period of the statistics (src/store/stats-period.ts): [from, to) in UTC, whatever the
 * server's time zone. Expected instants are written out by hand from the input and its offset.
 */
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../src/errors.js';
import { statsPeriod } from '../../src/store/stats-period.js';
import {
  NOT_DATE_TIMES,
  REAL_DATE_TIMES,
  REAL_DATES,
  UNREAL_DATE_TIMES,
  UNREAL_DATES,
} from '../support/rfc3339-cases.js';

const NOW = new Date('2026-12-06T03:00:00Z');

/** The field and message of the refusal, or the period. */
function periodOf(from: unknown, to: unknown) {
  try {
    return statsPeriod(from, to, NOW);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return { code: error.code, expression: error.issues[0]?.expression, message: error.message };
  }
}

describe('statsPeriod', () => {
  it('reads a date as 00:00 UTC and a date-time at its own offset', () => {
    const cases: [string, string, { from: string; to: string }][] = [
      [
        '2026-11-01',
        '2026-12-01',
        { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
      ],
      [
        '2026-11-01T00:00:00+08:00',
        '2026-11-01T00:00:00-05:00',
        { from: '2026-10-31T16:00:00.000Z', to: '2026-11-01T05:00:00.000Z' },
      ],
      [
        '2026-11-01T10:05:31.25Z',
        '2026-11-01t10:05:32z',
        { from: '2026-11-01T10:05:31.250Z', to: '2026-11-01T10:05:32.000Z' },
      ],
      [
        '2024-02-29',
        '2024-03-01',
        { from: '2024-02-29T00:00:00.000Z', to: '2024-03-01T00:00:00.000Z' },
      ],
    ];
    for (const [from, to, expected] of cases)
      expect([from, to, periodOf(from, to)]).toEqual([from, to, expected]);
  });

  it('is the 30 days before now by default, and the 30 days before `to` when only `to` is given', () => {
    expect(periodOf(undefined, undefined)).toEqual({
      from: '2026-11-06T03:00:00.000Z',
      to: '2026-12-06T03:00:00.000Z',
    });
    // Before, `from` stayed 30 days before now: 2026-11-06, after this `to`, so always empty.
    expect(periodOf(undefined, '2026-10-01')).toEqual({
      from: '2026-09-01T00:00:00.000Z',
      to: '2026-10-01T00:00:00.000Z',
    });
  });

  it('refuses a date-time without offset, which the server read in its own time zone', () => {
    for (const value of ['2026-11-01T00:00', '2026-11-01T00:00:00', '2026-11-01 00:00:00Z'])
      expect([value, periodOf(value, '2026-12-01')]).toEqual([
        value,
        {
          code: 'invalid-request',
          expression: ['from'],
          message:
            'from: must be a date (2026-11-01, read as 00:00 UTC) or a date-time with its offset (2026-11-01T08:00:00Z, 2026-11-01T08:00:00+08:00)',
        },
      ]);
  });

  it('refuses forms that are not ISO dates, which were read as something else', () => {
    // new Date() read '12/01/2026' and 'Dec 1 2026' in local time and '1' as 1 January 2001.
    for (const value of [
      '12/01/2026',
      'Dec 1 2026',
      '1',
      '2026',
      '2026-11',
      'yesterday',
      '',
      7,
      ['2026-11-01'],
    ])
      expect([value, periodOf('2026-11-01', value)]).toMatchObject([
        value,
        { code: 'invalid-request', expression: ['to'] },
      ]);
  });

  it('refuses a day or time that does not exist, which was rolled into the next month or day', () => {
    for (const value of [
      '2026-02-30',
      '2026-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-11-00',
      '2026-11-01T24:00:00Z',
      '2026-11-01T10:60:00Z',
      '2026-11-01T10:00:60Z',
      '2026-11-01T10:00:00+24:00',
    ])
      expect([value, periodOf(value, '2027-01-01')]).toEqual([
        value,
        {
          code: 'invalid-request',
          expression: ['from'],
          message: `from: ${value} is not a real date or time`,
        },
      ]);
  });

  it('refuses an instant whose UTC year is past 9999 or before 0000, which the stores cannot order', () => {
    // 9999-12-31T23:59:59-23:59 is 10000-01-01T23:58:59Z; 0000-01-01T00:00:00+00:01 is
    // 31 December of year -1, 23:59 UTC.
    expect(periodOf('2026-11-01', '9999-12-31T23:59:59-23:59')).toEqual({
      code: 'invalid-request',
      expression: ['to'],
      message: 'to: 9999-12-31T23:59:59-23:59 is outside the years 0000-9999 in UTC',
    });
    expect(periodOf('0000-01-01T00:00:00+00:01', '2026-11-01')).toEqual({
      code: 'invalid-request',
      expression: ['from'],
      message: 'from: 0000-01-01T00:00:00+00:01 is outside the years 0000-9999 in UTC',
    });
    expect(periodOf('0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z')).toEqual({
      from: '0000-01-01T00:00:00.000Z',
      to: '9999-12-31T23:59:59.000Z',
    });
  });

  it('refuses a `to` that is not later than `from`, rather than answering an empty period', () => {
    const cases: [string, string, string][] = [
      ['2026-12-01', '2026-11-01', '2026-12-01T00:00:00.000Z'],
      ['2026-11-01', '2026-11-01', '2026-11-01T00:00:00.000Z'],
      ['2026-11-01T08:00:00+08:00', '2026-11-01', '2026-11-01T00:00:00.000Z'],
    ];
    for (const [from, to, fromInstant] of cases)
      expect([from, to, periodOf(from, to)]).toEqual([
        from,
        to,
        {
          code: 'invalid-request',
          expression: ['to'],
          message: `to: must be later than from (${fromInstant}): the period is [from, to)`,
        },
      ]);
  });

  // The cases of RFC 3339 (test/support/rfc3339-cases.ts), each as `to`, `from` being the 30
  // days before it. Date.UTC read years 0000–0099 as 1900–1999, and the check of the fields
  // read back refused them, where RFC 3339 §5.6 allows any 4-digit year.
  // An instant outside years 0000–9999 in UTC is refused instead (the test above).
  const storable = REAL_DATE_TIMES.filter(([, instant]) => /^\d{4}-/.test(instant));
  it.each([...storable.map(([text, instant]) => [text, instant] as const), ...REAL_DATES])(
    'reads %s as %s',
    (text, instant) => {
      expect(periodOf(undefined, text)).toMatchObject({ to: instant });
    },
  );

  it.each([...UNREAL_DATE_TIMES.map(([text]) => text), ...UNREAL_DATES])(
    'refuses %s as no real date or time',
    (text) => {
      expect(periodOf(undefined, text)).toEqual({
        code: 'invalid-request',
        expression: ['to'],
        message: `to: ${text} is not a real date or time`,
      });
    },
  );

  it.each(NOT_DATE_TIMES)('refuses %s as of another form (%s)', (text) => {
    expect(periodOf(undefined, text)).toMatchObject({
      code: 'invalid-request',
      expression: ['to'],
      message: expect.stringMatching(/^to: must be a date \(2026-11-01/) as unknown,
    });
  });
});
