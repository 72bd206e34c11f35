/**
 * Condition statuses as real exports carry them (rules page §2 "Status", issue #13): the
 * standard codes under the R4 and STU3 system URIs, respelled, bare, under local systems, as
 * text only, or empty. Which reading each deserves is the oracle's call (./spec-reading.ts).
 *
 * `npm run fuzz` runs 10,000 cases a property; `npm test` runs FUZZ_RUNS (default 200).
 */
import fc from 'fast-check';

const HL7_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const HL7_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const STU3_CLINICAL = 'http://hl7.org/fhir/condition-clinical';
const STU3_VERIFICATION = 'http://hl7.org/fhir/condition-ver-status';
const LOCAL_STATUS = 'http://example.org/other-status';

/** A status concept: the code as coded, any reading of it is the oracle's job (./never-rules.ts). */
interface StatusVocabulary {
  systems: readonly string[];
  codes: readonly string[];
  /** Words a status given only as text may carry (the "small list"), and others. */
  words: readonly string[];
}

/**
 * Statuses as real exports carry them: standard codes under the R4 and the STU3 system URIs,
 * the same codes upper-cased or padded or without a system, unknown codes, standard codes
 * under a local system, a status given only as text, and an empty concept.
 */
function statusArb(v: StatusVocabulary): fc.Arbitrary<fhir4.CodeableConcept> {
  const code = fc.oneof(
    { arbitrary: fc.constantFrom(...v.codes), weight: 4 },
    fc.string({ maxLength: 10 }),
  );
  const standard = fc
    .tuple(fc.constantFrom(...v.systems), fc.constantFrom(...v.codes))
    .map(([system, c]) => ({ coding: [{ system, code: c }] }));
  const respelled = fc
    .tuple(code, fc.constantFrom('upper', 'padded'), fc.constantFrom(...v.systems, undefined))
    .map(([c, spelling, system]) => {
      const spelled = spelling === 'upper' ? c.toUpperCase() : ` ${c} `;
      return { coding: [system ? { system, code: spelled } : { code: spelled }] };
    });
  const bare = code.map((c) => ({ coding: [{ code: c }] }));
  const local = fc
    .tuple(code, fc.constantFrom(LOCAL_STATUS, 'urn:oid:1.2.3.4.5'))
    .map(([c, system]) => ({ coding: [{ system, code: c }] }));
  const textOnly = fc
    .oneof(fc.constantFrom(...v.words), fc.string({ maxLength: 12 }))
    .map((text) => ({ text }));
  return fc.oneof(
    { arbitrary: standard, weight: 8 },
    { arbitrary: respelled, weight: 2 },
    bare,
    { arbitrary: local, weight: 2 },
    { arbitrary: textOnly, weight: 2 },
    fc.constant({}),
  );
}

const CLINICAL = ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'];
const VERIFICATION = [
  'confirmed',
  'unconfirmed',
  'provisional',
  'differential',
  'refuted',
  'entered-in-error',
];
export const clinicalStatusArb = statusArb({
  systems: [HL7_CLINICAL, STU3_CLINICAL],
  codes: CLINICAL,
  words: ['resolved', 'Resolved', 'inactive', 'in remission', 'active', 'relapse', 'unknown'],
});
export const verificationStatusArb = statusArb({
  // STU3 also had "unknown".
  systems: [HL7_VERIFICATION, STU3_VERIFICATION],
  codes: [...VERIFICATION, 'unknown'],
  words: ['refuted', 'entered in error', 'Entered in error', 'confirmed', 'suspected'],
});

/** A history clinical status in each way an export may say it (rules page §2, the issue). */
export const historyStatusArb: fc.Arbitrary<fhir4.CodeableConcept> = fc
  .tuple(
    fc.constantFrom('inactive', 'remission', 'resolved'),
    fc.constantFrom(HL7_CLINICAL, STU3_CLINICAL, 'text'),
  )
  .map(([code, system]) => (system === 'text' ? { text: code } : { coding: [{ system, code }] }));

/** A status exactly as an EHR would send it, with the HL7 system. */
export const clinical = (code: string): fhir4.CodeableConcept => ({
  coding: [{ system: HL7_CLINICAL, code }],
});
export const verification = (code: string): fhir4.CodeableConcept => ({
  coding: [{ system: HL7_VERIFICATION, code }],
});
