/**
 * Builds the CDS Hooks example requests under cds-hooks/examples/ from the example patients'
 * transaction Bundles (fhir-resources/examples/), the way an EHR would: each prefetch key
 * holds the searchset Bundle its template would return, with `urn:uuid` references rewritten
 * to `Type/id` as a FHIR server stores them.
 */
import { createHash } from 'node:crypto';

const PRACTITIONER = 'Practitioner/example-haematologist';

export interface ExampleRequest {
  hookInstance: string;
  hook: 'patient-view';
  context: { userId: string; patientId: string };
  prefetch: Record<string, fhir4.Resource | fhir4.Bundle | null>;
}

export function buildPatientViewRequest(bundle: fhir4.Bundle): ExampleRequest {
  const patientId = bundle.id;
  if (!patientId) throw new Error('example Bundle has no id (it must be the patient id)');
  const stored = storedResources(bundle);
  const patient = stored.find((r) => r.resourceType === 'Patient' && r.id === patientId);
  const ofPatient = <T extends fhir4.Resource>(type: string) =>
    stored.filter(
      (r): r is T =>
        r.resourceType === type &&
        (r as { subject?: fhir4.Reference }).subject?.reference === `Patient/${patientId}`,
    );
  const isImagingReport = (report: fhir4.DiagnosticReport) =>
    (report.category ?? []).some((c) =>
      (c.coding ?? []).some((coding) => coding.code === 'RAD' || coding.code === 'LP29684-5'),
    );
  return {
    hookInstance: deterministicUuid(patientId),
    hook: 'patient-view',
    context: { userId: PRACTITIONER, patientId },
    prefetch: {
      patient: patient ?? null,
      conditions: searchset(ofPatient('Condition')),
      imagingStudies: searchset(ofPatient('ImagingStudy')),
      imagingReports: searchset(
        ofPatient<fhir4.DiagnosticReport>('DiagnosticReport').filter(isImagingReport),
      ),
    },
  };
}

/** The Bundle's resources as a FHIR server stores them: `urn:uuid` references become `Type/id`. */
export function storedResources(bundle: fhir4.Bundle): fhir4.Resource[] {
  const idByFullUrl = new Map<string, string>();
  for (const entry of bundle.entry ?? []) {
    if (entry.fullUrl && entry.resource?.id)
      idByFullUrl.set(entry.fullUrl, `${entry.resource.resourceType}/${entry.resource.id}`);
  }
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, inner]) => [
          key,
          key === 'reference' && typeof inner === 'string'
            ? (idByFullUrl.get(inner) ?? inner)
            : rewrite(inner),
        ]),
      );
    }
    return value;
  };
  return (bundle.entry ?? []).flatMap((entry) =>
    entry.resource ? [rewrite(entry.resource) as fhir4.Resource] : [],
  );
}

function searchset(resources: fhir4.Resource[]): fhir4.Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    ...(resources.length > 0
      ? {
          entry: resources.map((resource) => ({
            fullUrl: `${resource.resourceType}/${resource.id ?? ''}`,
            resource,
            search: { mode: 'match' as const },
          })),
        }
      : {}),
  };
}

/** A stable v4-shaped UUID per example, so regenerating changes nothing. */
function deterministicUuid(seed: string): string {
  const hex = createHash('sha256').update(`emd-example:${seed}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
