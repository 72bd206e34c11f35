/**
 * Rules page §3.1: the patient has myeloma when any non-refuted, non-entered-in-error
 * multiple myeloma or plasma cell leukaemia Condition exists, whatever its clinical status.
 */
import { describeStatus, excludedBecause, readConditionStatus } from './condition-status.js';
import { onsetOf, undatableOnsetOf, type UndatableOnsetForm } from './condition-onset.js';
import { conceptLabel } from './labels.js';
import { myelomaSiteMessage } from './myeloma-site-line.js';
import type { PatientRecord, RecordEntry } from './patient-record.js';
import { conditionCodeRoles } from './condition-codes.js';
import { FINDING_ROLE_SET, inAnyRole, inRole, type RoleSet } from './value-set-roles.js';
import type { RuleSettings, TraceLine } from './types.js';
import { distinctStatuses, type UncertainStatus } from './uncertain-status.js';

export interface MyelomaCondition {
  reference: string;
  label: string;
  /** Unconfirmed, provisional or differential, or a status that could not be read. */
  isUncertain: boolean;
  /** What makes it uncertain: its verification code, an unreadable status; else empty. */
  uncertainBecause: readonly UncertainStatus[];
  /** Resolved, inactive, in remission or abated (rules page §2): still myeloma (§3.1), never an alarm. */
  isHistory: boolean;
  /** Coded in the relapse value set, or clinicalStatus relapse / recurrence (coded, never by text). */
  isRelapse: boolean;
  /** Coded in the remission value set (C90.x1), or clinicalStatus remission. */
  isRemission: boolean;
  /** Its onset, else its recordedDate when it records none; undefined when undatable (`onsetOf`). */
  onset: string | undefined;
  /** Set when its onset is present but cannot be dated: the myeloma onset is then not known. */
  undatableOnset: UndatableOnsetForm | undefined;
}

export interface MyelomaFacts {
  isMyelomaPatient: boolean;
  /** Every myeloma Condition is unconfirmed, provisional or differential: cards are lowered. */
  isUncertain: boolean;
  /** When `isUncertain`, the distinct statuses that make the myeloma Conditions so; else empty. */
  uncertainBecause: readonly UncertainStatus[];
  conditions: readonly MyelomaCondition[];
  trace: readonly TraceLine[];
}

/**
 * `now`: the evaluation time (an abatement dated after it has not happened, H96).
 * `codeRoles[i]`: the value sets of record.conditions[i]'s code (see patient-facts.ts).
 */
export function assessMyeloma(
  record: PatientRecord,
  settings: RuleSettings,
  now: Date,
  codeRoles: readonly RoleSet[] = conditionCodeRoles(record, settings),
): MyelomaFacts {
  const { terminology } = settings;
  const trace: TraceLine[] = [];
  const conditions: MyelomaCondition[] = [];
  const { conditions: entries } = record;
  for (let index = 0; index < entries.length; index += 1) {
    const entry = entries[index] as RecordEntry<fhir4.Condition>;
    const condition = entry.resource;
    const roles = codeRoles[index] ?? 0;
    const role = inRole(roles, 'multipleMyeloma')
      ? 'multipleMyeloma'
      : inRole(roles, 'plasmaCellLeukemia')
        ? 'plasmaCellLeukemia'
        : undefined;
    if (!role) continue;
    const read = readConditionStatus(condition, settings.statusWords, now);
    if (read.certainty === 'excluded') {
      trace.push({
        reference: entry.reference,
        message: `myeloma Condition ignored: ${excludedBecause(read)}`,
      });
      continue;
    }
    const status = read.clinicalCode;
    const myeloma: MyelomaCondition = {
      reference: entry.reference,
      label: conceptLabel(condition.code) ?? 'multiple myeloma',
      isUncertain: read.certainty === 'uncertain',
      uncertainBecause: read.uncertainBecause,
      isHistory: read.isHistory,
      isRelapse: inRole(roles, 'myelomaRelapse') || status === 'relapse' || status === 'recurrence',
      isRemission: inRole(roles, 'myelomaRemission') || status === 'remission',
      onset: onsetOf(condition),
      undatableOnset: undatableOnsetOf(condition),
    };
    trace.push({
      reference: entry.reference,
      message: `myeloma Condition (${terminology.urlOf(role)})${myeloma.isUncertain ? ', uncertain' : ''}${read.unreadable.length > 0 ? ` (${describeStatus(read)})` : ''}${myeloma.isHistory ? `, history${read.historyBecause ? ` (${read.historyBecause})` : ''}` : ''}${myeloma.isRelapse ? ', in relapse' : ''}${myeloma.isRemission ? ', in remission' : ''}${read.diagnosesicherheit ? `; ${read.diagnosesicherheit}` : ''}${read.abatementNote ? `; ${read.abatementNote}` : ''}`,
    });
    // Most myeloma Conditions have no body site, or a bone or marrow one: no line (H86). One
    // that also carries a plasmacytoma or involvement code is read as a finding too (H91).
    const siteMessage = inAnyRole(roles, FINDING_ROLE_SET)
      ? undefined
      : myelomaSiteMessage(condition.bodySite, terminology);
    if (siteMessage) trace.push({ reference: entry.reference, message: siteMessage });
    conditions.push(myeloma);
  }
  const isUncertain = conditions.length > 0 && conditions.every((c) => c.isUncertain);
  return {
    isMyelomaPatient: conditions.length > 0,
    isUncertain,
    uncertainBecause: isUncertain
      ? distinctStatuses(conditions.map((c) => c.uncertainBecause))
      : [],
    conditions,
    trace,
  };
}
