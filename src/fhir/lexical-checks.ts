/**
 * The fast check's patterns (./resource-fast-check.ts) written out character by character:
 * a FHIR dateTime, a FHIR id's characters, a resource type's name. Each accepts exactly what
 * its regular expression in ./value-limits.ts or ./resource-schemas.ts accepts, which the zod
 * schemas still use to decide and word a problem.
 *
 * Why not the regular expressions (issue #15): a 2,000-resource call tests some 3,700 dates
 * and thousands of ids and type names, and a `RegExp#test` costs far more than a loop over
 * a few char codes: the call took about 3 % less, old and new alternated in one process
 * (docs/performance-log.md §33). test/fhir/lexical-checks.test.ts holds each against its
 * pattern.
 */

const ZERO = 48; // '0'
const NINE = 57;
const UPPER_A = 65;
const UPPER_Z = 90;
const LOWER_A = 97;
const LOWER_Z = 122;
const HYPHEN = 45;
const DOT = 46;
const COLON = 58;
const PLUS = 43;
const UPPER_T = 84;

const isDigitCode = (c: number): boolean => c >= ZERO && c <= NINE;
const isDigitAt = (text: string, at: number): boolean => isDigitCode(text.charCodeAt(at));

/** The two digits at `at` as a number, or -1 when either is not a digit (or is past the end). */
function twoDigitsAt(text: string, at: number): number {
  if (!isDigitAt(text, at) || !isDigitAt(text, at + 1)) return -1;
  return (text.charCodeAt(at) - ZERO) * 10 + (text.charCodeAt(at + 1) - ZERO);
}

const isLetterCode = (c: number): boolean =>
  (c >= UPPER_A && c <= UPPER_Z) || (c >= LOWER_A && c <= LOWER_Z);

/** `^[A-Za-z0-9\-.]+$`: one or more letters, digits, hyphens or dots. */
export function hasFhirIdCharacters(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (!(isLetterCode(c) || isDigitCode(c) || c === HYPHEN || c === DOT)) return false;
  }
  return true;
}

/** `^[A-Z][A-Za-z]+$`: a capital, then one or more letters. */
export function hasResourceTypeCharacters(text: string): boolean {
  if (text.length < 2) return false;
  const first = text.charCodeAt(0);
  if (first < UPPER_A || first > UPPER_Z) return false;
  for (let i = 1; i < text.length; i += 1) if (!isLetterCode(text.charCodeAt(i))) return false;
  return true;
}

/**
 * A FHIR dateTime as the schemas read it: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a date with
 * `Thh:mm`, optional `:ss` (60 for a leap second) with 1–9 decimals, and an optional zone
 * (`Z`, or ±hh:mm up to 13:59, or ±14:00). A zone only follows a time.
 */
export function isFhirDateTime(text: string): boolean {
  const end = text.length;
  if (end < 4) return false;
  for (let i = 0; i < 4; i += 1) if (!isDigitAt(text, i)) return false;
  if (end === 4) return true;
  // -MM
  if (text.charCodeAt(4) !== HYPHEN) return false;
  const month = twoDigitsAt(text, 5);
  if (month < 1 || month > 12) return false;
  if (end === 7) return true;
  // -DD
  if (text.charCodeAt(7) !== HYPHEN) return false;
  const day = twoDigitsAt(text, 8);
  if (day < 1 || day > 31) return false;
  if (end === 10) return true;
  // Thh:mm
  if (text.charCodeAt(10) !== UPPER_T) return false;
  const hour = twoDigitsAt(text, 11);
  if (hour < 0 || hour > 23 || text.charCodeAt(13) !== COLON) return false;
  const minute = twoDigitsAt(text, 14);
  if (minute < 0 || minute > 59) return false;
  let at = 16;
  // :ss, then .fraction of 1–9 digits
  if (at < end && text.charCodeAt(at) === COLON) {
    const second = twoDigitsAt(text, at + 1);
    if (second < 0 || second > 60) return false;
    at += 3;
    if (at < end && text.charCodeAt(at) === DOT) {
      const first = at + 1;
      at = first;
      while (at < end && at - first < 9 && isDigitAt(text, at)) at += 1;
      if (at === first) return false;
    }
  }
  if (at === end) return true;
  return isZoneFrom(text, at);
}

/** `Z`, or `+hh:mm`/`-hh:mm` with hh 00–13 and mm 00–59, or `±14:00`, ending the text. */
function isZoneFrom(text: string, at: number): boolean {
  const sign = text.charCodeAt(at);
  if (sign === UPPER_Z) return at + 1 === text.length;
  if (sign !== PLUS && sign !== HYPHEN) return false;
  if (at + 6 !== text.length || text.charCodeAt(at + 3) !== COLON) return false;
  const hours = twoDigitsAt(text, at + 1);
  const minutes = twoDigitsAt(text, at + 4);
  if (hours === 14) return minutes === 0;
  return hours >= 0 && hours <= 13 && minutes >= 0 && minutes <= 59;
}
