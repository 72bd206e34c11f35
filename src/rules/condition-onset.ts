/**
 * When a Condition began (rules page §3.2), and an onset given in a form that names no date,
 * apart from its status (./condition-status.ts): the phase, the findings' dates and the
 * timeline read it.
 */
import { isUnreadableMark } from './lenient-readings.js';

/**
 * When the Condition began (rules page §3.2: its onset, else `recordedDate`), as FHIR date or
 * dateTime text. `recordedDate` stands in only when the Condition records no onset at all: an
 * onset given in a form that names no date (`undatableOnsetOf`) means the onset is not known,
 * and `recordedDate` (often the date a migration loaded an old diagnosis) must not pass for it.
 * Undefined then, and when nothing dates the Condition.
 */
export function onsetOf(condition: fhir4.Condition): string | undefined {
  const dated = statedOnsetOf(condition);
  if (dated !== undefined) return dated;
  return undatableOnsetOf(condition) === undefined ? condition.recordedDate : undefined;
}

/**
 * The date the Condition's own onset[x] names (`onsetDateTime`, or the start of
 * `onsetPeriod`), without `onsetOf`'s fallback on `recordedDate`: an abatement is judged
 * against when the Condition began (./abatement.ts), not when it was written down.
 */
export function statedOnsetOf(condition: fhir4.Condition): string | undefined {
  return condition.onsetDateTime ?? condition.onsetPeriod?.start;
}

/**
 * The onset[x] forms of FHIR R4 that place the onset at no date; and the two dates that were
 * there but could not be read (H102, marked by the lenient reading, ./lenient-readings.ts): an
 * `onsetDateTime`, or the `recordedDate` of a Condition that records no onset.
 */
export type UndatableOnsetForm =
  'onsetString' | 'onsetAge' | 'onsetRange' | 'onsetPeriod' | 'onsetDateTime' | 'recordedDate';
type GivenOnsetForm = 'onsetString' | 'onsetAge' | 'onsetRange' | 'onsetPeriod';
const UNDATABLE_ONSET_FORMS: readonly GivenOnsetForm[] = [
  'onsetString',
  'onsetAge',
  'onsetRange',
  'onsetPeriod',
];

/**
 * The form of an onset that is present but cannot be dated: text ("2019", "childhood"), an age
 * or a range of ages (the rules do not reckon dates from a birth date), or a period with no
 * start (its end says when the onset was over, not when it began); or a date the feed sent that
 * could not be read, its onsetDateTime or, with no onset[x] at all, its recordedDate (H102: read
 * as undatable, never replaced by another date). Undefined when the onset is a dateTime or a
 * period with a start (`onsetOf` reads those), or absent.
 */
export function undatableOnsetOf(condition: fhir4.Condition): UndatableOnsetForm | undefined {
  if (condition.onsetDateTime !== undefined || condition.onsetPeriod?.start !== undefined)
    return undefined;
  // Most Conditions with no onset have no mark either: one property read each, no more.
  if (condition._onsetDateTime !== undefined && isUnreadableMark(condition._onsetDateTime))
    return 'onsetDateTime';
  // Read as untyped: the service's shapes do not check these elements, so any value but
  // JSON's null counts as an onset given.
  const given: Partial<Record<GivenOnsetForm, unknown>> = condition;
  const form = UNDATABLE_ONSET_FORMS.find(
    (each) => given[each] !== undefined && given[each] !== null,
  );
  if (form !== undefined) return form;
  return condition._recordedDate !== undefined && isUnreadableMark(condition._recordedDate)
    ? 'recordedDate'
    : undefined;
}

const UNDATABLE_ONSET_WORDS: Readonly<Record<GivenOnsetForm, string>> = {
  onsetString: 'as text',
  onsetAge: 'as an age',
  onsetRange: 'as a range',
  onsetPeriod: 'as a period with no start',
};

/** For the explain trace: "Condition/mm's onset is given as text (onsetString), which cannot be dated". */
export function describeUndatableOnset(reference: string, form: UndatableOnsetForm): string {
  if (form === 'onsetDateTime')
    return `${reference}'s onset is given as a date that cannot be read (onsetDateTime), so it cannot be dated`;
  if (form === 'recordedDate')
    return `${reference} records no onset, and its recordedDate cannot be read as a date, so it cannot be dated`;
  return `${reference}'s onset is given ${UNDATABLE_ONSET_WORDS[form]} (${form}), which cannot be dated`;
}
