/**
 * Whose a resource is, by its `subject` (rules page §2): the hook patient's, or dropped as
 * another patient's or as naming no patient. A reference names the patient when it resolves to
 * the patient's own Patient resource (a `urn:uuid` of a transaction Bundle, an absolute URL),
 * or, when it resolves to nothing, reads `Patient/<id>` of that patient. One that resolves to
 * nothing and reads as no `Type/id` (a contained Patient `#pt`, a `urn:uuid` no resource of the
 * call has) names a patient no one can tell: dropped, but not called another patient's.
 *
 * A subject with no reference may name its patient by a logical reference, `identifier` alone
 * (FHIR R4 Reference.identifier; HL7 v2 and HIE converters write a medical record number so).
 * It names the hook patient when that patient's own Patient resource, among the resources of
 * the call, holds the same identifier (`system` and `value` both given, both equal) and no
 * other Patient there holds it; otherwise it names no one the record can tell (H132, records
 * probe 10: a meningeal plasmacytoma recorded so was dropped, its critical card lost).
 */
import type { DropReason } from './drop-reasons.js';
import { parseReference } from './fhir-reference.js';
import type { Indexed, RecordIndex } from './record-index.js';

/** Undefined when the subject is the patient; else why the resource is dropped. */
export type SubjectJudge = (subject: fhir4.Reference | undefined) => DropReason | undefined;

/** The judge of one record's resources, over that record's index. */
export function judgeSubjects(
  patientId: string,
  find: RecordIndex['find'],
  arrived: readonly Indexed[] = [],
): SubjectJudge {
  const judgeReference = (reference: string): DropReason | undefined => {
    const target = find(reference)?.entry;
    if (target?.resource.resourceType === 'Patient')
      return target.resource.id === patientId ? undefined : 'other-patient';
    const parsed = parseReference(reference);
    if (parsed === undefined && target === undefined)
      // A contained Patient (`#pt`), a `urn:uuid` no resource of the call has, or a conditional
      // reference (`Patient?identifier=…`): it names a patient, but nothing tells whose, so it
      // is not called another patient's.
      return 'unknown-patient';
    return parsed?.type === 'Patient' && parsed.id === patientId ? undefined : 'other-patient';
  };
  // Nearly every resource names its subject in the same words: each distinct reference is
  // judged once, not parsed twice for each of thousands of resources (issue #15).
  const verdicts = new Map<string, DropReason | 'kept'>();
  // Nearly always the reference just judged, asked again: one string comparison instead of
  // a map lookup for each resource (issue #15).
  let lastReference: string | undefined;
  let lastVerdict: DropReason | undefined;
  const judgeOnce = (reference: string): DropReason | undefined => {
    if (reference === lastReference) return lastVerdict;
    let verdict = verdicts.get(reference);
    if (verdict === undefined) {
      verdict = judgeReference(reference) ?? 'kept';
      verdicts.set(reference, verdict);
    }
    lastReference = reference;
    lastVerdict = verdict === 'kept' ? undefined : verdict;
    return lastVerdict;
  };
  // Built on the first subject given by identifier alone: most records have none.
  let holders: Map<string, Set<string | undefined>> | undefined;
  const byIdentifier = (identifier: fhir4.Identifier): DropReason | undefined => {
    const key = identifierKey(identifier);
    if (key === undefined) return 'no-patient';
    holders ??= patientsByIdentifier(arrived);
    const patients = holders.get(key);
    if (patients === undefined) return 'no-patient';
    if (patients.size === 1 && patients.has(patientId)) return undefined;
    // Held by another patient only: theirs. Held by the hook patient and another: no telling.
    return patients.has(patientId) ? 'no-patient' : 'other-patient';
  };
  return (subject) => {
    const reference = subject?.reference;
    if (reference) return judgeOnce(reference);
    // No reference, perhaps an identifier: else it names no one, dropped alike, but not called
    // another patient's.
    const identifier = subject?.identifier;
    if (identifier === undefined || !namesAPatient(subject?.type)) return 'no-patient';
    return byIdentifier(identifier);
  };
}

/** A reference's `type`, when given, is Patient (as written, or as a StructureDefinition URL). */
function namesAPatient(type: string | undefined): boolean {
  return type === undefined || type === 'Patient' || type === PATIENT_DEFINITION;
}
const PATIENT_DEFINITION = 'http://hl7.org/fhir/StructureDefinition/Patient';

/** `system|value`, or undefined when either is missing: a value alone names no one for sure. */
function identifierKey(identifier: fhir4.Identifier): string | undefined {
  const { system, value } = identifier;
  if (typeof system !== 'string' || typeof value !== 'string') return undefined;
  if (system === '' || value === '') return undefined;
  return `${system}|${value}`;
}

/** Every identifier of the Patients that arrived, with the ids of the Patients holding it. */
function patientsByIdentifier(arrived: readonly Indexed[]): Map<string, Set<string | undefined>> {
  const holders = new Map<string, Set<string | undefined>>();
  for (const { entry } of arrived) {
    if (entry.resource.resourceType !== 'Patient') continue;
    const patient = entry.resource as fhir4.Patient;
    for (const identifier of patient.identifier ?? []) {
      const key = identifierKey(identifier);
      if (key === undefined) continue;
      let ids = holders.get(key);
      if (!ids) holders.set(key, (ids = new Set()));
      ids.add(patient.id);
    }
  }
  return holders;
}
