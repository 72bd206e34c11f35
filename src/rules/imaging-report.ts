/**
 * Which DiagnosticReports are imaging reports (issue #13): its category is in the
 * imaging-report value set, or it references the ImagingStudy it reports on. Read as untyped
 * data: the schemas do not check `category`, and the backtest and the timeline app ask this of
 * reports that failed the schemas too (src/cds/malformed-data.ts), to know whether the
 * service's imaging search would have returned them.
 */
import type { Terminology } from './terminology.js';

export function isImagingReport(report: unknown, terminology: Terminology): boolean {
  if (typeof report !== 'object' || report === null) return false;
  const { imagingStudy, category } = report as { imagingStudy?: unknown; category?: unknown };
  if (
    Array.isArray(imagingStudy) &&
    imagingStudy.some(
      (study: { reference?: unknown } | null) => typeof study?.reference === 'string',
    )
  )
    return true;
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
