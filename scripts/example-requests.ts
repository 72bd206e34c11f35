/**
 * Builds the CDS Hooks example requests under cds-hooks/examples/ from the example patients'
 * transaction Bundles (fhir-resources/examples/), the way an EHR would: each prefetch key
 * holds the searchset Bundle its template would return, with `urn:uuid` references rewritten
 * to `Type/id` as a FHIR server stores them.
 */
import { createHash } from 'node:crypto';

const HAEMATOLOGIST = 'Practitioner/example-haematologist';
const RADIOLOGIST = 'Practitioner/example-radiologist';
const IMAGING_REVIEW_HOOK = 'org.emd-cds.imagingstudy-review';

export interface ExampleRequest {
  hookInstance: string;
  hook: string;
  context: Record<string, unknown>;
  prefetch: Record<string, fhir4.Resource | fhir4.Bundle | null>;
}

/** One example request and where it is written, relative to cds-hooks/examples/. */
export interface ExampleFile {
  path: string;
  request: ExampleRequest;
}

/**
 * Every example request for one patient: patient-view; imaging review of each of the
 * patient's studies; order-select and order-sign with a draft whole-body CT order.
 */
export function buildExampleRequests(bundle: fhir4.Bundle): ExampleFile[] {
  const patientId = bundle.id;
  if (!patientId) throw new Error('example Bundle has no id (it must be the patient id)');
  const data = patientData(bundle, patientId);
  const patientView = {
    patient: data.patient,
    conditions: searchset(data.conditions),
    imagingStudies: searchset(data.studies),
    imagingReports: searchset(data.reports),
  };
  const files: ExampleFile[] = [
    {
      path: `patient-view/${patientId}.json`,
      request: {
        hookInstance: deterministicUuid(`patient-view:${patientId}`),
        hook: 'patient-view',
        context: { userId: HAEMATOLOGIST, patientId },
        prefetch: patientView,
      },
    },
  ];
  for (const study of data.studies) {
    const report = data.reports.find((r) =>
      (r.imagingStudy ?? []).some((ref) => ref.reference === `ImagingStudy/${study.id ?? ''}`),
    );
    files.push({
      path: `imagingstudy-review/${study.id ?? ''}.json`,
      request: {
        hookInstance: deterministicUuid(`imaging-review:${study.id ?? ''}`),
        hook: IMAGING_REVIEW_HOOK,
        context: {
          userId: RADIOLOGIST,
          patientId,
          imagingStudyId: study.id,
          ...(report?.id ? { diagnosticReportId: report.id } : {}),
        },
        prefetch: { study, ...patientView },
      },
    });
  }
  const draft = draftWholeBodyCt(patientId);
  const orderPrefetch = {
    patient: data.patient,
    conditions: patientView.conditions,
    imagingStudies: patientView.imagingStudies,
  };
  files.push(
    {
      path: `order-select/${patientId}.json`,
      request: {
        hookInstance: deterministicUuid(`order-select:${patientId}`),
        hook: 'order-select',
        context: {
          userId: HAEMATOLOGIST,
          patientId,
          selections: [`ServiceRequest/${draft.id ?? ''}`],
          draftOrders: { resourceType: 'Bundle', type: 'collection', entry: [{ resource: draft }] },
        },
        prefetch: orderPrefetch,
      },
    },
    {
      path: `order-sign/${patientId}.json`,
      request: {
        hookInstance: deterministicUuid(`order-sign:${patientId}`),
        hook: 'order-sign',
        context: {
          userId: HAEMATOLOGIST,
          patientId,
          draftOrders: { resourceType: 'Bundle', type: 'collection', entry: [{ resource: draft }] },
        },
        prefetch: orderPrefetch,
      },
    },
  );
  return files;
}

/** The patient's resources as the prefetch templates would find them on a FHIR server. */
function patientData(bundle: fhir4.Bundle, patientId: string) {
  const stored = storedResources(bundle);
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
    patient: stored.find((r) => r.resourceType === 'Patient' && r.id === patientId) ?? null,
    conditions: ofPatient<fhir4.Condition>('Condition'),
    studies: ofPatient<fhir4.ImagingStudy>('ImagingStudy'),
    reports: ofPatient<fhir4.DiagnosticReport>('DiagnosticReport').filter(isImagingReport),
  };
}

/** The draft order the order-hook examples carry: a whole-body CT (LOINC 46305-9). */
function draftWholeBodyCt(patientId: string): fhir4.ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    id: `${patientId}-draft-ct`.slice(0, 64),
    status: 'draft',
    intent: 'order',
    subject: { reference: `Patient/${patientId}` },
    code: {
      coding: [{ system: 'http://loinc.org', code: '46305-9', display: 'CT Whole body' }],
      text: 'CT whole body',
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
