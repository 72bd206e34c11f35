/**
 * Random FHIR R4 Conditions over the real codes (./codes.ts): every code of every value set
 * in every spelling, the relapse codes, relapses long over, unknown codes, coded conditions
 * that merely say "extramedullary", text-only Conditions, random body sites, statuses in
 * every form an export uses (./statuses.ts) and every abatement[x].
 *
 * `npm run fuzz` runs 10,000 cases a property; `npm test` runs FUZZ_RUNS (default 200).
 */
import fc from 'fast-check';
import {
  clinicalStatusArb,
  dateArb,
  historyStatusArb,
  PATIENT_ID,
  subjectArb,
  targetArb,
  verificationStatusArb,
} from './arbitraries.js';
import {
  codingIn,
  conditionTextArb,
  ICD_10_CM,
  mentionsExtramedullaryArb,
  SETS,
  unknownCodingArb,
} from './codes.js';
import { defined, junkArb, type ResourceOptions } from './resource-options.js';

const siteArb: fc.Arbitrary<fhir4.CodeableConcept> = fc.oneof(
  { arbitrary: codingIn(SETS.site).map((c) => ({ coding: [c] })), weight: 6 },
  codingIn(['imaging-whole-body']).map((c) => ({ coding: [c] })),
  unknownCodingArb.map((c) => ({ coding: [c], text: 'left thigh muscle' })),
  fc.string({ maxLength: 20 }).map((text) => ({ text })),
  fc.constant({}),
);

/** Which Condition codes to draw: any; myeloma only on other patients; plasmacytoma only. */
export type ConditionCodes = 'any' | 'no-myeloma' | 'finding';

const icd = (code: string): fhir4.CodeableConcept => ({ coding: [{ system: ICD_10_CM, code }] });

const coded = (sets: readonly string[]): fc.Arbitrary<fhir4.CodeableConcept> =>
  fc
    .tuple(fc.array(codingIn(sets), { minLength: 1, maxLength: 2 }), fc.option(conditionTextArb))
    .map(([coding, text]) => (text === null ? { coding } : { coding, text }));

/** A Condition code and whether it is a myeloma code. */
function conditionCodeArb(
  codes: ConditionCodes,
): fc.Arbitrary<{ code: fhir4.CodeableConcept | undefined; isMyeloma: boolean }> {
  const finding = coded(SETS.finding).map((code) => ({ code, isMyeloma: false }));
  if (codes === 'finding') return finding;
  return fc.oneof(
    { arbitrary: coded(SETS.myeloma).map((code) => ({ code, isMyeloma: true })), weight: 4 },
    { arbitrary: finding, weight: 4 },
    // Rules page §3.2's relapse codes, so relapses (and relapses long over) are common.
    fc
      .constantFrom('C90.02', 'C90.12', 'C90.22', 'C90.32')
      .map((c) => ({ code: icd(c), isMyeloma: c === 'C90.02' || c === 'C90.12' })),
    fc
      .tuple(unknownCodingArb, conditionTextArb)
      .map(([c, text]) => ({ code: { coding: [c], text }, isMyeloma: false })),
    // Coded outside the value sets but saying "extramedullary" (issue #13, 4): not text-only.
    mentionsExtramedullaryArb.map((code) => ({ code, isMyeloma: false })),
    conditionTextArb.map((text) => ({ code: { text }, isMyeloma: false })),
    fc.constant({ code: undefined, isMyeloma: false }),
  );
}

/**
 * Every abatement[x] of R4, each making a Condition history (rules page §2); rare, or most would
 * be. And abatementStrings that say it has not abated (H96), which make nothing history.
 */
function abatementArb(dates: fc.Arbitrary<string>): fc.Arbitrary<Partial<fhir4.Condition>> {
  return fc.oneof(
    { arbitrary: fc.constant({}), weight: 10 },
    dates.map((abatementDateTime) => ({ abatementDateTime })),
    dates.map((start) => ({ abatementPeriod: { start } })),
    fc.constant({ abatementAge: { value: 61, unit: 'a', system: 'http://unitsofmeasure.org' } }),
    fc.constant({ abatementString: 'in 2019' }),
    fc
      .constantFrom('ongoing', 'Not resolved.', 'N/A', 'UNKNOWN', '持续', '未缓解。', 'none')
      .map((abatementString) => ({ abatementString })),
  );
}

