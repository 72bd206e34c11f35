/**
 * Imaging entered in error (rules page §6: no card from entered-in-error data). An ImagingStudy
 * or DiagnosticReport with status `entered-in-error` was created in error, typically filed
 * under the wrong patient; a report whose every study is so is most likely another patient's
 * report too. Neither says anything about this patient.
 */
import type { PatientRecord } from './patient-record.js';

/**
 * The studies a report is on, as the record cites them, when every one resolves in the record
 * to an ImagingStudy entered in error; else undefined. A report on no study, on a study the
 * record does not hold (ImagingStudy data are optional, rules page §2) or on one valid study
 * beside voided ones still stands: only the record's own word voids it.
 */
export function voidedStudiesOf(
  report: fhir4.DiagnosticReport,
  record: PatientRecord,
): readonly string[] | undefined {
  const studies = report.imagingStudy;
  if (!studies || studies.length === 0) return undefined;
  const voided: string[] = [];
  for (const study of studies) {
    const entry = record.resolve(study.reference);
    if (
      entry?.resource.resourceType !== 'ImagingStudy' ||
      (entry.resource as fhir4.ImagingStudy).status !== 'entered-in-error'
    )
      return undefined;
    voided.push(entry.reference);
  }
  return voided;
}

/**
 * Whether imaging a Condition cites as evidence shows nothing of this patient, so it is not
 * shown as the finding's source: a study or report entered in error, a report whose every
 * study is, or a study or report cancelled ("not started or not completed", FHIR R4 status),
 * on which nothing was seen. Cancelled does not void a report on the study (not done is not
 * wrong patient: voidedStudiesOf), but it is no finding's source either.
 */
export function isNoSourceOfFinding(resource: fhir4.Resource, record: PatientRecord): boolean {
  if (resource.resourceType === 'ImagingStudy') {
    const { status } = resource as fhir4.ImagingStudy;
    return status === 'entered-in-error' || status === 'cancelled';
  }
  if (resource.resourceType !== 'DiagnosticReport') return false;
  const report = resource as fhir4.DiagnosticReport;
  return (
    report.status === 'entered-in-error' ||
    report.status === 'cancelled' ||
    voidedStudiesOf(report, record) !== undefined
  );
}
