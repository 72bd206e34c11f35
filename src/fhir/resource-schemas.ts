/**
 * Lenient zod shapes of the FHIR R4 resources the rules read: every field the rules use is
 * checked for its type, every other field passes through. Data that arrives (prefetch or a
 * FHIR read) is checked against these before it reaches the rules, so a malformed resource
 * counts as missing data instead of crashing a rule (CDS Hooks 2.0 §Prefetch).
 */
import { z } from 'zod';
import {
  FHIR_ID_PATTERN,
  MAX_CODE_LENGTH,
  MAX_ID_LENGTH,
  MAX_STRING_LENGTH,
  MAX_URL_LENGTH,
  RESOURCE_TYPE_PATTERN,
} from './value-limits.js';
import { isCertainlyValidBundle, isCertainlyValidResource } from './resource-fast-check.js';
import { arrayOf } from './first-bad-item.js';

/** FHIR R4 dateTime (year, year-month, date, or date-time with zone). */
const dateTime = z
  .string()
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:([0-5]\d|60)(\.\d{1,9})?)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))?)?)?)?$/,
    'must be a FHIR dateTime',
  );

const id = z.string().max(MAX_ID_LENGTH).regex(FHIR_ID_PATTERN, 'must be a FHIR id');
const url = z.string().max(MAX_URL_LENGTH);
const code = z.string().max(MAX_CODE_LENGTH);
const text = z.string().max(MAX_STRING_LENGTH);
const coding = z.looseObject({
  system: url.optional(),
  code: code.optional(),
  display: text.optional(),
});
const codeableConcept = z.looseObject({
  coding: arrayOf(coding).optional(),
  text: text.optional(),
});
/** A CodeableConcept with every field the rules read well-typed. */
export const codeableConceptSchema = codeableConcept;
const reference = z.looseObject({
  reference: url.optional(),
  display: text.optional(),
});
const period = z.looseObject({ start: dateTime.optional(), end: dateTime.optional() });

/**
 * A subject is optional on all three, although FHIR R4 makes it 1..1 on Condition and
 * ImagingStudy: rules page §2 drops a resource that is not the hook patient's, and one that
 * names no patient is not, so the record drops it with its trace line (H09, H92). Required
 * here, one such resource (an old export's entry, a DSTU2 `patient` field) made the whole
 * search missing, 412, and no card for the rest of the record. A subject that is present
 * keeps its checks: a malformed one is still malformed data (H37).
 */
const subject = reference.optional();

export const conditionSchema = z.looseObject({
  resourceType: z.literal('Condition'),
  id: id.optional(),
  subject,
  clinicalStatus: codeableConcept.optional(),
  verificationStatus: codeableConcept.optional(),
  code: codeableConcept.optional(),
  bodySite: arrayOf(codeableConcept).optional(),
  onsetDateTime: dateTime.optional(),
  onsetPeriod: period.optional(),
  recordedDate: dateTime.optional(),
  abatementDateTime: dateTime.optional(),
  // Checked as abatementDateTime is, since its dates decide history as much (H119): a date in
  // an everyday spelling is refused here, then read by the lenient reading as the date it spells.
  abatementPeriod: period.optional(),
  evidence: arrayOf(
    z.looseObject({
      code: arrayOf(codeableConcept).optional(),
      detail: arrayOf(reference).optional(),
    }),
  ).optional(),
});

export const imagingStudySchema = z.looseObject({
  resourceType: z.literal('ImagingStudy'),
  id: id.optional(),
  subject,
  status: code,
  started: dateTime.optional(),
  modality: arrayOf(coding).optional(),
  procedureCode: arrayOf(codeableConcept).optional(),
  reasonCode: arrayOf(codeableConcept).optional(),
  description: text.optional(),
  series: arrayOf(z.looseObject({ modality: coding, bodySite: coding.optional() })).optional(),
});

export const diagnosticReportSchema = z.looseObject({
  resourceType: z.literal('DiagnosticReport'),
  id: id.optional(),
  subject,
  status: code,
  code: codeableConcept,
  effectiveDateTime: dateTime.optional(),
  effectivePeriod: period.optional(),
  issued: dateTime.optional(),
  imagingStudy: arrayOf(reference).optional(),
  conclusionCode: arrayOf(codeableConcept).optional(),
});

export const patientSchema = z.looseObject({
  resourceType: z.literal('Patient'),
  id: id.optional(),
});

/** The schema for each resource type the rules read; other types are not inspected. */
export const RESOURCE_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  Condition: conditionSchema,
  ImagingStudy: imagingStudySchema,
  DiagnosticReport: diagnosticReportSchema,
  Patient: patientSchema,
};

const anyResource = z.looseObject({
  resourceType: z
    .string()
    .max(MAX_ID_LENGTH)
    .regex(RESOURCE_TYPE_PATTERN, 'must be a FHIR resource type'),
});

export const bundleSchema = z.looseObject({
  resourceType: z.literal('Bundle'),
  type: code,
  entry: arrayOf(
    z.looseObject({
      fullUrl: url.optional(),
      resource: anyResource.optional(),
      search: z.looseObject({ mode: code.optional() }).optional(),
    }),
  ).optional(),
  link: arrayOf(z.looseObject({ relation: code, url })).optional(),
});

/**
 * A resource of a type the rules read, checked; any other resource only for its shape.
 * Valid data takes the fast check (./resource-fast-check.ts) and is returned as it came;
 * the rest is decided, and its problem worded, by the zod schemas above.
 */
export function checkResource(value: unknown): z.ZodSafeParseResult<unknown> {
  if (isCertainlyValidResource(value)) return { success: true, data: value };
  return schemaCheckResource(value);
}

/** checkResource by the zod schemas alone: what decides, and words, every problem. */
export function schemaCheckResource(value: unknown): z.ZodSafeParseResult<unknown> {
  const shape = anyResource.safeParse(value);
  if (!shape.success) return shape;
  const schema = RESOURCE_SCHEMAS[shape.data.resourceType];
  return schema ? schema.safeParse(value) : shape;
}

/** A search Bundle, checked as bundleSchema checks it (fast when valid, see checkResource). */
export function checkBundle(value: unknown): z.ZodSafeParseResult<z.output<typeof bundleSchema>> {
  if (isCertainlyValidBundle(value))
    return { success: true, data: value as z.output<typeof bundleSchema> };
  return bundleSchema.safeParse(value);
}
