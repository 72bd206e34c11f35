/**
 * RFC 3339 dates and date-times, typed from the RFC, for the one check (src/rules/rfc3339.ts)
 * and both its callers (the feedback's `outcomeTimestamp`, the statistics' period). Each valid
 * one comes with its instant in UTC, worked out by hand from its offset.
 */

/** §5.6 date-time, and the instant it names. */
export const REAL_DATE_TIMES: readonly (readonly [string, string, string])[] = [
  ['1985-04-12T23:20:50.52Z', '1985-04-12T23:20:50.520Z', '§5.8 example'],
  ['1996-12-19T16:39:57-08:00', '1996-12-20T00:39:57.000Z', '§5.8 example, 8 hours behind UTC'],
  ['1937-01-01T12:00:27.87+00:20', '1937-01-01T11:40:27.870Z', '§5.8 example, 20 minutes ahead'],
  ['1985-04-12t23:20:50.52z', '1985-04-12T23:20:50.520Z', '§5.6 NOTE: t and z in lower case'],
  ['1985-04-12T23:20:50-00:00', '1985-04-12T23:20:50.000Z', '§4.3: -00:00 is UTC'],
  ['2026-11-01T00:00:00+23:59', '2026-10-31T00:01:00.000Z', 'time-numoffset hours up to 23'],
  ['2026-11-01T10:05:31.123456789Z', '2026-11-01T10:05:31.123Z', 'nanoseconds, cut to ms'],
  ['2000-02-29T10:00:00Z', '2000-02-29T10:00:00.000Z', 'Appendix C: 2000 is divisible by 400'],
  ['2024-02-29T10:00:00Z', '2024-02-29T10:00:00.000Z', 'Appendix C: 2024 is divisible by 4'],
  ['0000-02-29T00:00:00Z', '0000-02-29T00:00:00.000Z', 'Appendix C: 0 is divisible by 400'],
  ['0050-06-15T08:30:00+02:00', '0050-06-15T06:30:00.000Z', '§5.6 date-fullyear is any 4DIGIT'],
  ['0099-12-31T23:59:59Z', '0099-12-31T23:59:59.000Z', 'the last second of year 99'],
  ['0000-01-01T00:00:00+01:00', '-000001-12-31T23:00:00.000Z', 'an hour before year 0, UTC'],
  ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.000Z', 'the largest date-fullyear'],
];

/** The form of §5.6, but a field out of §5.7's ranges. */
export const UNREAL_DATE_TIMES: readonly (readonly [string, string])[] = [
  ['1900-02-29T10:00:00Z', 'Appendix C: 1900 is divisible by 100, not 400'],
  ['2026-02-29T10:00:00Z', 'Appendix C: 2026 is not divisible by 4'],
  ['2026-02-30T10:00:00Z', '§5.7: February has 28 or 29 days'],
  ['2026-04-31T10:00:00Z', '§5.7: April has 30 days'],
  ['2026-13-01T10:00:00Z', '§5.6: date-month 01-12'],
  ['2026-00-10T10:00:00Z', '§5.6: date-month 01-12'],
  ['2026-11-00T10:00:00Z', '§5.6: date-mday from 01'],
  ['2026-11-01T24:00:00Z', '§5.6: time-hour 00-23'],
  ['2026-11-01T10:60:00Z', '§5.6: time-minute 00-59'],
  ['2026-11-01T10:05:61Z', '§5.6: time-second 00-60'],
  // §5.7 allows :60 at the end of a month with a leap second (§5.8 has this example); refused,
  // as ECMAScript time has no leap seconds and no store can order one.
  ['1990-12-31T23:59:60Z', '§5.8 leap second example'],
  ['2026-11-01T10:05:31+24:00', '§5.6: time-numoffset hour 00-23'],
  ['2026-11-01T10:05:31+05:60', '§5.6: time-numoffset minute 00-59'],
];

/** Not the form of §5.6 date-time. */
export const NOT_DATE_TIMES: readonly (readonly [string, string])[] = [
  ['2026-11-01 10:05:31Z', '§5.6 NOTE: a space only by agreement, none here'],
  ['2026-11-01T10:05:31', '§5.6: time-offset is required'],
  ['2026-11-01T10:05Z', '§5.6: partial-time has seconds'],
  ['2026-11-01T10:05:31.Z', '§5.6: time-secfrac has a digit'],
  ['26-11-01T10:05:31Z', '§5.6: date-fullyear is 4 digits'],
  ['+002026-11-01T10:05:31Z', '§5.6: date-fullyear is 4 digits, no sign'],
  ['2026-11-01T10:05:31+0800', '§5.6: time-numoffset has a colon'],
];

/** §5.6 full-date, and the instant of its 00:00 UTC (the statistics' reading of a date). */
export const REAL_DATES: readonly (readonly [string, string])[] = [
  ['2000-02-29', '2000-02-29T00:00:00.000Z'],
  ['2024-02-29', '2024-02-29T00:00:00.000Z'],
  ['0000-02-29', '0000-02-29T00:00:00.000Z'],
  ['0050-01-01', '0050-01-01T00:00:00.000Z'],
  ['9999-12-31', '9999-12-31T00:00:00.000Z'],
];

/** The form of §5.6 full-date, but a day that does not exist. */
export const UNREAL_DATES: readonly string[] = [
  '1900-02-29',
  '2026-02-29',
  '0100-02-29',
  '2026-13-01',
  '2026-11-00',
];
