/**
 * Whether a patient's search was answered with none of that patient's resources, but with
 * other patients' (H79). `Condition?patient={{context.patientId}}` can only match this
 * patient's Conditions; a prefetch holding Conditions that each name another patient, or none,
 * was filled from the wrong template or a server that ignored the `patient` parameter. The
 * record drops each of them (rules page §2), and read as the answer it would leave "no
 * myeloma, no cards": CDS Hooks 2.0 §Prefetch asks prefetched data to be "equivalent to the
 * data the CDS Service would receive if it were making its own call". Such a value is missing,
 * then: searched afresh on `fhirServer`, else 412 (./patient-data.ts asks it of the Conditions
 * only).
 *
 * Only a literal reference is judged here, `Patient/{id}` or an absolute URL ending so; a
 * `urn:uuid` (a Bundle's own Patient entry) or anything else unparsed might be this patient,
 * and the record decides it. A search that holds even one resource that may be this patient's
 * is read as now: a server that ignored `patient` but returned every page still holds the
 * whole record.
 */
import { parseReference } from '../rules/fhir-reference.js';
import type { SourcedResource } from '../rules/patient-record.js';

/** Why the search's answer is none of this patient's, or undefined when it may be. */
export function answeredForAnotherPatient(
  resources: readonly SourcedResource[],
  resourceType: string,
  patientId: string,
): string | undefined {
  let searched = 0;
  for (const { resource } of resources) {
    // Includes (other types) say nothing of whose the matches are.
    if (resource.resourceType !== resourceType) continue;
    searched += 1;
    if (mayBeThisPatients(resource, patientId)) return undefined;
  }
  if (searched === 0) return undefined;
  // No ids: the reason reaches the 412's OperationOutcome and the logs.
  return searched === 1
    ? `holds one ${resourceType}, not this patient's: its subject names another patient, or none`
    : `holds ${String(searched)} ${resourceType}s, none of them this patient's: each subject names another patient, or none`;
}

function mayBeThisPatients(resource: fhir4.Resource, patientId: string): boolean {
  const reference = (resource as { subject?: fhir4.Reference }).subject?.reference;
  // No reference names no one: the record drops it (rules page §2).
  if (typeof reference !== 'string' || reference === '') return false;
  const named = parseReference(reference);
  if (named === undefined) return true;
  return named.type === 'Patient' && named.id === patientId;
}
