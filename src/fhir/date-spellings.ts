/**
 * Dates in the everyday spellings hospital gateways write instead of FHIR's (H102): a space for
 * the `T` ("2026-10-20 08:00:00", SQL's text form of a timestamp), a zone without its colon
 * ("+0800", as Java's SimpleDateFormat `Z` writes it), slashes for the hyphens ("2026/10/20",
 * year first). Each spells one FHIR date and nothing else, so it is read as that date. Nothing
 * else is guessed: "20/10/2026" or "10/20/2026" (day or month first), "20261020" (no
 * separators), a week ("2026-W43") or "24:00" is not read, and the element counts as a date
 * that cannot be read.
 */
import { isFhirDateTime } from './lexical-checks.js';

/** A date read from a spelling: the FHIR date, and how the spelling differs from it. */
export interface SpelledDate {
  date: string;
  how: string;
}

/** The longest spelling read: `YYYY/MM/DD hh:mm:ss.fffffffff+hhmm`. */
const MAX_SPELLING_LENGTH = 34;

/**
 * Year, separator, month; then separator, day; then `T` or a blank, the time, and a zone with
 * or without its colon. Anchored, with no quantifier over a group that can repeat: linear, and
 * only ever tried on a text of at most MAX_SPELLING_LENGTH characters.
 */
const SPELLING =
  /^(\d{4})([-/])(\d{2})(?:([-/])(\d{2})(?:([ T])(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?)?$/;

/**
 * The FHIR date a text spells in one of the everyday spellings, or undefined: when it is a
 * FHIR date already (nothing to read), or spelled any other way, or spells no real date
 * (month 13, hour 25: the same checks as the schemas').
 */
export function readDateSpelling(text: string): SpelledDate | undefined {
  if (text.length > MAX_SPELLING_LENGTH) return undefined;
  const parts = SPELLING.exec(text);
  if (!parts) return undefined;
  const [, year, dateSeparator, month, daySeparator, day, timeSeparator, time, zone] = parts;
  const how: string[] = [];
  if (dateSeparator === '/' || daySeparator === '/') {
    // One separator throughout: "2026/10-20" is a typing slip, not a spelling.
    if (daySeparator !== undefined && daySeparator !== dateSeparator) return undefined;
    how.push('slashes for hyphens');
  }
  if (timeSeparator === ' ') how.push('a space for T');
  let fhirZone = zone ?? '';
  if (zone !== undefined && zone.length === 5) {
    fhirZone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
    how.push(`${zone} for ${fhirZone}`);
  }
  if (how.length === 0) return undefined;
  const date = `${year ?? ''}-${month ?? ''}${day === undefined ? '' : `-${day}`}${
    time === undefined ? '' : `T${time}${fhirZone}`
  }`;
  return isFhirDateTime(date) ? { date, how: how.join(', ') } : undefined;
}
