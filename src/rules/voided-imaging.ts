/**
 * Imaging that says nothing about this patient (rules page §6: no card from entered-in-error
 * data; §2: resources of another patient, or of none, are dropped). An ImagingStudy or
 * DiagnosticReport with status `entered-in-error` was created in error, typically filed under
 * the wrong patient; a report whose every study is so, or is a study the record dropped
 * (another patient's, or naming no patient), reads imaging that was withdrawn, that nothing ties
 * to this patient, or that is another patient's (then the report may be another patient's too,
 * or filed against the wrong study). None of them says anything about this patient. Each answer
 * is the reason, in the words the explain trace prints.
 */
import { DROP_WORDS, type DropReason } from './drop-reasons.js';
import type { PatientRecord } from './patient-record.js';
import { reportStatus, reportStatusAsRead } from './report-status.js';
import { resourceStatus } from './resource-status.js';

const VOIDED = {
  is: 'is entered-in-error',
  why: 'created in error, often under the wrong patient',
};

/**
 * Why a report says nothing about this patient: it is entered in error or cancelled, or every
 * study it is on is, by the record's own word, entered in error or one the record dropped
 * (another patient's, or naming no patient); else undefined. A report on no study, on a study
 * the record never received (ImagingStudy data are optional, rules page §2) or on one valid
 * study of this patient beside the others still stands.
 */
export function whyReportSaysNothing(
  report: fhir4.DiagnosticReport,
  record: PatientRecord,
): string | undefined {
  // A report's status as HL7 v2 and C-CDA converters send it too ("X", "aborted": H129).
  const status = reportStatus(report.status);
  if (status === 'entered-in-error' || status === 'cancelled')
    return `the report is ${reportStatusAsRead(report.status)}`;
  const studies = report.imagingStudy;
  if (!studies || studies.length === 0) return undefined;
  // Almost every report's first study stands, so the common answer builds nothing but the
  // empty list (a long record has hundreds of reports, issue #15).
  const named: NamedStudy[] = [];
  for (const study of studies) {
    const saysNothing = kindOfStudy(study, record);
    if (saysNothing === undefined) return undefined;
    named.push(saysNothing);
  }
  // Each kind of study, in the order the trace names them.
  const groups = new Map<'voided' | DropReason, string[]>([
    ['voided', []],
    ['other-patient', []],
    ['no-patient', []],
    ['unknown-patient', []],
  ]);
  for (const { kind, reference } of named) groups.get(kind)?.push(reference);
  return `${whichStudies(groups)}, so ${whatFollows(groups)}`;
}

/**
 * What the kinds of study named say of the report: only a study of another patient makes it
 * "may be another patient's"; a study entered in error is withdrawn imaging (H45), one naming
 * no patient, or a patient the call cannot tell, is imaging nothing ties to this patient.
 */
function whatFollows(groups: ReadonlyMap<'voided' | DropReason, readonly string[]>): string {
  const has = (kind: 'voided' | DropReason) => (groups.get(kind)?.length ?? 0) > 0;
  if (has('other-patient')) return "the report may be another patient's";
  const isWithdrawn = has('voided');
  const isUntied = has('no-patient') || has('unknown-patient');
  if (isWithdrawn && isUntied)
    return "the report's imaging was withdrawn or cannot be tied to this patient";
  return isWithdrawn
    ? "the report's imaging was withdrawn"
    : "the report's imaging cannot be tied to this patient";
}

/** A cited study that does not leave the report standing, and why: its kind and its name. */
interface NamedStudy {
  kind: 'voided' | DropReason;
  reference: string;
}

/**
 * Why a cited study says nothing about this patient: the record holds it and it is an
 * ImagingStudy entered in error, or the record dropped it (another patient's, or naming no
 * patient). Undefined when it leaves the report standing: a study the record holds otherwise,
 * or one it never received.
 */
function kindOfStudy(study: fhir4.Reference, record: PatientRecord): NamedStudy | undefined {
  const entry = record.resolve(study.reference);
  if (entry)
    return entry.resource.resourceType === 'ImagingStudy' &&
      resourceStatus((entry.resource as fhir4.ImagingStudy).status) === 'entered-in-error'
      ? { kind: 'voided', reference: entry.reference }
      : undefined;
  const dropped = record.resolveDropped(study.reference);
  return dropped && { kind: dropped.reason, reference: dropped.reference };
}

function whichStudies(groups: ReadonlyMap<'voided' | DropReason, readonly string[]>): string {
  const named = [...groups]
    .filter(([, studies]) => studies.length > 0)
    .map(([kind, studies]) => ({ studies, ...(kind === 'voided' ? VOIDED : DROP_WORDS[kind]) }));
  const [only] = named;
  if (only && named.length === 1)
    return only.studies.length === 1
      ? `the study it reports on, ${only.studies.join(', ')}, ${only.is} (${only.why})`
      : `every study it reports on (${only.studies.join(', ')}) ${only.is} (${only.why})`;
  // "is entered-in-error (…) or another patient's (…) or names no patient (…)": one "is" for
  // the kinds in a row that take it.
  return `every study it reports on ${named
    .map(({ studies, is, why }, i) => {
      const said = i > 0 && is.startsWith('is ') && named[i - 1]?.is.startsWith('is ');
      return `${said ? is.slice(3) : is} (${studies.join(', ')}, ${why})`;
    })
    .join(' or ')}`;
}

/**
 * Why imaging a Condition cites as evidence is not shown as the finding's source, or undefined
 * when it is: a study entered in error, a study cancelled ("not started or not completed", FHIR
 * R4 status: nothing was seen on it), or a report that says nothing about this patient (above).
 * Cancelled does not void a report on the study (not done is not wrong patient), but it is no
 * finding's source either. A study or report the record dropped (another patient's, or naming
 * no patient) is never resolved by it, so the caller names it from `record.resolveDropped`.
 */
export function whyNoSourceOfFinding(
  resource: fhir4.Resource,
  record: PatientRecord,
): string | undefined {
  if (resource.resourceType === 'ImagingStudy') {
    const status = resourceStatus((resource as fhir4.ImagingStudy).status);
    if (status === 'entered-in-error') return `the study ${VOIDED.is} (${VOIDED.why})`;
    if (status === 'cancelled')
      return 'the study is cancelled (not started or not completed), so nothing was seen on it';
    return undefined;
  }
  if (resource.resourceType !== 'DiagnosticReport') return undefined;
  return whyReportSaysNothing(resource as fhir4.DiagnosticReport, record);
}
