/**
 * Condition status semantics (rules page §2 "Status"): an absent verificationStatus counts
 * as confirmed and an absent clinicalStatus as active.
 */

/** `excluded` Conditions are ignored entirely; `uncertain` ones lower the card they feed. */
export type Certainty = 'confirmed' | 'uncertain' | 'excluded';

const VER_STATUS = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CLINICAL_STATUS = 'http://terminology.hl7.org/CodeSystem/condition-clinical';

const EXCLUDED = new Set(['entered-in-error', 'refuted']);
const UNCERTAIN = new Set(['unconfirmed', 'provisional', 'differential']);
const HISTORY = new Set(['inactive', 'remission', 'resolved']);

export function verificationCode(condition: fhir4.Condition): string {
  return statusCode(condition.verificationStatus, VER_STATUS) ?? 'confirmed';
}

export function clinicalStatusCode(condition: fhir4.Condition): string {
  return statusCode(condition.clinicalStatus, CLINICAL_STATUS) ?? 'active';
}

export function certaintyOf(condition: fhir4.Condition): Certainty {
  const code = verificationCode(condition);
  if (EXCLUDED.has(code)) return 'excluded';
  if (UNCERTAIN.has(code)) return 'uncertain';
  return 'confirmed';
}

/** History never raises a card of its own: inactive, remission, resolved, or abated. */
export function isHistory(condition: fhir4.Condition): boolean {
  return HISTORY.has(clinicalStatusCode(condition)) || hasAbatement(condition);
}

function hasAbatement(condition: fhir4.Condition): boolean {
  return (
    condition.abatementDateTime !== undefined ||
    condition.abatementAge !== undefined ||
    condition.abatementPeriod !== undefined ||
    condition.abatementRange !== undefined ||
    condition.abatementString !== undefined
  );
}

/** When the Condition began: onset, else recordedDate (rules page §3.2). ISO date-time text. */
export function onsetOf(condition: fhir4.Condition): string | undefined {
  return condition.onsetDateTime ?? condition.onsetPeriod?.start ?? condition.recordedDate;
}

function statusCode(
  concept: fhir4.CodeableConcept | undefined,
  system: string,
): string | undefined {
  const codings = concept?.coding ?? [];
  // Prefer the HL7 code system; tolerate a missing system, as some EHRs send bare codes.
  const coding = codings.find((c) => c.system === system) ?? codings.find((c) => !c.system);
  return coding?.code?.trim().toLowerCase();
}
