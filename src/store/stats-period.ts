/**
 * The period of the alert statistics (`GET /admin/stats`, `/admin/stats/daily`,
 * `emd-cds stats`): cards served from `from` up to, not including, `to`. The daily series is
 * by UTC day, so a period is read in UTC and never in the server's own time zone: a date is
 * 00:00 UTC, a date-time must say its offset (`Z` or `+08:00`). `new Date(value)` read a
 * date-time without an offset in the server's zone, took forms such as `12/06/2026` or `1`
 * (1 January 2001) and rolled 30 February into March; each is refused here instead.
 */
import { ServiceError } from '../errors.js';
import { daysBefore } from '../rules/time.js';

export interface StatsPeriod {
  /** ISO 8601 UTC, included */
  from: string;
  /** ISO 8601 UTC, excluded */
  to: string;
}

/** The default period when `from` is not given: the 30 days before `to`. */
export const DEFAULT_PERIOD_DAYS = 30;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
const FORMS =
  'must be a date (2026-11-01, read as 00:00 UTC) or a date-time with its offset (2026-11-01T08:00:00Z, 2026-11-01T08:00:00+08:00)';

/**
 * `from` and `to` (each a `YYYY-MM-DD` date or an RFC 3339 date-time with its offset); `to`
 * defaults to `now` and `from` to 30 days before `to`. Throws `invalid-request` naming the
 * field, for a value of another form, a day or time that does not exist, or `to` not later
 * than `from`.
 */
export function statsPeriod(from: unknown, to: unknown, now: Date): StatsPeriod {
  const end = to === undefined ? now.getTime() : instantOf(to, 'to');
  const start =
    from === undefined
      ? daysBefore(new Date(end), DEFAULT_PERIOD_DAYS).getTime()
      : instantOf(from, 'from');
  if (end <= start)
    throw refusal(
      'to',
      `must be later than from (${new Date(start).toISOString()}): the period is [from, to)`,
    );
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

/** Epoch milliseconds of a date (00:00 UTC) or of a date-time with its offset. */
function instantOf(value: unknown, name: 'from' | 'to'): number {
  const text = typeof value === 'string' ? value : '';
  const match = DATE.exec(text) ?? DATE_TIME.exec(text);
  if (!match) throw refusal(name, FORMS);
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone = 'Z'] =
    match;
  const fields = [year, month, day, hour, minute, second].map(Number);
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = fields;
  const wallClock = Date.UTC(y, mo - 1, d, h, mi, s);
  const offset = offsetMs(zone);
  if (!isSameWallClock(wallClock, fields) || offset === undefined)
    throw refusal(name, `${text} is not a real date or time`);
  return wallClock + Math.floor(Number(`0${fraction}`) * 1000) - offset;
}

/**
 * Date.UTC rolls 30 February into 2 March and 24:00 into the next day; a value it had to roll
 * names no real moment.
 */
function isSameWallClock(wallClock: number, fields: readonly number[]): boolean {
  const date = new Date(wallClock);
  const read = [
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  ];
  return read.every((field, index) => field === fields[index]);
}

/** `Z`, `+08:00` or `-05:00` in milliseconds ahead of UTC; undefined for no real offset. */
function offsetMs(zone: string): number | undefined {
  if (zone.toUpperCase() === 'Z') return 0;
  const [hours = 0, minutes = 0] = zone.slice(1).split(':').map(Number);
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

function refusal(name: 'from' | 'to', problem: string): ServiceError {
  return new ServiceError('invalid-request', [
    { severity: 'error', code: 'value', diagnostics: `${name}: ${problem}`, expression: [name] },
  ]);
}
