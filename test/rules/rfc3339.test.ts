/**
 * The one RFC 3339 check (src/rules/rfc3339.ts), on the cases typed from the RFC in
 * test/support/rfc3339-cases.ts: the feedback and the statistics read date-times through it.
 */
import { describe, expect, it } from 'vitest';
import { dateTimeMs, fullDateMs } from '../../src/rules/rfc3339.js';
import {
  NOT_DATE_TIMES,
  REAL_DATE_TIMES,
  REAL_DATES,
  UNREAL_DATE_TIMES,
  UNREAL_DATES,
} from '../support/rfc3339-cases.js';

/** The instant as ISO 8601 UTC, or why there is none. */
function instantOf(reading: number | string): string {
  return typeof reading === 'number' ? new Date(reading).toISOString() : reading;
}

describe('dateTimeMs', () => {
  it.each(REAL_DATE_TIMES)('reads %s as %s (%s)', (text, instant) => {
    expect(instantOf(dateTimeMs(text))).toBe(instant);
  });

  it.each(UNREAL_DATE_TIMES)('finds %s out of range (%s)', (text) => {
    expect(dateTimeMs(text)).toBe('range');
  });

  it.each(NOT_DATE_TIMES)('finds %s not of the form (%s)', (text) => {
    expect(dateTimeMs(text)).toBe('form');
  });

  it('takes no full-date: a date-time has a time', () => {
    expect(dateTimeMs('2026-11-01')).toBe('form');
  });
});

describe('fullDateMs', () => {
  it.each(REAL_DATES)('reads %s as %s', (text, instant) => {
    expect(instantOf(fullDateMs(text))).toBe(instant);
  });

  it.each(UNREAL_DATES)('finds %s out of range', (text) => {
    expect(fullDateMs(text)).toBe('range');
  });

  it('takes no date-time, nor a year or a month', () => {
    for (const text of ['2026-11-01T00:00:00Z', '2026-11', '2026', '26-11-01'])
      expect([text, fullDateMs(text)]).toEqual([text, 'form']);
  });
});
