/**
 * A whole-body CT report concluding "extramedullary plasmacytoma" (ICD-10-CM C90.20) in the
 * liver (SNOMED CT 10200004), for the example patient emd-skin-at-diagnosis, whose problem
 * list has no liver finding: the case `emd-reported-not-listed` is for (rules page §4).
 */
import { readExampleRequest } from './app.js';

export function liverReport(effective: string, id = 'new-ct-report'): fhir4.DiagnosticReport {
  return {
    resourceType: 'DiagnosticReport',
    id,
    status: 'final',
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD' }] },
    ],
    code: { coding: [{ system: 'http://loinc.org', code: '46305-9', display: 'CT Whole body' }] },
    subject: { reference: 'Patient/emd-skin-at-diagnosis' },
    effectiveDateTime: effective,
    conclusionCode: [
      {
        coding: [
          {
            system: 'http://hl7.org/fhir/sid/icd-10-cm',
            code: 'C90.20',
            display: 'Extramedullary plasmacytoma',
          },
        ],
      },
      {
        coding: [
          { system: 'http://snomed.info/sct', code: '10200004', display: 'Liver structure' },
        ],
      },
    ],
  };
}

/** The emd-skin-at-diagnosis patient-view request with `report` added to its imaging reports. */
export function skinExampleWithReport(report: fhir4.DiagnosticReport) {
  const body = readExampleRequest('emd-skin-at-diagnosis');
  const prefetch = structuredClone(body.prefetch) as { imagingReports: fhir4.Bundle };
  prefetch.imagingReports.entry = [...(prefetch.imagingReports.entry ?? []), { resource: report }];
  return { ...body, prefetch };
}