/**
 * Issue #13, 1: myeloma coded "in relapse" whose relapse is long over (resolved, inactive or
 * in remission under any status system, or abated), the history that must never alarm.
 */
function relapseLongOverArb(o: ResourceOptions): fc.Arbitrary<fhir4.Condition> {
  return fc
    .tuple(
      fc.constantFrom('C90.02', 'C90.12', 'C9002'),
      fc.option(historyStatusArb, { nil: undefined }),
      dateArb(o.dates),
      subjectArb('any'),
    )
    .map(([code, clinicalStatus, abatementDateTime, subject]) =>
      defined({
        resourceType: 'Condition' as const,
        code: icd(code),
        clinicalStatus,
        // Without a history status, the abatement alone makes it history.
        abatementDateTime: clinicalStatus === undefined ? abatementDateTime : undefined,
        onsetDateTime: '2018-05-01',
        subject,
      }),
    );
}

/**
 * A Condition as a tidy EHR sends it: myeloma or a plasmacytoma of this patient, R4 statuses
 * active and confirmed (or none), a site from the value sets. Without these, records that
 * may rightly raise a warning or a critical card would be rare, and the §6 oracle would
 * seldom see the cards it bounds.
 */
function tidyConditionArb(): fc.Arbitrary<fhir4.Condition> {
  const R4 = 'http://terminology.hl7.org/CodeSystem/condition-';
  return fc
    .record(
      {
        code: coded([...SETS.myeloma, ...SETS.finding]),
        clinicalStatus: fc.constantFrom('active', 'relapse', 'remission').map((code) => ({
          coding: [{ system: `${R4}clinical`, code }],
        })),
        verificationStatus: fc.constant<fhir4.CodeableConcept>({
          coding: [{ system: `${R4}ver-status`, code: 'confirmed' }],
        }),
        bodySite: fc.array(siteArb, { minLength: 1, maxLength: 2 }),
        onsetDateTime: fc.constantFrom('2026-02-01', '2026-09-15', '2019-06-01'),
      },
      { requiredKeys: ['code', 'bodySite'] },
    )
    .map((fields) => ({
      resourceType: 'Condition' as const,
      ...fields,
      subject: { reference: `Patient/${PATIENT_ID}` },
    }));
}

export function conditionArb(o: ResourceOptions): fc.Arbitrary<fhir4.Condition> {
  const random = randomConditionArb(o);
  return o.codes === 'any'
    ? fc.oneof({ arbitrary: random, weight: 6 }, relapseLongOverArb(o), {
        arbitrary: tidyConditionArb(),
        weight: 4,
      })
    : random;
}

function randomConditionArb(o: ResourceOptions): fc.Arbitrary<fhir4.Condition> {
  const dates = dateArb(o.dates);
  const detail = fc.oneof(targetArb('ImagingStudy'), targetArb('DiagnosticReport'));
  return fc
    .tuple(
      conditionCodeArb(o.codes),
      fc.record(
        {
          clinicalStatus: clinicalStatusArb,
          verificationStatus: verificationStatusArb,
          bodySite: fc.array(siteArb, { maxLength: 3 }),
          onsetDateTime: dates,
          recordedDate: dates,
          evidence: fc.array(fc.record({ detail: fc.array(detail, { maxLength: 2 }) }), {
            maxLength: 2,
          }),
        },
        { requiredKeys: [] },
      ),
      abatementArb(dates),
      junkArb(o, ['abatementString', 'note', 'category', 'stage', 'meta']),
    )
    .chain(([{ code, isMyeloma }, fields, abatement, junk]) =>
      // In a "no-myeloma" record, myeloma Conditions belong to other patients only.
      subjectArb(o.codes === 'no-myeloma' && isMyeloma ? 'other' : 'any').map((subject) =>
        defined({
          resourceType: 'Condition' as const,
          ...junk,
          ...fields,
          ...abatement,
          code,
          subject,
        }),
      ),
    );
}
