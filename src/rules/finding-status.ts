/**
 * A finding Condition's status (rules page §2 "Status") with what its code says of it: a
 * plasmacytoma coded in the remission value set (ICD-10-CM C90.21, C90.31) is history, as one
 * whose clinicalStatus is `remission` is, unless its clinicalStatus says it came back (H84). §3.2 reads
 * C90.x1 on a myeloma Condition as "in remission"; the code is the more specific clinical
 * statement, and an EHR that writes the code and leaves clinicalStatus at its default
 * `active` (or absent, which §2 reads as active) has still said "in remission".
 *
 * Only a code that is itself a finding's code says so (H91): a problem mapped to two codes,
 * C90.01 (the myeloma in remission) beside C90.20 (the plasmacytoma), says nothing of the
 * plasmacytoma's remission, and reading it so hid a leptomeningeal lesion. When a finding code
 * in remission stands beside one that is not (C90.31 and C90.20), the codes disagree: the
 * finding is read as active, and the trace says so (a missed critical card is the worse error).
 */
import { readConditionStatus, type ConditionStatus } from './condition-status.js';
import type { Terminology } from './terminology.js';
import { FINDING_CODE_ROLES, inRole, type RoleSet } from './value-set-roles.js';
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
  now: Date,
): FindingStatus {
  const status = readConditionStatus(condition, settings.statusWords, now);
  const codes =
    inRole(roles, 'myelomaRemission') && status.certainty !== 'excluded' && !saysItReturned(status)
      ? findingCodesInRemission(condition.code?.coding, settings.terminology)
      : undefined;
  if (codes?.inRemission === undefined) return status;
  const code = codes.inRemission.code?.trim() ?? '';
  if (codes.notInRemission !== undefined)
    return {
      ...status,
      remissionNote: `; its code ${code} says in remission but its code ${codes.notInRemission.code?.trim() ?? ''} does not: the codes disagree, so it is read by its status (H91)`,
    };
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
 * The first finding code in the remission value set, and the first finding code not in it:
 * a myeloma's own remission code (C90.01, C90.11) is neither.
 */
function findingCodesInRemission(
  codings: readonly fhir4.Coding[] | undefined,
  terminology: Terminology,
): { inRemission?: fhir4.Coding; notInRemission?: fhir4.Coding } {
  let inRemission: fhir4.Coding | undefined;
  let notInRemission: fhir4.Coding | undefined;
  for (const coding of codings ?? []) {
    if (!FINDING_CODE_ROLES.some((role) => terminology.holds(role, coding))) continue;
    if (terminology.holds('myelomaRemission', coding)) inRemission ??= coding;
    else notInRemission ??= coding;
  }
  return { inRemission, notInRemission };
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
