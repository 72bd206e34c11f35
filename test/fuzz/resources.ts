/**
 * Random FHIR R4 Condition, ImagingStudy, DiagnosticReport and ServiceRequest resources built
 * over the real codes (./codes.ts) and the values of ./arbitraries.ts: every code of every
 * value set in every spelling, unknown codes, text-only Conditions, random body sites, and,
 * when asked, wrong-typed values in the fields the resource schemas do not check.
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
  validDateArb,
  verificationStatusArb,
  type DateKinds,
} from './arbitraries.js';
import {
  codingIn,
  conditionTextArb,
  DICOM,
  ICD_10_CM,
  mentionsExtramedullaryArb,
  SETS,
  unknownCodingArb,
} from './codes.js';

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

export interface ResourceOptions {
  codes: ConditionCodes;
  /** `any` lets garbage dates break the resource schema: the prefetch key then counts as missing. */
  dates: DateKinds;
  /** Add wrong-typed values to fields the resource schemas do not check (issued, description, …). */
  uncheckedJunk: boolean;
}

/** FHIR fields the resource schemas do not check, given any JSON value. */
function junkArb(o: ResourceOptions, keys: readonly string[]): fc.Arbitrary<object> {
  return o.uncheckedJunk
    ? fc.oneof(
        fc.constant({}),
        fc.dictionary(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }),
      )
    : fc.constant({});
}

/**
 * A generated resource as a client sends it: typed as FHIR for the code that reads it, though
 * statuses and codes are drawn outside FHIR's bindings on purpose.
 */
function asSent(value: object): fhir4.Resource {
  return defined(value) as fhir4.Resource;
}

/** Drops the undefined fields fc.record leaves out anyway, for readable counterexamples. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Every abatement[x] of R4, each making a Condition history (rules page §2); rare, or most would be. */
function abatementArb(dates: fc.Arbitrary<string>): fc.Arbitrary<Partial<fhir4.Condition>> {
  return fc.oneof(
    { arbitrary: fc.constant({}), weight: 10 },
    dates.map((abatementDateTime) => ({ abatementDateTime })),
    dates.map((start) => ({ abatementPeriod: { start } })),
    fc.constant({ abatementAge: { value: 61, unit: 'a', system: 'http://unitsofmeasure.org' } }),
    fc.constant({ abatementString: 'in 2019' }),
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

export function conditionArb(o: ResourceOptions): fc.Arbitrary<fhir4.Condition> {
  const random = randomConditionArb(o);
  return o.codes === 'any'
    ? fc.oneof({ arbitrary: random, weight: 6 }, relapseLongOverArb(o))
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

const modalityArb: fc.Arbitrary<fhir4.Coding> = fc.oneof(
  fc.constantFrom('PT', 'CT', 'MR', 'NM', 'XA').map((code) => ({ system: DICOM, code })),
  codingIn(['imaging-mr-modality', 'imaging-cross-sectional-modality']),
  unknownCodingArb,
);

const studyStatusArb = fc.oneof(
  fc.constantFrom('available', 'registered', 'cancelled', 'entered-in-error', 'unknown'),
  fc.string({ maxLength: 8 }),
);

export function imagingStudyArb(o: ResourceOptions): fc.Arbitrary<fhir4.ImagingStudy> {
  const procedure = fc.oneof(
    codingIn(SETS.imagingProcedure).map((c) => ({ coding: [c] })),
    fc.string({ maxLength: 20 }).map((text) => ({ text })),
  );
  const series = fc.record(
    {
      modality: modalityArb,
      bodySite: fc.oneof(codingIn(SETS.site), codingIn(SETS.imagingProcedure)),
    },
    { requiredKeys: ['modality'] },
  );
  return fc
    .tuple(
      fc.record(
        {
          subject: subjectArb('any'),
          status: studyStatusArb,
          started: dateArb(o.dates),
          modality: fc.array(modalityArb, { maxLength: 2 }),
          procedureCode: fc.array(procedure, { maxLength: 2 }),
          series: fc.array(series, { maxLength: 3 }),
          description: fc.string({ maxLength: 30 }),
        },
        { requiredKeys: ['subject', 'status'] },
      ),
      junkArb(o, ['description', 'numberOfSeries', 'identifier', 'endpoint']),
    )
    .map(
      ([fields, junk]) =>
        asSent({ resourceType: 'ImagingStudy', ...fields, ...junk }) as fhir4.ImagingStudy,
    );
}

export function diagnosticReportArb(o: ResourceOptions): fc.Arbitrary<fhir4.DiagnosticReport> {
  const dates = dateArb(o.dates);
  const conclusion = fc.oneof(
    codingIn(SETS.finding).map((c) => ({ coding: [c] })),
    codingIn(SETS.site).map((c) => ({ coding: [c], text: 'site' })),
    unknownCodingArb.map((c) => ({ coding: [c] })),
  );
  return fc
    .tuple(
      fc.record(
        {
          subject: subjectArb('any'),
          status: fc.oneof(
            fc.constantFrom('final', 'preliminary', 'amended', 'entered-in-error', 'cancelled'),
            fc.string({ maxLength: 8 }),
          ),
          code: fc.oneof(
            fc.constant({ text: 'PET/CT whole body' }),
            fc.constant({ coding: [{ system: 'http://loinc.org', code: '44139-4' }] }),
          ),
          effectiveDateTime: dates,
          effectivePeriod: fc.record({ start: dates, end: dates }, { requiredKeys: [] }),
          issued: validDateArb,
          imagingStudy: fc.array(targetArb('ImagingStudy'), { maxLength: 2 }),
          conclusionCode: fc.array(conclusion, { maxLength: 3 }),
        },
        { requiredKeys: ['status', 'code'] },
      ),
      junkArb(o, ['issued', 'presentedForm', 'conclusion', 'result']),
    )
    .map(
      ([fields, junk]) =>
        asSent({ resourceType: 'DiagnosticReport', ...fields, ...junk }) as fhir4.DiagnosticReport,
    );
}

/** Draft orders for the order hooks: imaging orders (value set codes) and others. */
export const serviceRequestArb: fc.Arbitrary<fhir4.ServiceRequest> = fc
  .record(
    {
      status: fc.oneof(fc.constantFrom('draft', 'active'), fc.string({ maxLength: 6 })),
      code: fc.oneof(
        codingIn(SETS.order).map((c) => ({ coding: [c] })),
        unknownCodingArb.map((c) => ({ coding: [c] })),
        fc.constant({ text: 'MRI' }),
      ),
    },
    { requiredKeys: ['status'] },
  )
  .map(
    (fields) =>
      asSent({
        resourceType: 'ServiceRequest',
        intent: 'order',
        subject: { reference: `Patient/${PATIENT_ID}` },
        ...fields,
      }) as fhir4.ServiceRequest,
  );
