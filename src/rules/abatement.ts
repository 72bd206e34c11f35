/**
 * A Condition's abatement[x] (rules page §2: a Condition "that has an abatement" is history),
 * read as the record carries it (`abatementOf`, the letter) and as read at `now` (H96): an
 * abatement dated after `now`, or an abatementString that says the Condition has not abated
 * (a `statusWords.notAbated` word), is no abatement, and the Condition is read by its
 * clinicalStatus. Both readings only ever move a Condition away from history where the record
 * itself says it has not abated, so no lesion is hidden by them (§6).
 */
import { statedOnsetOf } from './condition-onset.js';
import { isUnreadableMark } from './lenient-readings.js';
import { notAbatedWordOf, type StatusWords } from './status-words.js';
import { isSurelyAfter, isSurelyBefore } from './time.js';
import { cutWithEllipsis } from './text-end.js';

/** FHIR R4 abatement[x]. */
const ABATEMENT_FORMS = [
  'abatementDateTime',
  'abatementAge',
  'abatementPeriod',
  'abatementRange',
  'abatementString',
] as const;
type AbatementForm = (typeof ABATEMENT_FORMS)[number];

/**
 * Rules page §2: "has an abatement". Read as untyped, as `undatableOnsetOf` (./condition-onset.ts)
 * reads the onset: the shapes check `abatementDateTime` only, so a JSON `null` (which FHIR JSON
 * forbids, but exports that write every choice element carry) reaches here, and a null holds no
 * abatement (H69). This is the letter: whether the record carries one. `readAbatement` says
 * whether it is read as one (H96).
 */
export function abatementOf(condition: fhir4.Condition): string | undefined {
  const given: Partial<Record<AbatementForm, unknown>> = condition;
  const form = ABATEMENT_FORMS.find(
    (f) =>
      (given[f] !== undefined && given[f] !== null) ||
      // An abatementDateTime the feed sent as text that is no date (H112): taken out by the
      // lenient reading and marked, it is still an abatement (§2's letter), of unknown date.
      (f === 'abatementDateTime' && isUnreadableMark(condition._abatementDateTime)),
  );
  if (form) return form;
  // STU3's abatementBoolean (real exports still carry it): true means abated, false not.
  return (condition as { abatementBoolean?: unknown }).abatementBoolean === true
    ? 'abatementBoolean true'
    : undefined;
}

/** The abatement read as one (its element), or why the one present is not (for the trace). */
export interface AbatementReading {
  abatement: string | undefined;
  note: string | undefined;
}

/**
 * The abatement as read at `now` (H96), in the direction that never hides a lesion (§6).
 * - An abatementString that is a `statusWords.notAbated` word ("ongoing", 持续), compared whole
 *   as the status words are, says the Condition has not abated: no abatement. Any other text
 *   ("2019", "after radiotherapy") stays one (the letter).
 * - An abatement that holds nothing says nothing (H122): an abatementString of "" or blanks, an
 *   abatementPeriod with no start and no end (each left out, null or "": H119), an Age or Range
 *   with no value. FHIR forbids empty elements, and exports that write every choice element
 *   write them so, as others write null (H69, read as no abatement); read as one, each hid an
 *   active finding's card, on every Condition of such a feed.
 * - One dated at a "no date" placeholder (0001-01-01, 1900-01-01, the Unix epoch …), or surely
 *   before the Condition's own onset, says nothing of when it abated: a Condition cannot end
 *   before it begins, and exports write such dates for a missing one.
 * - One dated strictly after `now` has not happened yet. The date is abatementDateTime, or
 *   abatementPeriod's start, else its end; its earliest possible instant counts (./time.ts
 *   `isSurelyAfter`), so this month's "2026-11" or a day begun somewhere is abated. An age or a
 *   range cannot be dated without the birth date, and an undatable date says nothing of when:
 *   both stay abatements (the letter). Without `now` (certainty alone) no date is compared.
 * Either way the Condition is then read by its clinicalStatus: resolved is still history.
 */
