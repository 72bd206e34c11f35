/**
 * The one time module (src/rules/time.ts): the lookback window of the rules page (§3,
 * "Imaging coverage": recent = within the lookback, default 180 days, not after now) and the
 * date a report counts from. Expected values are typed by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  daysBefore,
  earliest,
  instantRange,
  isoDate,
  isSurelyWithinLookback,
  mayBeWithinLookback,
  reportDate,
} from '../../src/rules/time.js';
import { unreadableDateMark } from '../../src/rules/lenient-readings.js';

const now = new Date('2026-06-30T12:00:00Z');

// A day or an instant is one point in time: both readings of the lookback agree on it.
const READINGS = [
  ['isSurelyWithinLookback', isSurelyWithinLookback],
  ['mayBeWithinLookback', mayBeWithinLookback],
] as const;

describe.each(READINGS)('%s', (_name, isWithinLookback) => {
  it.each([
    ['2026-01-01T12:00:00Z', true], // exactly 180 days before now
    ['2026-01-01T11:59:59Z', false], // one second older
    ['2026-06-30T12:00:00Z', true], // now itself
    ['2026-06-30T14:00:01Z', false], // over two hours ahead: the future is not recent
    ['not a date', false],
    [undefined, false],
  ])('%s within 180 days of 2026-06-30T12:00Z is %s', (date, expected) => {
    expect(isWithinLookback(date, now, 180)).toBe(expected);
  });

  // FHIR R4 dateTime: a date (or a year or month) has no time zone, and a time SHALL carry one
  // but DICOM study times come without. Such a value is the day or time where the study was
  // done, and zones run to UTC+14:00: at 2026-06-30T20:00Z it is already 1 July from UTC+04:00
  // eastwards (04:00 in Beijing), so a study dated 1 July there is done, not in the future.
  const eveningUtc = new Date('2026-06-30T20:00:00Z');
  it.each([
    ['2026-07-01', true], // today in Beijing, date only
    ['2026-07', true], // this month in Beijing, month only
    ['2026-07-01T03:10:00', true], // 03:10 this morning in Beijing, written without its zone
    ['2026-07-02', false], // has begun nowhere yet (2 July begins at 10:00Z in UTC+14:00)
    ['2026-07-01T03:10:00+08:00', true], // with its zone: one instant, 30 June 19:10Z
    ['2026-07-01T06:10:00+08:00', false], // with its zone: 30 June 22:10Z, over two hours ahead
  ])('%s within 180 days of 2026-06-30T20:00Z is %s', (date, expected) => {
    expect(isWithinLookback(date, eveningUtc, 180)).toBe(expected);
  });
});

// A time with its zone is one instant, but the clocks that write it (a modality, the PACS) and
// the service's disagree by minutes, and a modality left on summer time runs an hour ahead (H117).
// A report timed so must not be hidden (maybe within: emd-reported-not-listed); a study timed so
// must not withhold a PET/CT or MRI (surely within: coverage), as H49 weighs the two readings.
describe('a time with its zone a little after now', () => {
  it.each([
    ['2026-06-30T12:00:01Z', false, true], // one second ahead
    ['2026-06-30T12:05:00Z', false, true], // five minutes ahead
    ['2026-06-30T21:10:00+08:00', false, true], // an hour and ten minutes ahead, written in +08:00
    ['2026-06-30T14:00:00Z', false, true], // two hours ahead: the last instant allowed
    ['2026-06-30T14:00:01Z', false, false], // beyond two hours: the future
  ])('%s at 2026-06-30T12:00Z: surely %s, maybe %s', (date, surely, maybe) => {
    expect(isSurelyWithinLookback(date, now, 180)).toBe(surely);
    expect(mayBeWithinLookback(date, now, 180)).toBe(maybe);
  });
});

// A year or a month (FHIR R4 allows both; migrated and outside imaging carry them) is every day
// in it. At 2026-06-30T12:00Z the 180-day window starts at 2026-01-01T12:00Z, so January 2026
// and the year 2026 straddle it: maybe within, not surely. Coverage counts only a study surely
// within (an uncertain one must not withhold a PET/CT or MRI suggestion); emd-reported-not-listed
// counts a report maybe within (an uncertain one must not hide a plasmacytoma). H49.
describe('a year or a month straddling the start of the lookback', () => {
  it.each([
    // date, surely within, maybe within
    ['2026-01', false, true], // 1–31 January: begins 12 hours before the window
    ['2026', false, true], // the whole of 2026, begun in January
    ['2026-02', true, true], // all of February is within
    ['2025-12', false, false], // ended before the window began
    ['2025', false, false],
    ['2026-13', false, false], // no such month
  ])('%s at 2026-06-30T12:00Z: surely %s, maybe %s', (date, surely, maybe) => {
    expect(isSurelyWithinLookback(date, now, 180)).toBe(surely);
    expect(mayBeWithinLookback(date, now, 180)).toBe(maybe);
  });

  it('reads January as maybe within while its last day is in the window, and not after', () => {
    // 2026-07-30T00:00Z minus 180 days is 2026-01-31T00:00Z: the last day of January is in.
    const end = new Date('2026-07-30T00:00:00Z');
    expect(mayBeWithinLookback('2026-01', end, 180)).toBe(true);
    expect(mayBeWithinLookback('2026-01', new Date('2026-07-31T00:00:00Z'), 180)).toBe(false);
  });
});

// The near end: a study or report has been done, so the month or year it is dated in counts from
// its first day against "not after now", whichever reading; its last day is still to come.
describe('a year or a month at "now"', () => {
  const midJune = new Date('2026-06-15T12:00:00Z');
  it.each([
    ['2026-06', true], // the current month
    ['2026', true], // the current year (from 1 January, within 180 days of 15 June)
    ['2026-07', false], // next month: has begun nowhere yet (1 July begins 2026-06-30T10:00Z in UTC+14)
    ['2027', false],
  ])('%s at 2026-06-15T12:00Z is %s in both readings', (date, expected) => {
    expect(isSurelyWithinLookback(date, midJune, 180)).toBe(expected);
    expect(mayBeWithinLookback(date, midJune, 180)).toBe(expected);
  });

  it('counts the month that has just begun, at its first instant', () => {
    const firstOfNovember = new Date('2026-11-01T00:00:00Z');
    expect(isSurelyWithinLookback('2026-11', firstOfNovember, 180)).toBe(true);
    expect(mayBeWithinLookback('2026-11', firstOfNovember, 180)).toBe(true);
    expect(mayBeWithinLookback('2026-12', firstOfNovember, 180)).toBe(false);
  });
});

describe('dates', () => {
  it('daysBefore counts 24-hour days back from now', () => {
    expect(daysBefore(now, 30).toISOString()).toBe('2026-05-31T12:00:00.000Z');
  });

  it('a report counts from its effective time, then its period start, then its issue time', () => {
    const base = { resourceType: 'DiagnosticReport', status: 'final', code: {} } as const;
    expect(
      reportDate({ ...base, effectiveDateTime: '2026-01-02', issued: '2026-01-05T00:00:00Z' }),
    ).toBe('2026-01-02');
    expect(
      reportDate({
        ...base,
        effectivePeriod: { start: '2026-01-03' },
        issued: '2026-01-05T00:00:00Z',
      }),
    ).toBe('2026-01-03');
    expect(reportDate({ ...base, issued: '2026-01-05T00:00:00Z' })).toBe('2026-01-05T00:00:00Z');
  });

  it('a report whose effective[x] could not be read is undated, its issue time not standing in (H102)', () => {
    const base = { resourceType: 'DiagnosticReport', status: 'final', code: {} } as const;
    const issued = '2026-01-05T00:00:00Z';
    expect(reportDate({ ...base, _effectiveDateTime: unreadableDateMark(), issued })).toBe(
      undefined,
    );
    expect(reportDate({ ...base, effectivePeriod: { _start: unreadableDateMark() }, issued })).toBe(
      undefined,
    );
  });

  it('isoDate keeps the date part as written, earliest prefers a parseable date', () => {
    expect(isoDate('2026-03-04T23:30:00-05:00')).toBe('2026-03-04');
    expect(isoDate('2026-03')).toBe('2026-03');
    expect(earliest('2026-03-04', '2025-12-31')).toBe('2025-12-31');
    expect(earliest('unknown', '2026-03-04')).toBe('2026-03-04');
  });
});

// FHIR R4 date and dateTime take any year from 0001 (a typing slip such as 0099 for 1999 is
// still a date), and instantRange reads a year or a month as every instant in it. Date.UTC,
// which read it, takes years 0–99 as 1900–1999: 0050 was 1950, and 0099 ran from 1999 to 0099.
describe('a year or a month before year 100', () => {
  it.each([
    ['0001', '0001-01-01T00:00:00.000Z', '0001-12-31T23:59:59.999Z'],
    ['0050', '0050-01-01T00:00:00.000Z', '0050-12-31T23:59:59.999Z'],
    ['0099', '0099-01-01T00:00:00.000Z', '0099-12-31T23:59:59.999Z'],
    ['0050-02', '0050-02-01T00:00:00.000Z', '0050-02-28T23:59:59.999Z'],
    ['0099-12', '0099-12-01T00:00:00.000Z', '0099-12-31T23:59:59.999Z'],
    ['0100', '0100-01-01T00:00:00.000Z', '0100-12-31T23:59:59.999Z'],
  ])('instantRange reads %s as %s to %s', (date, first, last) => {
    const range = instantRange(date);
    expect(
      range && [new Date(range.first).toISOString(), new Date(range.last).toISOString()],
    ).toEqual([first, last]);
  });
});

// A time written without its zone is invalid FHIR but common in DICOM-derived data. ECMAScript
// reads it in the process's zone; the rules read it at UTC, so they give the same answer
// wherever the service runs. Run here in a zone far from UTC (Node applies a changed TZ at
// once); the expected instants are the same times written with "Z".
describe('a time without its zone, on a server east of UTC', () => {
  let zone: string | undefined;
  beforeAll(() => {
    zone = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('is read at UTC by instantRange, as the same time with "Z"', () => {
    const utc = Date.parse('2026-07-01T03:10:00Z');
    expect(instantRange('2026-07-01T03:10:00')).toEqual({ first: utc, last: utc });
  });

  it('is compared at UTC by earliest: 03:10 without a zone is after 01:00Z', () => {
    expect(earliest('2026-07-01T03:10:00', '2026-07-01T01:00:00Z')).toBe('2026-07-01T01:00:00Z');
  });

  it('keeps times with a zone as they are', () => {
    const instant = Date.parse('2026-06-30T19:10:00Z');
    expect(instantRange('2026-07-01T03:10:00+08:00')).toEqual({ first: instant, last: instant });
  });
});

// FHIR R4 dateTime and instant allow a leap second (23:59:60, as XML Schema and RFC 3339 §5.7
// do); the last one was 2016-12-31T23:59:60Z. It is read as that minute's :59.999 (H66).
describe('a leap second', () => {
  const afterLeap = new Date('2017-03-01T12:00:00Z');

  it('is the last millisecond of that minute, whatever its fraction or offset', () => {
    expect(instantRange('2016-12-31T23:59:60Z')).toEqual({
      first: Date.UTC(2016, 11, 31, 23, 59, 59, 999),
      last: Date.UTC(2016, 11, 31, 23, 59, 59, 999),
    });
    expect(instantRange('2016-12-31T23:59:60.5Z')?.first).toBe(
      Date.UTC(2016, 11, 31, 23, 59, 59, 999),
    );
    expect(instantRange('2017-01-01T00:59:60+01:00')?.first).toBe(
      Date.UTC(2016, 11, 31, 23, 59, 59, 999),
    );
    // Without a zone (invalid FHIR, DICOM-derived data): read at UTC, as any other time.
    expect(instantRange('2016-12-31T23:59:60')?.first).toBe(
      Date.UTC(2016, 11, 31, 23, 59, 59, 999),
    );
  });

  it('is within the lookback in both readings, as the second before it is', () => {
    for (const [, isWithinLookback] of READINGS)
      expect(isWithinLookback('2016-12-31T23:59:60Z', afterLeap, 180)).toBe(true);
  });

  it('orders after the second before it and before the next minute', () => {
    expect(earliest('2016-12-31T23:59:60Z', '2017-01-01T00:00:00Z')).toBe('2016-12-31T23:59:60Z');
    expect(earliest('2016-12-31T23:59:60Z', '2016-12-31T23:59:59Z')).toBe('2016-12-31T23:59:59Z');
  });

  it('leaves 60 minutes and other seconds as they were: not a time', () => {
    expect(instantRange('2016-12-31T23:60:00Z')).toBeUndefined();
    expect(instantRange('2016-12-31T23:59:61Z')).toBeUndefined();
  });
});
