/**
 * Imaging that says nothing about this patient (rules page §6: no card from entered-in-error
 * data; §2: resources of another patient are dropped). An ImagingStudy or DiagnosticReport with
 * status `entered-in-error` was created in error, typically filed under the wrong patient; a
 * report whose every study is so, or is another patient's study, is most likely another
 * patient's report too (or filed against the wrong study). None of them says anything about
 * this patient. Each answer is the reason, in the words the explain trace prints.
 */
import type { PatientRecord } from './patient-record.js';

const VOIDED = { is: 'entered-in-error', why: 'created in error, often under the wrong patient' };
const DROPPED = {
  is: "another patient's",
  why: 'dropped: its subject is not the patient of this hook call',
};
/** What a resource the record dropped is, in the trace's words. */
export const OTHER_PATIENTS = `${DROPPED.is} (${DROPPED.why})`;

/**
 * Why a report says nothing about this patient: it is entered in error or cancelled, or every
 * study it is on is, by the record's own word, entered in error or another patient's (one the
 * record dropped); else undefined. A report on no study, on a study the record never received
 * (ImagingStudy data are optional, rules page §2) or on one valid study of this patient beside
 * the others still stands.
 */
export function whyReportSaysNothing(
  report: fhir4.DiagnosticReport,
  record: PatientRecord,
): string | undefined {
  if (report.status === 'entered-in-error' || report.status === 'cancelled')
    return `the report is ${report.status}`;
  const studies = report.imagingStudy;
  if (!studies || studies.length === 0) return undefined;
  const voided: string[] = [];
  const dropped: string[] = [];
  for (const study of studies) {
    const entry = record.resolve(study.reference);
    if (entry) {
      if (
        entry.resource.resourceType !== 'ImagingStudy' ||
        (entry.resource as fhir4.ImagingStudy).status !== 'entered-in-error'
      )
        return undefined;
      voided.push(entry.reference);
      continue;
    }
    const other = record.resolveDropped(study.reference);
    if (other === undefined) return undefined;
    dropped.push(other);
  }
  return `${whichStudies(voided, dropped)}, so the report may be another patient's`;
}

function whichStudies(voided: readonly string[], dropped: readonly string[]): string {
  if (voided.length > 0 && dropped.length > 0)
    return `every study it reports on is ${VOIDED.is} (${voided.join(', ')}, ${VOIDED.why}) or ${DROPPED.is} (${dropped.join(', ')}, ${DROPPED.why})`;
  const [studies, { is, why }] = voided.length > 0 ? [voided, VOIDED] : [dropped, DROPPED];
  return studies.length === 1
    ? `the study it reports on, ${studies.join(', ')}, is ${is} (${why})`
    : `every study it reports on (${studies.join(', ')}) is ${is} (${why})`;
}

/**
 * Why imaging a Condition cites as evidence is not shown as the finding's source, or undefined
 * when it is: a study entered in error, a study cancelled ("not started or not completed", FHIR
 * R4 status: nothing was seen on it), or a report that says nothing about this patient (above).
 * Cancelled does not void a report on the study (not done is not wrong patient), but it is no
 * finding's source either. Another patient's study or report is never resolved by the record,
 * so the caller names it from `record.resolveDropped`.
 */
export function whyNoSourceOfFinding(
  resource: fhir4.Resource,
  record: PatientRecord,
): string | undefined {
  if (resource.resourceType === 'ImagingStudy') {
    const { status } = resource as fhir4.ImagingStudy;
    if (status === 'entered-in-error') return `the study is ${VOIDED.is} (${VOIDED.why})`;
    if (status === 'cancelled')
      return 'the study is cancelled (not started or not completed), so nothing was seen on it';
    return undefined;
  }
  if (resource.resourceType !== 'DiagnosticReport') return undefined;
  return whyReportSaysNothing(resource as fhir4.DiagnosticReport, record);
}
