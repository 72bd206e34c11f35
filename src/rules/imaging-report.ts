/**
 * Which DiagnosticReports are imaging reports (issue #13): its category is in the
 * imaging-report value set, or it references the ImagingStudy it reports on, by reference or
 * by identifier only (a DICOM Study Instance UID, as HL7 v2 converters write it: H62). Read
 * as untyped data: the schemas do not check `category`, and the backtest and the timeline app
 * ask this of reports that failed the schemas too (src/cds/malformed-data.ts), to know whether
 * the service's imaging search would have returned them.
 */
import { studyIdentifierOf } from './study-identifiers.js';
import type { Terminology } from './terminology.js';

export function isImagingReport(report: unknown, terminology: Terminology): boolean {
  if (typeof report !== 'object' || report === null) return false;
  const { imagingStudy, category } = report as { imagingStudy?: unknown; category?: unknown };
  if (Array.isArray(imagingStudy) && imagingStudy.some(namesAStudy)) return true;
  return (
    Array.isArray(category) &&
    category.some((concept: { coding?: unknown } | null) =>
      terminology.match(
        'imagingReportCategory',
        Array.isArray(concept?.coding) ? (concept.coding as fhir4.Coding[]) : [],
      ),
    )
  );
}

/**
 * A study reference that names a study: a literal reference, or an identifier as the record
 * reads one (./study-identifiers.ts `studyIdentifierOf`), whether or not the record holds the
 * study.
 */
function namesAStudy(study: unknown): boolean {
  if (typeof study !== 'object' || study === null) return false;
  return (
    typeof (study as { reference?: unknown }).reference === 'string' ||
    studyIdentifierOf(study) !== undefined
  );
}
