/**
 * Day arithmetic, the imaging lookback test and report dates, in one place. Pure ("now" is
 * always an argument), so the rules, the cards, the service, the console and the timeline all
 * use it. Days are 24-hour spans of UTC milliseconds, as FHIR instants compare.
 */

import { isUnreadableMark } from './lenient-readings.js';

export const DAY_MS = 86_400_000;

/** The instant `days` days before `now`. */
export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/**
 * UTC milliseconds of a calendar day and time, month from 0, for any year: `Date.UTC` reads
 * years 0–99 as 1900–1999 (ECMA-262 MakeFullYear), so FHIR's 0050 (FHIR R4 dates allow years
 * from 0001) would be 1950; `setUTCFullYear` takes the year as written. Fields past their
 * range roll over into the next, as in `Date.UTC`.
 */
export function utcMs(
  year: number,
  month: number,
  day = 1,
  hours = 0,
  minutes = 0,
  seconds = 0,
  ms = 0,
): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(hours, minutes, seconds, ms);
  return date.getTime();
}

/** How far ahead of UTC a local clock may be (UTC+14:00, the earliest zone). */
const MAX_ZONE_AHEAD_MS = 14 * 3_600_000;
/**
 * How far after "now" a time with its zone may fall and still be maybe within the lookback
 * (H117): the clocks of a modality, the PACS and this service disagree by minutes, and a
 * modality left on summer time runs an hour ahead, so an imaging report timed minutes "in the
 * future" is one just written. Only the "maybe" reading allows it (see isSurelyWithinLookback).
 */
const CLOCK_SKEW_MS = 2 * 3_600_000;
/** A dateTime that names its zone: FHIR R4 requires one with a time, a date has none. */
const HAS_ZONE = /(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * A FHIR date or dateTime in UTC milliseconds (NaN when unreadable). A time written without
 * its zone (invalid FHIR, common in DICOM-derived data) is read at UTC: ECMAScript would read
 * it in the server's zone, and the rules never depend on where the service runs.
 */
export function fhirTimeMs(date: string): number {
  return timeMs(date, HAS_ZONE.test(date));
}

function timeMs(date: string, hasZone: boolean): number {
  const read = withoutLeapSecond(date);
  return Date.parse(hasZone || !read.includes('T') ? read : `${read}Z`);
}

/** `hh:mm:60`, with any fraction: the seconds of a date-time begin at index 17. */
const LEAP_SECOND = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:)60(?:\.\d+)?/;
/** "6", the first digit of a leap second's 60: one comparison spares every other time the regex. */
const SIX = 54;

/**
 * A leap second (`…T23:59:60Z`), which FHIR R4 dateTime and instant allow (as XML Schema and
 * RFC 3339 §5.7 do) and the resource schemas accept, read as the last millisecond of that
 * minute's :59. ECMAScript time has no leap seconds and `Date.parse` gives NaN: a PET/CT or a
 * report timed at one was undated, so not recent, and the PET/CT was proposed again or the
 * reported plasmacytoma not shown (H66). :59.999 keeps it after every earlier instant and before
 * the next minute, and it is at most one second off, well inside the rules' day resolution.
 */
function withoutLeapSecond(date: string): string {
  if (date.charCodeAt(17) !== SIX) return date;
  return date.replace(LEAP_SECOND, '$159.999');
}

/**
 * The imaging lookback (rules page §3, "Imaging coverage": recent = within the lookback before
 * "now"), in the two readings its callers need. A day or an instant is one point and both
 * readings agree; a year ("2026") or a month ("2026-06"), which FHIR R4 dates and dateTimes allow
 * and migrated or outside imaging carries, is every day in it (`instantRange`), and a month that
 * straddles the window's start is only maybe within it. Each caller takes the reading whose
 * error costs the patient least (docs/clinical-safety.md H49):
 * - coverage (a recent study withholds the suggestion to order one) counts only a study surely
 *   within the window: an uncertain one must not withhold a PET/CT or MRI;
 * - `emd-reported-not-listed` counts a report maybe within it: an uncertain one must not hide a
 *   reported plasmacytoma.
 * At the near end, a study or report has been done, so a year or month counts from its first
 * day against "not after now": the current month is within, a later one is not (a data error).
 * A value without a zone (a date, month or year; a DICOM-derived time) is read at UTC and is
 * local where the study was done, up to 14 hours ahead of UTC: "not after now" allows for that,
 * so a study dated today east of UTC is recent, not in the future (H44). A time with its zone
 * is one instant: surely within only up to now, maybe within up to CLOCK_SKEW_MS after it, as
 * clocks disagree (H117): a report timed minutes ahead is not hidden, and a study so timed still
 * does not withhold a PET/CT or MRI. A missing or unparseable date is within in neither reading.
 */
export function isSurelyWithinLookback(
  date: string | undefined,
  now: Date,
  lookbackDays: number,
): boolean {
  return isWithinLookback(date, now, lookbackDays, false);
}

/** See `isSurelyWithinLookback`: whether some day the date may mean is within the lookback. */
export function mayBeWithinLookback(
  date: string | undefined,
  now: Date,
  lookbackDays: number,
): boolean {
  return isWithinLookback(date, now, lookbackDays, true);
}

