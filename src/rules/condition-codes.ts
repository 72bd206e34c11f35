/**
 * Each Condition's code classified once per call (issue #15): the value sets it is in, as a
 * role set, so the myeloma assessment and the findings ask role after role without matching
 * the codings again.
 */
import type { PatientRecord } from './patient-record.js';
import type { RoleSet } from './value-set-roles.js';
import type { RuleSettings } from './types.js';

/** The value sets of each Condition's code, in record order: one lookup per coding. */
export function conditionCodeRoles(record: PatientRecord, settings: RuleSettings): RoleSet[] {
  return record.conditions.map((entry) =>
    settings.terminology.rolesOf(entry.resource.code?.coding),
  );
}