export function readAbatement(
  condition: fhir4.Condition,
  words: StatusWords,
  now: Date | undefined,
): AbatementReading {
  const abatement = abatementOf(condition);
  if (abatement !== undefined && holdsNothing(condition, abatement))
    return { abatement: undefined, note: `${abatement} is empty: not read as abated` };
  if (abatement === 'abatementString') {
    const word = notAbatedWordOf(condition.abatementString, words);
    return word === undefined
      ? { abatement, note: undefined }
      : {
          abatement: undefined,
          note: `abatementString ${JSON.stringify(cutWithEllipsis(word, WORD_SHOWN_AT_MOST))} says not abated (statusWords.notAbated): not read as abated`,
        };
  }
  if (abatement === undefined || now === undefined) return { abatement, note: undefined };
  const dated = abatementDate(condition, abatement);
  if (dated === undefined) return { abatement, note: undefined };
  if (isSurelyAfter(dated.date, now))
    return {
      abatement: undefined,
      note: `abatement dated in the future (${dated.element} ${dated.date}): not read as abated`,
    };
  if (isNoDatePlaceholder(dated.date))
    return {
      abatement: undefined,
      note: `abatement dated ${dated.date} (${dated.element}), a date exports write for "no date": not read as abated`,
    };
  const onset = statedOnsetOf(condition);
  if (typeof onset === 'string' && isSurelyBefore(dated.date, onset))
    return {
      abatement: undefined,
      note: `abatement dated before the Condition's own onset (${dated.element} ${dated.date}, onset ${onset}): not read as abated`,
    };
  return { abatement, note: undefined };
}

/**
 * Whether the abatement element holds nothing (H122): a string of blanks only, or an object
 * (Period, Age, Range) with nothing but an id, extensions, nulls and blank strings. A date the lenient reading took out
 * leaves its mark (`_start`), which holds something: an abatement of unknown date (H112, H119).
 */
function holdsNothing(condition: fhir4.Condition, form: string): boolean {
  const value: unknown = (condition as unknown as Record<string, unknown>)[form];
  if (typeof value === 'string') return value.trim() === '';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.entries(value).every(
    ([key, part]) =>
      key === 'id' ||
      key === 'extension' ||
      part === undefined ||
      part === null ||
      (typeof part === 'string' && part.trim() === ''),
  );
}

/**
 * The dates database and export tools write where a date is missing (records probe, session 36:
 * each hid an active leptomeningeal finding's critical card): .NET's DateTime.MinValue
 * (0001-01-01), SQL Server's datetime minimum (1753-01-01), the day zero of SQL Server's
 * smalldatetime and of spreadsheets (1900-01-01), the Unix epoch (1970-01-01 at midnight).
 * Nothing before 1901 can be a living patient's myeloma abating; 1970-01-01 is read as one as a
 * day or at midnight UTC, as a program writes it (a time of day says it was entered).
 */
function isNoDatePlaceholder(date: string): boolean {
  const year = Number(date.slice(0, 4));
  if (Number.isInteger(year) && year < 1901) return true;
  return UNIX_EPOCH.test(date);
}
const UNIX_EPOCH = /^1970-01-01(T00:00(:00(\.0+)?)?(Z|[+-]00:00)?)?$/;

/**
 * The trace names the word as compared (normalised, so no record text is copied: line breaks,
 * runs of blanks), which is one of the configured words; cut all the same, since a site's word
 * may be long, never halving a surrogate pair.
 */
const WORD_SHOWN_AT_MOST = 60;

/** The date an abatement[x] gives, with the element that gives it, as the trace names it. */
function abatementDate(
  condition: fhir4.Condition,
  form: string,
): { element: string; date: string } | undefined {
  const given = condition as { abatementDateTime?: unknown; abatementPeriod?: unknown };
  if (form === 'abatementDateTime' && typeof given.abatementDateTime === 'string')
    return { element: form, date: given.abatementDateTime.trim() };
  if (form !== 'abatementPeriod' || typeof given.abatementPeriod !== 'object') return undefined;
  const { start, end, _start } = (given.abatementPeriod ?? {}) as {
    start?: unknown;
    end?: unknown;
    _start?: unknown;
  };
  // A start the feed sent that is no date (H119, taken out and marked): when it abated is not
  // known, and its end must not stand in (an end after "now" would unmake the abatement).
  if (isUnreadableMark(_start)) return undefined;
  if (typeof start === 'string' && start.trim() !== '')
    return { element: 'abatementPeriod start', date: start.trim() };
  if (typeof end === 'string' && end.trim() !== '')
    return { element: 'abatementPeriod end', date: end.trim() };
  return undefined;
}
