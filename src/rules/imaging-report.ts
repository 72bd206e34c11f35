/**
 * Which DiagnosticReports are imaging reports (issue #13): its category is in the
 * imaging-report value set, or it references the ImagingStudy it reports on, by reference or
 * by identifier only (a DICOM Study Instance UID, as HL7 v2 converters write it: H62). Read
 * as untyped data: the schemas do not check `category`, and the backtest and the timeline app
 * ask this of reports that failed the schemas too (src/cds/malformed-data.ts), to know whether
 * the service's imaging search would have returned them.
 */
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
 * A study reference that names a study: a literal reference, or an identifier with a value, of
 * no type or typed ImagingStudy. Looser than what the record resolves (./study-identifiers.ts
 * `studyIdentifierOf` also needs the identifier's system, without which no study can be matched
 * safely): `DiagnosticReport.imagingStudy` holds references to ImagingStudy only (FHIR R4), so
 * a report that fills it reports on imaging, whether or not its study can be found. Read the
 * other way, a report naming its PET/CT by a bare UID would lose its card (rules page §4
 * emd-reported-not-listed) for the record's want of a system.
 */
function namesAStudy(study: unknown): boolean {
  if (typeof study !== 'object' || study === null) return false;
  const { reference, type, identifier } = study as {
    reference?: unknown;
    type?: unknown;
    identifier?: unknown;
  };
  if (typeof reference === 'string') return true;
  if (type !== undefined && type !== 'ImagingStudy') return false;
  const value: unknown =
    typeof identifier === 'object' && identifier !== null
      ? (identifier as { value?: unknown }).value
      : undefined;
  return typeof value === 'string' && value.trim() !== '';
}