function isWithinLookback(
  date: string | undefined,
  now: Date,
  lookbackDays: number,
  isMaybeEnough: boolean,
): boolean {
  if (!date) return false;
  // No Date and, for a day or an instant, no object: this runs on every study and report.
  const end = now.getTime();
  const start = end - lookbackDays * DAY_MS;
  const partial = partialDateRange(date);
  if (partial)
    return (
      (isMaybeEnough ? partial.last : partial.first) >= start &&
      partial.first <= end + MAX_ZONE_AHEAD_MS
    );
  const hasZone = HAS_ZONE.test(date);
  const time = timeMs(date, hasZone);
  const aheadAllowed = hasZone ? (isMaybeEnough ? CLOCK_SKEW_MS : 0) : MAX_ZONE_AHEAD_MS;
  return time >= start && time <= end + aheadAllowed;
}

/** The first and last instant a FHIR date may mean, in UTC milliseconds. */
export interface InstantRange {
  first: number;
  last: number;
}

/**
 * What a FHIR date or dateTime may mean: a year ("2026") or a month ("2026-05") is every day
 * in it, not its first; a day or an instant is itself (days are the rules' resolution, as
 * before). Undefined when it cannot be read.
 */
export function instantRange(date: string | undefined): InstantRange | undefined {
  if (!date) return undefined;
  const partial = partialDateRange(date);
  if (partial) return partial;
  const time = fhirTimeMs(date);
  return Number.isNaN(time) ? undefined : { first: time, last: time };
}

/** A year or a month, the only FHIR dates that are more than a day (no zone: FHIR allows none). */
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2}))?$/;
/** "2026-06": anything longer is a day or a time, so one length test spares them the regex. */
const PARTIAL_DATE_MAX_LENGTH = 7;

/** Every instant of a year or a month, at UTC; undefined for anything else (a day, a time, junk). */
function partialDateRange(date: string): InstantRange | undefined {
  if (date.length > PARTIAL_DATE_MAX_LENGTH) return undefined;
  const partial = PARTIAL_DATE.exec(date);
  if (!partial) return undefined;
  const year = Number(partial[1]);
  const month = partial[2] === undefined ? undefined : Number(partial[2]) - 1;
  if (month !== undefined && (month < 0 || month > 11)) return undefined;
  const first = utcMs(year, month ?? 0);
  const next = month === undefined ? utcMs(year + 1, 0) : utcMs(year, month + 1);
  return { first, last: next - 1 };
}

/**
 * When a report's findings were seen: its effective time, else when it was issued. An
 * effective[x] the feed sent but that could not be read (H102, ./lenient-readings.ts) leaves
 * the report undated: rules page §2 dates a report by effective[x], and `issued`, when it was
 * released, may be months later (a scan read again), so it stands in only for no effective[x].
 */
export function reportDate(report: fhir4.DiagnosticReport): string | undefined {
  const effective = report.effectiveDateTime ?? report.effectivePeriod?.start;
  if (effective !== undefined) return effective;
  const isUnreadable =
    isUnreadableMark(report._effectiveDateTime) || isUnreadableMark(report.effectivePeriod?._start);
  return isUnreadable ? undefined : report.issued;
}

/** The date part of a FHIR dateTime, as written (no time-zone shift). */
export function isoDate(value: string | undefined): string | undefined {
  return value?.match(/^\d{4}(-\d{2}(-\d{2})?)?/)?.[0];
}

/** The earlier of two dates, whatever order they come in (an unparseable one loses). */
export function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  const [ta, tb] = [fhirTimeMs(a), fhirTimeMs(b)];
  if (Number.isNaN(ta) || Number.isNaN(tb)) {
    if (Number.isNaN(ta) && Number.isNaN(tb)) return a < b ? a : b;
    return Number.isNaN(ta) ? b : a;
  }
  return ta < tb || (ta === tb && a <= b) ? a : b;
}

/**
 * Whether every instant a FHIR date or dateTime may mean is after `now`: its earliest reading
 * (the first day of a year or month; a value without a zone read as local time in the zone
 * furthest ahead, UTC+14:00) is later. Used where a date "not yet" must be sure (H96: an
 * abatement dated in the future is not an abatement yet), so a month in progress or a day that
 * has begun somewhere is not after now. False when the date cannot be read.
 */
export function isSurelyAfter(date: string, now: Date): boolean {
  const partial = partialDateRange(date);
  const hasZone = partial === undefined && HAS_ZONE.test(date);
  const time = partial ? partial.first : timeMs(date, hasZone);
  if (Number.isNaN(time)) return false;
  return time - (hasZone ? 0 : MAX_ZONE_AHEAD_MS) > now.getTime();
}

/**
 * Whether every instant FHIR date or dateTime `a` may mean is before every instant `b` may mean,
 * with two days to spare: days are the rules' resolution, and a value without a zone may be read
 * up to 14 hours either way. False when either cannot be read.
 */
export function isSurelyBefore(a: string, b: string): boolean {
  const [first, second] = [instantRange(a), instantRange(b)];
  if (first === undefined || second === undefined) return false;
  return first.last + 2 * DAY_MS < second.first;
}
