/**
 * The Patients the hook's own Patient names in `Patient.link` (FHIR R4: `replaces`,
 * `replaced-by`, `refer`, `seealso`), for the trace line of a resource dropped as another
 * patient's (rules page §2). After an MRN merge a feed may still send the merged-away record's
 * Conditions under its old Patient id: dropped all the same (whether a link makes two records
 * one person is the clinical team's call), but the trace says the two are linked, so an
 * informatics team sees an unfinished merge rather than a second patient (probe 15, c1).
 */
import { parseReference } from './fhir-reference.js';

/** The linked Patients by id, each with its link type (`replaces`, …). */
export type LinkedPatients = ReadonlyMap<string, string>;

export function linkedPatientsOf(patient: fhir4.Patient | undefined): LinkedPatients {
  const linked = new Map<string, string>();
  for (const link of patient?.link ?? []) {
    // Required by FHIR R4, and still left out by some feeds.
    const reference: unknown = (link as { other?: fhir4.Reference }).other?.reference;
    if (typeof reference !== 'string') continue;
    const target = parseReference(reference.trim());
    if (target?.type !== 'Patient' || linked.has(target.id)) continue;
    linked.set(target.id, typeof link.type === 'string' ? link.type : 'of no type');
  }
  return linked;
}

/** What the drop line adds when the subject is a Patient the hook's Patient links; else ''. */
export function linkedSubjectNote(
  subject: fhir4.Reference | undefined,
  patientId: string,
  linked: LinkedPatients,
): string {
  if (linked.size === 0) return '';
  const reference: unknown = subject?.reference;
  if (typeof reference !== 'string') return '';
  const target = parseReference(reference.trim());
  const type = target?.type === 'Patient' ? linked.get(target.id) : undefined;
  if (target === undefined || type === undefined) return '';
  return ` (Patient/${patientId} links Patient/${target.id}, Patient.link type ${type}: if the two records are one person, a merge not yet finished, the feed or the merge should move it to Patient/${patientId}; it is not read until then)`;
}
