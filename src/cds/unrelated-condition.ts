/**
 * Real exports carry old or foreign data in Conditions no rule reads: an STU3 string status on
 * a hypertension entry, an HL7 v2 date ("20190101") on a migrated diabetes diagnosis. One such
 * resource used to make the whole Condition search "not valid", so the patient got a 412, or no
 * cards at all, whatever else the record held.
 *
 * A malformed Condition may be left out when it is certain no rule could read it: its code is
 * well-formed, no coding of it is in any value set (any role, not only the Condition ones), and
 * neither its text nor a coding display matches a plasmacytoma pattern (rules page §2 "Text
 * only") other than negated ("no evidence of …", H88: no rule reads that either). A Condition
 * without a code is unrelated too: every rule starts from the code. Any other malformed
 * resource (a myeloma or plasmacytoma Condition, a malformed code, another resource type) still
 * makes the data missing, as before: a finding is never dropped silently.
 */
import { codeableConceptSchema } from '../fhir/resource-schemas.js';
import { patternText } from '../rules/text-reading.js';
import type { RuleSettings } from '../rules/types.js';

export function isUnrelatedCondition(resource: unknown, settings: RuleSettings): boolean {
  if (typeof resource !== 'object' || resource === null) return false;
  const { resourceType, code } = resource as { resourceType?: unknown; code?: unknown };
  if (resourceType !== 'Condition') return false;
  if (code === undefined) return true;
  const checked = codeableConceptSchema.safeParse(code);
  if (!checked.success) return false;
  const concept = checked.data as fhir4.CodeableConcept;
  return (
    settings.terminology.rolesOf(concept.coding) === 0 &&
    patternText(concept, settings) === undefined
  );
}
