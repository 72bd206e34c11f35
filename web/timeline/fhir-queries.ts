/**
 * What the timeline reads from the FHIR server: the same searches as the emd-patient-view
 * service's prefetch templates (cds-hooks/services/emd-patient-view.json), so the app sees
 * the record the service judged. A unit test keeps the two equal. Each goes as the wire needs
 * it: `|` percent-encoded, since fhirclient's fetch would send it raw, which servers on Tomcat
 * refuse (src/fhir/query-on-the-wire.ts).
 */
import { withQueryEncoded } from '../../src/fhir/query-on-the-wire.js';

export interface TimelineQueries {
  patient: string;
  conditions: string;
  imagingStudies: string;
  imagingReports: string;
}

const IMAGING_REPORT_CATEGORIES =
  'http://terminology.hl7.org/CodeSystem/v2-0074|RAD,http://loinc.org|LP29684-5';

export function timelineQueries(patientId: string): TimelineQueries {
  const id = encodeURIComponent(patientId);
  return {
    patient: `Patient/${id}`,
    conditions: `Condition?patient=${id}`,
    imagingStudies: `ImagingStudy?patient=${id}`,
    imagingReports: withQueryEncoded(
      `DiagnosticReport?patient=${id}&category=${IMAGING_REPORT_CATEGORIES}`,
    ),
  };
}
