/**
 * A finding Condition's status (rules page §2 "Status") with what its code says of it: a
 * plasmacytoma coded in the remission value set (ICD-10-CM C90.21, C90.31) is history, as one
 * whose clinicalStatus is `remission` is, unless its clinicalStatus says it came back (H84). §3.2 reads
 * C90.x1 on a myeloma Condition as "in remission"; the code is the more specific clinical
 * statement, and an EHR that writes the code and leaves clinicalStatus at its default
 * `active` (or absent, which §2 reads as active) has still said "in remission".
 */
import { readConditionStatus, type ConditionStatus } from './condition-status.js';
import { inRole, type RoleSet } from './value-set-roles.js';
import type { RuleSettings } from './types.js';

/**
 * The Condition's status itself when no remission code changes it (the common path allocates
 * nothing: the status is read once per Condition and cached, ./condition-status.ts).
 */
export interface FindingStatus extends ConditionStatus {
  /** The code that says "in remission" as the record writes it (`C90.21`); else absent. */
  remissionCode?: string;
  /**
   * For the trace, when the code alone makes it history: what its clinicalStatus says beside
   * the code, and what follows (`; coded in remission (C90.21): history, though …`).
   */
  remissionNote?: string;
}

/** `roles`: the value sets of the Condition's code (condition-codes.ts). */
export function readFindingStatus(
  condition: fhir4.Condition,
  roles: RoleSet,
  settings: RuleSettings,
): FindingStatus {
  const status = readConditionStatus(condition, settings.statusWords);
  const coding =
    inRole(roles, 'myelomaRemission') && status.certainty !== 'excluded' && !saysItReturned(status)
      ? settings.terminology.match('myelomaRemission', condition.code?.coding)
      : undefined;
  if (coding === undefined) return status;
  const code = coding.code?.trim() ?? '';
  const coded = `coded in remission (${code})`;
  return {
    ...status,
    isHistory: true,
    historyBecause: status.historyBecause ? `${status.historyBecause}, ${coded}` : coded,
    remissionCode: code,
    remissionNote: status.isHistory ? '' : remissionNote(code, status),
  };
}

/**
 * A clinicalStatus `relapse` or `recurrence` is a clinician's later word on the Condition: the
 * code is chosen once, at entry, and stays when the lesion returns. It wins over the remission
 * code (H82 reads it as a relapse); read the other way, a lesion that came back would raise
 * no card at all.
 */
const saysItReturned = (status: ConditionStatus): boolean =>
  status.clinicalCode === 'relapse' || status.clinicalCode === 'recurrence';

function remissionNote(code: string, status: ConditionStatus): string {
  const said =
    status.clinicalCode !== undefined
      ? `its clinicalStatus reads ${status.clinicalCode}`
      : status.unreadable.includes('clinicalStatus')
        ? 'its clinicalStatus cannot be read'
        : 'it has no clinicalStatus (read as active)';
  return `; ${said}, but its code ${code} says in remission, as rules page §3.2 reads C90.x1 (the code is the more specific statement): history, it raises no card of its own and sets no phase`;
}
