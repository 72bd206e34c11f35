/**
 * The period of the alert statistics (`GET /admin/stats`, `/admin/stats/daily`,
 * `emd-cds stats`): cards served from `from` up to, not including, `to`. The daily series is
 * by UTC day, so a period is read in UTC and never in the server's own time zone: a date is
 * 00:00 UTC, a date-time must say its offset (`Z` or `+08:00`). `new Date(value)` read a
 * date-time without an offset in the server's zone, took forms such as `12/06/2026` or `1`
 * (1 January 2001) and rolled 30 February into March; each is refused here instead.
 */
import { ServiceError } from '../errors.js';
import { dateTimeMs, fullDateMs } from '../rules/rfc3339.js';
import { daysBefore } from '../rules/time.js';

export interface StatsPeriod {
  /** ISO 8601 UTC, included */
  from: string;
  /** ISO 8601 UTC, excluded */
  to: string;
}

/** The default period when `from` is not given: the 30 days before `to`. */
export const DEFAULT_PERIOD_DAYS = 30;

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

/**
 * Epoch milliseconds of an RFC 3339 full-date (00:00 UTC) or of a date-time with its offset,
 * any year 0000–9999 (src/rules/rfc3339.ts).
 */
function instantOf(value: unknown, name: 'from' | 'to'): number {
  const text = typeof value === 'string' ? value : '';
  const date = fullDateMs(text);
  const instant = date === 'form' ? dateTimeMs(text) : date;
  if (instant === 'form') throw refusal(name, FORMS);
  if (instant === 'range') throw refusal(name, `${text} is not a real date or time`);
  if (instant < FIRST_STORABLE_MS || instant > LAST_STORABLE_MS)
    throw refusal(name, `${text} is outside the years 0000-9999 in UTC`);
  return instant;
}

/**
 * The instants whose `toISOString()` has four year digits. The stores keep timestamps in that
 * form and compare them as text, where a year past 9999 (`+010000-…`, from 9999-12-31 at a
 * negative offset) sorts before every stored row and would silently empty the period.
 */
const FIRST_STORABLE_MS = Date.parse('0000-01-01T00:00:00.000Z');
const LAST_STORABLE_MS = Date.parse('9999-12-31T23:59:59.999Z');

function refusal(name: 'from' | 'to', problem: string): ServiceError {
  return new ServiceError('invalid-request', [
    { severity: 'error', code: 'value', diagnostics: `${name}: ${problem}`, expression: [name] },
  ]);
}
