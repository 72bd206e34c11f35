/**
 * Random FHIR R4 Condition, ImagingStudy, DiagnosticReport and ServiceRequest resources built
 * over the real codes (./codes.ts) and the values of ./arbitraries.ts: every code of every
 * value set in every spelling, unknown codes, text-only Conditions, random body sites, and,
 * when asked, wrong-typed values in the fields the resource schemas do not check.
 *
 * `npm run fuzz` runs 10,000 cases a property; `npm test` runs FUZZ_RUNS (default 200).
 */
import fc from 'fast-check';
import { dateArb, PATIENT_ID, subjectArb, targetArb, validDateArb } from './arbitraries.js';
import { codingIn, DICOM, SETS, unknownCodingArb } from './codes.js';
import { asSent, junkArb, type ResourceOptions } from './resource-options.js';

// Conditions have a file of their own; the request builders take every resource from here.
export { conditionArb } from './conditions.js';
export type { ResourceOptions } from './resource-options.js';

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
