/**
 * RFC 3339 dates and date-times, read to UTC milliseconds with the ranges of §5.7 checked
 * field by field, for the feedback's `outcomeTimestamp` and the statistics' period. Neither
 * `Date.parse` nor `Date.UTC` is a check: V8 reads 2026-02-30 as 2 March and 24:00 as the next
 * day, and `Date.UTC` reads years 0000–0099 as 1900–1999, where §5.6 allows any 4-digit year.
 */
import { utcMs } from './time.js';

/**
 * §5.6 date-time: `T` and `Z` may be lower case (§5.6 NOTE); a fraction of 1 to 9 digits
 * (§5.6 sets no limit; nine, nanoseconds, is what both callers took before they shared this);
 * `-00:00` (§4.3) is UTC. The form only: whether the date and time exist is `dateTimeMs`'s.
 */
export const RFC3339_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2}))$/;

/** §5.6 full-date. */
const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * An instant in UTC milliseconds, or why there is none: `form` when the text is not the
 * grammar's, `range` when a field is out of §5.7's ranges (30 February, 24:00, +24:00).
 */
export type Rfc3339Reading = number | 'form' | 'range';

/**
 * An RFC 3339 date-time at its own offset. A leap second (:60), which §5.7 allows at the end
 * of a month that has one, is `range`: ECMAScript time has no leap seconds, so no store can
 * order it (`Date.parse` refuses it).
 */
export function dateTimeMs(text: string): Rfc3339Reading {
  const match = RFC3339_DATE_TIME.exec(text);
  if (!match) return 'form';
  const field = (group: number) => Number(match[group] ?? 0);
  const [year, month, day] = [field(1), field(2), field(3)];
  const [hour, minute, second] = [field(4), field(5), field(6)];
  const offset = offsetMinutes(match[9] ?? '+', field(10), field(11));
  if (
    !isRealDay(year, month, day) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    offset === undefined
  )
    return 'range';
  // Milliseconds as written, cut (not rounded) to three digits, without float arithmetic.
  const ms = Number((match[7] ?? '').slice(1, 4).padEnd(3, '0'));
  return utcMs(year, month - 1, day, hour, minute, second, ms) - offset * 60_000;
}

/** An RFC 3339 full-date, read as 00:00 UTC. */
export function fullDateMs(text: string): Rfc3339Reading {
  const match = FULL_DATE.exec(text);
  if (!match) return 'form';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDay(year, month, day) ? utcMs(year, month - 1, day) : 'range';
}

/** §5.7: the day of the month runs to 28, 29, 30 or 31, by month and year. */
function isRealDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** §5.7's table, with the leap year of Appendix C (Gregorian: 2000 and 0000 are, 1900 not). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** §5.6 time-numoffset in minutes ahead of UTC; undefined past 23:59 (time-hour, time-minute). */
function offsetMinutes(sign: string, hours: number, minutes: number): number | undefined {
  if (hours > 23 || minutes > 59) return undefined;
  return (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
}
