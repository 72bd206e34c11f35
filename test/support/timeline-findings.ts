/**
 * A patient for the timeline's finding labels, typed by hand: a myeloma diagnosed on 10 January
 * 2026 and recorded in relapse four days later, then three extramedullary plasmacytomas (one
 * class, one lane) two days apart in September, of the liver, a kidney and the skin, the
 * liver one seen on a whole-body PET/CT. On an axis spanning the year the three marks stand
 * about three units apart, so their site labels must go in three rows (H50's residual risk).
 * A transaction Bundle with explicit ids, for the model tests (test/web/) and the local FHIR
 * server of the browser tests.
 */
import { putTransaction } from './put-transaction.js';

export const FINDINGS_PATIENT = 'findings-days-apart';

const subject = { reference: `Patient/${FINDINGS_PATIENT}` };
const ICD_10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const SNOMED = 'http://snomed.info/sct';
const PET = `ImagingStudy/${FINDINGS_PATIENT}-pet1`;

const plasmacytoma = (id: string, onset: string, code: string, display: string) => ({
  resourceType: 'Condition',
  id: `${FINDINGS_PATIENT}-${id}`,
  subject,
  code: { coding: [{ system: ICD_10_CM, code: 'C90.20' }] },
  bodySite: [{ coding: [{ system: SNOMED, code, display }] }],
  onsetDateTime: onset,
});

export const FINDING_IDS = {
  liver: `Condition/${FINDINGS_PATIENT}-liver`,
  kidney: `Condition/${FINDINGS_PATIENT}-kidney`,
  skin: `Condition/${FINDINGS_PATIENT}-skin`,
};

export function findingsDaysApartBundle(): fhir4.Bundle {
  const resources = [
    { resourceType: 'Patient', id: FINDINGS_PATIENT, name: [{ family: 'Okafor', given: ['Ada'] }] },
    {
      resourceType: 'Condition',
      id: `${FINDINGS_PATIENT}-mm`,
      subject,
      code: { coding: [{ system: ICD_10_CM, code: 'C90.02' }] },
      onsetDateTime: '2026-01-10',
      recordedDate: '2026-01-14',
    },
    {
      ...plasmacytoma('liver', '2026-09-12', '10200004', 'Liver structure'),
      evidence: [{ detail: [{ reference: PET }] }],
    },
    plasmacytoma('kidney', '2026-09-14', '64033007', 'Kidney structure'),
    plasmacytoma('skin', '2026-09-16', '39937001', 'Skin structure'),
    {
      resourceType: 'ImagingStudy',
      id: `${FINDINGS_PATIENT}-pet1`,
      subject,
      status: 'available',
      started: '2026-09-12',
      modality: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'PT' }],
      description: 'FDG PET/CT whole body',
    },
  ];
  return putTransaction(resources);
}
