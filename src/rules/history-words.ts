/**
 * A history Condition's status and abatement in words, for the explain trace: the rules that
 * pass over history (./history-passed-over.ts) and the reading of a finding's recordings with
 * no clinicalStatus (./status-less-recordings.ts) name them alike.
 */
import type { ConditionStatus } from './condition-status.js';
import { isUnreadableMark } from './lenient-readings.js';

/**
 * The abatement[x] `element` (one read as an abatement at `now`, abatement.ts: H96), with
 * its date where it has one, as the trace names it: `abatementDateTime 2024-05-01`, `abatementPeriod (from
 * 2026-10-20, no end)`. Text, an age or a range is named by its element only: the trace does not
 * copy free text about the patient.
 */
export function describeAbatement(
  condition: fhir4.Condition,
  element: string | undefined,
): string | undefined {
  const { abatementDateTime, abatementPeriod } = condition;
  if (element === 'abatementDateTime' && typeof abatementDateTime === 'string')
    return `abatementDateTime ${abatementDateTime}`;
  // Sent as text that is no date (H112): an abatement all the same, of unknown date.
  if (element === 'abatementDateTime' && isUnreadableMark(condition._abatementDateTime))
    return 'abatementDateTime (not a date)';
  if (element === 'abatementPeriod' && typeof abatementPeriod === 'object') {
    const { start, end } = abatementPeriod;
    // A date sent as text that is no date (H119): named as such, its text not copied.
    const unreadable = (['start', 'end'] as const).filter((key) =>
      isUnreadableMark(abatementPeriod[`_${key}`]),
    );
    if (unreadable.length > 0)
      return `abatementPeriod (its ${unreadable.join(' and ')} not a date)`;
    if (start && end) return `abatementPeriod (${start} to ${end})`;
    if (start) return `abatementPeriod (from ${start}, no end)`;
    if (end) return `abatementPeriod (to ${end})`;
  }
  return element;
}

/**
 * Why a history Condition is history, for a trace line: its clinicalStatus (or status words),
 * and its abatement with the date where it has one (`clinicalStatus resolved, abatementDateTime
 * 2022-06-01`). A recording history only because another recording of its finding says so
 * (H94) has no such words of its own, and is named so.
 */
export function historyWords(condition: fhir4.Condition, status: ConditionStatus): string {
  if (!status.isHistory) return 'no clinicalStatus, read as the history of its finding (H94)';
  // Only an abatement read as one (H96): a future date beside `resolved` is not why.
  const abatement = describeAbatement(condition, status.abatement);
  const because = status.historyBecause ?? 'history';
  // historyBecause names the abatement's element alone when only the abatement makes it history.
  if (abatement === undefined || abatement.startsWith(because)) return abatement ?? because;
  return `${because}, ${abatement}`;
}
