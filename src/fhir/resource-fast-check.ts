/**
 * A fast check of the same shapes as ./resource-schemas.ts, for the common case of valid
 * data (issue #15: zod copied every resource of a 2,000-resource call, about half its time).
 * It only answers "certainly valid": it reads each field the rules read once, builds
 * nothing, and is never looser than the zod schema, so `true` means zod would accept the
 * value. Anything else goes to the zod schema, which decides and words the problem, so the
 * 400s and "not a valid FHIR resource (…)" reasons stay exactly as they were. A test holds
 * the two side by side (test/fhir/resource-fast-check.test.ts).
 */
import {
  hasFhirIdCharacters,
  hasResourceTypeCharacters,
  isFhirDateTime,
} from './lexical-checks.js';
import {
  MAX_CODE_LENGTH,
  MAX_ID_LENGTH,
  MAX_STRING_LENGTH,
  MAX_URL_LENGTH,
} from './value-limits.js';

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Written out field by field, with no table of checks: reading `value[key]` for a key taken
// from a list is a megamorphic load, and a 2,000-resource call made some 60,000 of them
// (docs/performance-log.md §14). Each function below reads its fields by name.

// The id, type-name and dateTime patterns of the schemas, written out without regular
// expressions (./lexical-checks.ts says why).

const isStringUpTo = (value: unknown, max: number): boolean =>
  typeof value === 'string' && value.length <= max;
/** A resource type's name as the schemas accept it. */
export const isResourceTypeName = (value: unknown): value is string =>
  isStringUpTo(value, MAX_ID_LENGTH) && hasResourceTypeCharacters(value as string);
/** A FHIR id as the schemas accept it. */
export const isFhirId = (value: unknown): value is string =>
  isStringUpTo(value, MAX_ID_LENGTH) && hasFhirIdCharacters(value as string);

const optionalUrl = (value: unknown) => value === undefined || isStringUpTo(value, MAX_URL_LENGTH);
const isCode = (value: unknown) => isStringUpTo(value, MAX_CODE_LENGTH);
const optionalCode = (value: unknown) => value === undefined || isCode(value);
const optionalText = (value: unknown) =>
  value === undefined || isStringUpTo(value, MAX_STRING_LENGTH);
const optionalId = (value: unknown) => value === undefined || isFhirId(value);
const optionalDateTime = (value: unknown) =>
  value === undefined || (typeof value === 'string' && isFhirDateTime(value));

/** `undefined`, or an array every element of which passes (a hole is an undefined element, which zod checks too). */
function optionalArrayOf(value: unknown, check: (element: unknown) => boolean): boolean {
  if (value === undefined) return true;
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i += 1) if (!check(value[i])) return false;
  return true;
}

const isCoding = (value: unknown): boolean =>
  isRecord(value) &&
  optionalUrl(value['system']) &&
  optionalCode(value['code']) &&
  optionalText(value['display']);
const isCodeableConcept = (value: unknown): boolean =>
  isRecord(value) && optionalArrayOf(value['coding'], isCoding) && optionalText(value['text']);
const optionalCodeableConcept = (value: unknown) => value === undefined || isCodeableConcept(value);
const isReference = (value: unknown): boolean =>
  isRecord(value) && optionalUrl(value['reference']) && optionalText(value['display']);
/** Absent, or a reference: the schemas' `subject` (./resource-schemas.ts says why). */
const optionalReference = (value: unknown) => value === undefined || isReference(value);
const optionalPeriod = (value: unknown) =>
  value === undefined ||
  (isRecord(value) && optionalDateTime(value['start']) && optionalDateTime(value['end']));

const isEvidence = (value: unknown): boolean =>
  isRecord(value) &&
  optionalArrayOf(value['code'], isCodeableConcept) &&
  optionalArrayOf(value['detail'], isReference);

const isSeries = (value: unknown): boolean =>
  isRecord(value) &&
  isCoding(value['modality']) &&
  (value['bodySite'] === undefined || isCoding(value['bodySite']));

const isCondition = (value: Fields): boolean =>
  value['resourceType'] === 'Condition' &&
  optionalId(value['id']) &&
  optionalReference(value['subject']) &&
  optionalCodeableConcept(value['clinicalStatus']) &&
  optionalCodeableConcept(value['verificationStatus']) &&
  optionalCodeableConcept(value['code']) &&
  optionalArrayOf(value['bodySite'], isCodeableConcept) &&
  optionalDateTime(value['onsetDateTime']) &&
  optionalPeriod(value['onsetPeriod']) &&
  optionalDateTime(value['recordedDate']) &&
  optionalDateTime(value['abatementDateTime']) &&
  optionalPeriod(value['abatementPeriod']) &&
  optionalArrayOf(value['evidence'], isEvidence);

const isImagingStudy = (value: Fields): boolean =>
  value['resourceType'] === 'ImagingStudy' &&
  optionalId(value['id']) &&
  optionalReference(value['subject']) &&
  isCode(value['status']) &&
  optionalDateTime(value['started']) &&
  optionalArrayOf(value['modality'], isCoding) &&
  optionalArrayOf(value['procedureCode'], isCodeableConcept) &&
  optionalArrayOf(value['reasonCode'], isCodeableConcept) &&
  optionalText(value['description']) &&
  optionalArrayOf(value['series'], isSeries);

const isDiagnosticReport = (value: Fields): boolean =>
  value['resourceType'] === 'DiagnosticReport' &&
  optionalId(value['id']) &&
  optionalReference(value['subject']) &&
  isCode(value['status']) &&
  isCodeableConcept(value['code']) &&
  optionalDateTime(value['effectiveDateTime']) &&
  optionalPeriod(value['effectivePeriod']) &&
  optionalDateTime(value['issued']) &&
  optionalArrayOf(value['imagingStudy'], isReference) &&
  optionalArrayOf(value['conclusionCode'], isCodeableConcept);

const isPatient = (value: Fields): boolean =>
  value['resourceType'] === 'Patient' && optionalId(value['id']);

/** True only when resource-schemas.ts's checkResource would accept the value. */
export function isCertainlyValidResource(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const type = value['resourceType'];
  if (!isResourceTypeName(type)) return false;
  switch (type) {
    case 'Condition':
      return isCondition(value);
    case 'ImagingStudy':
      return isImagingStudy(value);
    case 'DiagnosticReport':
      return isDiagnosticReport(value);
    case 'Patient':
      return isPatient(value);
    default:
      return true;
  }
}

const isBundleEntry = (value: unknown): boolean =>
  isRecord(value) &&
  optionalUrl(value['fullUrl']) &&
  (value['resource'] === undefined ||
    (isRecord(value['resource']) && isResourceTypeName(value['resource']['resourceType']))) &&
  (value['search'] === undefined ||
    (isRecord(value['search']) && optionalCode(value['search']['mode'])));

const isBundleLink = (value: unknown): boolean =>
  isRecord(value) && isCode(value['relation']) && isStringUpTo(value['url'], MAX_URL_LENGTH);

/** True only when resource-schemas.ts's bundleSchema would accept the value. */
export function isCertainlyValidBundle(value: unknown): boolean {
  return (
    isRecord(value) &&
    value['resourceType'] === 'Bundle' &&
    isCode(value['type']) &&
    optionalArrayOf(value['entry'], isBundleEntry) &&
    optionalArrayOf(value['link'], isBundleLink)
  );
}
