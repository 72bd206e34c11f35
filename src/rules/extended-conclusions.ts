/**
 * A report's conclusion coded with a national or local extension of a finding's value-set code
 * (H109 on a report; records probe 10): China's national clinical edition writes `C90.200x001`
 * under ICD-10-CM's URI. Rules page §2: a code matches by system + code, so such a conclusion
 * is in no value set and the report is not checked against the problem list, which §6 forbids
 * doing in silence. The explain trace names it and what to do, as ./extension-codes.ts does
 * for a Condition; no card changes.
 */
import { extensionAdvice, extensionOf, extensionWords } from './extension-codes.js';
import type { RecordEntry } from './patient-record.js';
import type { Terminology } from './terminology.js';
import { FINDING_CODE_ROLES, inRole } from './value-set-roles.js';

/** The trace's line for the report's first conclusion so coded, if it has one. */
export function extendedConclusionLine(
  entry: RecordEntry<fhir4.DiagnosticReport>,
  concepts: readonly fhir4.CodeableConcept[],
  terminology: Terminology,
): string | undefined {
  for (const concept of concepts)
    for (const coding of concept.coding ?? []) {
      const extension = extensionOf(coding, terminology);
      if (extension && FINDING_CODE_ROLES.some((role) => inRole(extension.roles, role)))
        return `${entry.reference}: conclusion ${extensionWords(extension)}: it was not read, so the report is not checked against the problem list; ${extensionAdvice(extension)}`;
    }
  return undefined;
}
