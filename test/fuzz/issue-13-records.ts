/**
 * The records issue #13 names (items 1, 2 and 6), as hook requests: history, STU3 statuses,
 * text-only statuses and local status systems that broke rules page §2 and §6 on main.
 * Run one by one, and first in the random-resources property (random-resources.test.ts).
 */
import { PATIENT_ID } from './arbitraries.js';
import { searchBundle, type FuzzRequest } from './requests.js';

const subject = { reference: `Patient/${PATIENT_ID}` };
const condition = (id: string, fields: Partial<fhir4.Condition>) => ({
  resource: { resourceType: 'Condition', id, subject, ...fields } as fhir4.Condition,
});
const icd = (code: string) => ({ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code }] });

/** A request of `hook` for PATIENT_ID carrying these Conditions (and a brain MR for review). */
function requestWith(
  hook: 'patient-view' | 'org.emd-cds.imagingstudy-review',
  conditions: ReturnType<typeof condition>[],
): FuzzRequest {
  const brainMr = {
    resource: {
      resourceType: 'ImagingStudy',
      id: 'study-0',
      status: 'available',
      subject,
      started: '2026-10-20',
      modality: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'MR' }],
      procedureCode: [{ coding: [{ system: 'http://loinc.org', code: '24590-2' }] }],
    } as fhir4.ImagingStudy,
  };
  const review = hook !== 'patient-view';
  return {
    serviceId: review ? 'emd-imaging-review' : 'emd-patient-view',
    body: {
      hook,
      hookInstance: '00000000-0000-4000-8000-000000000001',
      context: {
        userId: 'Practitioner/fuzz-user',
        patientId: PATIENT_ID,
        ...(review ? { imagingStudyId: 'study-0' } : {}),
      },
      prefetch: {
        conditions: searchBundle(conditions),
        imagingStudies: searchBundle([brainMr]),
        imagingReports: searchBundle([]),
        ...(review ? { study: brainMr.resource } : {}),
      },
    },
  };
}
const brainPlasmacytoma = (fields: Partial<fhir4.Condition>) =>
  condition('pc', {
    code: icd('C90.20'),
    bodySite: [{ coding: [{ system: 'http://snomed.info/sct', code: '12738006' }] }],
    ...fields,
  });
const stu3 = (kind: 'clinical' | 'ver-status', code: string) => ({
  coding: [{ system: `http://hl7.org/fhir/condition-${kind}`, code }],
});

/** The records issue #13 names (items 1, 2), each reproduced over HTTP on main. */
export const ISSUE_13_RECORDS: [string, FuzzRequest][] = [
  // 1: relapse coded, resolved and abated years ago; the brain MR's warning rests on it alone.
  [
    'a brain MR review of a patient whose relapse (C90.02) resolved in 2019',
    requestWith('org.emd-cds.imagingstudy-review', [
      condition('mm', {
        code: icd('C90.02'),
        clinicalStatus: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
              code: 'resolved',
            },
          ],
        },
        abatementDateTime: '2019-03-01',
      }),
    ]),
  ],
  // 2: a brain plasmacytoma refuted / resolved under the STU3 URIs, or resolved as text only.
  ...(
    [
      ['refuted under the STU3 URI', { verificationStatus: stu3('ver-status', 'refuted') }],
      ['resolved under the STU3 URI', { clinicalStatus: stu3('clinical', 'resolved') }],
      ['resolved as text only', { clinicalStatus: { text: 'resolved' } }],
    ] as const
  ).map(([how, fields]): [string, FuzzRequest] => [
    `a brain plasmacytoma ${how}`,
    requestWith('patient-view', [
      condition('mm', { code: icd('C90.00') }),
      brainPlasmacytoma(fields),
    ]),
  ]),
  // 2: a status under a local code system is uncertain: never critical.
  [
    'a brain plasmacytoma whose verification status is in a local code system',
    requestWith('patient-view', [
      condition('mm', { code: icd('C90.00') }),
      brainPlasmacytoma({
        verificationStatus: { coding: [{ system: 'https://ehr.example.org/status', code: 'C' }] },
      }),
    ]),
  ],
  // 2: the only myeloma refuted under the STU3 URI: no myeloma patient, no card.
  [
    'a brain plasmacytoma whose only myeloma is refuted under the STU3 URI',
    requestWith('patient-view', [
      condition('mm', { code: icd('C90.00'), verificationStatus: stu3('ver-status', 'refuted') }),
      brainPlasmacytoma({}),
    ]),
  ],
];

/** Issue #13 item 6: a paraskeletal plasmacytoma outranked by a leptomeningeal one. */
export const OUTRANKED_PARASKELETAL: FuzzRequest = requestWith('patient-view', [
  condition('mm', { code: icd('C90.00') }),
  condition('lepto', {
    code: icd('C90.20'),
    bodySite: [{ coding: [{ system: 'http://snomed.info/sct', code: '1231004' }] }],
  }),
  condition('rib', {
    code: icd('C90.30'),
    bodySite: [
      {
        coding: [
          { system: 'http://snomed.info/sct', code: '272673000', display: 'Bone structure' },
        ],
      },
    ],
  }),
]);

/**
 * Found by the §6 property at 10,000 cases after the clinical fix (seed -1452623897, case
 * 4691), reduced by hand: the only myeloma's clinical status is a code in a local system
 * that reads "remission"; a certain leptomeningeal plasmacytoma. Read as unreadable, the
 * myeloma would be uncertain and the card lowered to warning; the service reads the local
 * code as the status word "remission" (history, still a certain myeloma patient) and answers
 * critical. The team settled on the service's reading: status words only ever move a
 * Condition towards history, and §3.1 counts a myeloma whatever its clinical status.
 */
export const LOCAL_REMISSION_MYELOMA: FuzzRequest = requestWith('patient-view', [
  condition('mm', {
    code: icd('C90.00'),
    clinicalStatus: { coding: [{ system: 'urn:oid:1.2.3.4.5', code: 'remission' }] },
  }),
  condition('lepto', {
    code: icd('C90.20'),
    bodySite: [{ coding: [{ system: 'http://snomed.info/sct', code: '35951006' }] }],
  }),
]);

/**
 * H94 (session 35, a probe's Epic-shaped record): a brain plasmacytoma on the problem list,
 * resolved with an abatement date, and an older encounter diagnosis of it with no status. The
 * service reads the encounter diagnosis as that history and gives no card; the oracle accepts
 * that reading (spec-reading.ts `mayBeHistoryOfAnother`), as the team decided.
 */
export const RESOLVED_WITH_STATUS_LESS_ENCOUNTER_DX: FuzzRequest = requestWith('patient-view', [
  condition('mm', { code: icd('C90.00') }),
  brainPlasmacytoma({
    id: 'pl',
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'resolved' },
      ],
    },
    abatementDateTime: '2020-06-01',
  }),
  brainPlasmacytoma({ id: 'ed1', recordedDate: '2019-04-10' }),
]);

/**
 * H96, the text part: an active brain plasmacytoma whose abatementString says it has not abated.
 * The oracle reads the words the hazard names as no abatement (spec-reading.ts
 * `SURELY_NOT_ABATED`), so it is surely a finding, which §6 says is never dropped.
 */
export const ONGOING_ABATEMENT_STRING: FuzzRequest = requestWith('patient-view', [
  condition('mm', { code: icd('C90.00') }),
  brainPlasmacytoma({
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' },
      ],
    },
    abatementString: 'Ongoing',
  }),
]);
