/**
 * Reads the launched patient's record through fhirclient (every page of each search), and
 * builds it with the service's own buildPatientRecord. The Conditions are required; imaging
 * studies and reports are optional, as for the service (rules page §2): if they cannot be
 * read, the timeline says so and shows the rest.
 */
import type Client from 'fhirclient/lib/Client';
import {
  buildPatientRecord,
  type DataGap,
  type PatientRecord,
  type SourcedResource,
} from '../../src/rules/patient-record.js';
import { timelineQueries } from './fhir-queries.js';

async function searchAll(client: Client, query: string): Promise<fhir4.Resource[]> {
  // pageLimit 0: follow every `next` link; flat: the entries' resources as one list.
  const resources: unknown = await client.request(query, { pageLimit: 0, flat: true });
  return Array.isArray(resources) ? (resources as fhir4.Resource[]) : [];
}

export async function readPatientRecord(client: Client, patientId: string): Promise<PatientRecord> {
  const queries = timelineQueries(patientId);
  const gaps = new Set<DataGap>();
  const optional = (query: string, gap: DataGap) =>
    searchAll(client, query).catch(() => {
      gaps.add(gap);
      return [];
    });
  const [patient, conditions, studies, reports] = await Promise.all([
    client.request<fhir4.Patient>(queries.patient).catch(() => undefined),
    searchAll(client, queries.conditions),
    optional(queries.imagingStudies, 'ImagingStudy'),
    optional(queries.imagingReports, 'DiagnosticReport'),
  ]);
  const inputs: SourcedResource[] = [
    ...(patient ? [patient] : []),
    ...conditions,
    ...studies,
    ...reports,
  ].map((resource) => ({ resource }));
  return buildPatientRecord(patientId, inputs, gaps);
}
