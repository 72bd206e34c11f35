/**
 * Why the patient record dropped a Condition, ImagingStudy or DiagnosticReport (rules page §2:
 * only the hook patient's data is read), in the words the explain trace prints. Three reasons,
 * named apart: a subject that names another patient, one that names no patient at all (no
 * subject, or a subject with only a display or identifier, which FHIR R4 allows on a report),
 * and one whose reference names a patient the call cannot tell (a contained Patient `#pt`, a
 * `urn:uuid` no entry of the call has). All are dropped alike; the trace says which, since
 * "another patient's" sends an informatics team looking for a second patient in the feed,
 * where the fix is a feed that leaves the subject out, or that sends the Patient it names. The
 * trace is English only (the explain trace and the console show it as is).
 */

/**
 * `other-patient`: the subject names a patient who is not the hook's; `no-patient`: none;
 * `unknown-patient`: its reference names a patient, but none the call can tell.
 */
export type DropReason = 'other-patient' | 'no-patient' | 'unknown-patient';

/** A resource the record dropped, by the name the trace gives it, and why. */
export interface DroppedResource {
  reference: string;
  reason: DropReason;
}

interface DropWords {
  /** The record's own trace line for the resource it dropped. */
  line: string;
  /** What the resource is, said of it where another resource cites it ("it …", "the study …"). */
  is: string;
  /** Why it was dropped, in brackets after `is`. */
  why: string;
}

export const DROP_WORDS: Readonly<Record<DropReason, DropWords>> = {
  'other-patient': {
    line: 'dropped: its subject is not the patient of this hook call',
    is: "is another patient's",
    why: 'dropped: its subject is not the patient of this hook call',
  },
  'no-patient': {
    line: 'dropped: it names no patient (no subject reference), so nothing shows it is the patient of this hook call',
    is: 'names no patient',
    why: 'dropped: it has no subject reference, so nothing shows it is the patient of this hook call',
  },
  'unknown-patient': {
    line: 'dropped: its subject reference names no Patient of this hook call (a contained Patient, a urn:uuid no resource of the call has, or a conditional reference such as Patient?identifier=…), so whose it is cannot be told',
    is: 'names a patient who cannot be identified',
    why: 'dropped: its subject reference names no Patient of this hook call, so whose it is cannot be told',
  },
};

/** "is another patient's (dropped: …)" or "names no patient (dropped: …)". */
export function droppedAs(reason: DropReason): string {
  const { is, why } = DROP_WORDS[reason];
  return `${is} (${why})`;
}
