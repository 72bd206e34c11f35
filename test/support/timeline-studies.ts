/**
 * A patient for the timeline's imaging lane, typed by hand: a myeloma diagnosed in January and,
 * in September, a liver plasmacytoma seen on a whole-body PET/CT, with three studies three days
 * apart around it: the PET/CT (available), an MRI brain and spine booked but without images
 * (registered) and a CT whose status the EHR does not know (unknown). On an axis spanning the
 * year they stand a few pixels apart, so their labels must not overlap; none but the PET/CT is
 * imaging done as the cards count it (rules page §3.4). A transaction Bundle with explicit ids,
 * for the model tests (test/web/) and the local FHIR server of the browser tests.
 */
import { putTransaction } from './put-transaction.js';

export const STUDIES_PATIENT = 'studies-days-apart';

const subject = { reference: `Patient/${STUDIES_PATIENT}` };
const ICD_10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const DICOM = 'http://dicom.nema.org/resources/ontology/DCM';

const study = (id: string, status: string, started: string, modality: string, text: string) => ({
  resourceType: 'ImagingStudy',
  id: `${STUDIES_PATIENT}-${id}`,
  subject,
  status,
  started,
  modality: [{ system: DICOM, code: modality }],
  description: text,
});

export const STUDY_IDS = {
  pet: `ImagingStudy/${STUDIES_PATIENT}-pet1`,
  mri: `ImagingStudy/${STUDIES_PATIENT}-mr1`,
  ct: `ImagingStudy/${STUDIES_PATIENT}-ct1`,
};

export function studiesDaysApartBundle(): fhir4.Bundle {
  const resources = [
    { resourceType: 'Patient', id: STUDIES_PATIENT, name: [{ family: 'Haddad', given: ['Lina'] }] },
    {
      resourceType: 'Condition',
      id: `${STUDIES_PATIENT}-mm`,
      subject,
      code: { coding: [{ system: ICD_10_CM, code: 'C90.00' }] },
      onsetDateTime: '2026-01-10',
    },
    {
      resourceType: 'Condition',
      id: `${STUDIES_PATIENT}-pc1`,
      subject,
      code: { coding: [{ system: ICD_10_CM, code: 'C90.20' }] },
      bodySite: [
        {
          coding: [
            { system: 'http://snomed.info/sct', code: '10200004', display: 'Liver structure' },
          ],
        },
      ],
      onsetDateTime: '2026-09-12',
      evidence: [{ detail: [{ reference: STUDY_IDS.pet }] }],
    },
    study('pet1', 'available', '2026-09-12', 'PT', 'FDG PET/CT whole body'),
    study('mr1', 'registered', '2026-09-15', 'MR', 'MRI brain and whole spine'),
    study('ct1', 'unknown', '2026-09-18', 'CT', 'CT chest abdomen pelvis'),
  ];
  return putTransaction(resources);
}
