/**
 * Whose a resource is, by its `subject` (rules page §2): the hook patient's, or dropped as
 * another patient's or as naming no patient. A reference names the patient when it resolves to
 * the patient's own Patient resource (a `urn:uuid` of a transaction Bundle, an absolute URL),
 * or, when it resolves to nothing, reads `Patient/<id>` of that patient.
 */
import type { DropReason } from './drop-reasons.js';
import { parseReference } from './fhir-reference.js';
import type { RecordIndex } from './record-index.js';

/** Undefined when the subject is the patient; else why the resource is dropped. */
export type SubjectJudge = (subject: fhir4.Reference | undefined) => DropReason | undefined;

/** The judge of one record's resources, over that record's index. */
export function judgeSubjects(patientId: string, find: RecordIndex['find']): SubjectJudge {
  const isThisPatientReference = (reference: string): boolean => {
    const target = find(reference)?.entry;
    if (target?.resource.resourceType === 'Patient') return target.resource.id === patientId;
    const parsed = parseReference(reference);
    return parsed?.type === 'Patient' && parsed.id === patientId;
  };
  // Nearly every resource names its subject in the same words: each distinct reference is
  // judged once, not parsed twice for each of thousands of resources (issue #15).
  const verdicts = new Map<string, boolean>();
  // Nearly always the reference just judged, asked again: one string comparison instead of
  // a map lookup for each resource (issue #15).
  let lastReference: string | undefined;
  let lastVerdict = false;
  const isThisPatient = (reference: string): boolean => {
    if (reference === lastReference) return lastVerdict;
    let verdict = verdicts.get(reference);
    if (verdict === undefined) {
      verdict = isThisPatientReference(reference);
      verdicts.set(reference, verdict);
    }
    lastReference = reference;
    lastVerdict = verdict;
    return verdict;
  };
  return (subject) => {
    const reference = subject?.reference;
    // No reference names no one: dropped alike, but not called another patient's.
    if (!reference) return 'no-patient';
    return isThisPatient(reference) ? undefined : 'other-patient';
  };
}
