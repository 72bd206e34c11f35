/**
 * Fuzz, property 3: hook calls (every hook) whose prefetch carries random Condition,
 * ImagingStudy and DiagnosticReport resources over the real value-set codes, with random
 * statuses, body sites, dates and references, each key in a random CDS Hooks prefetch state.
 * Never a 5xx; a 200 is deterministic (the same request twice gives the same cards, uuids
 * aside) and no warning or critical card rests only on groundless Conditions; a patient
 * with no myeloma Condition never gets a card.
 *
 * `npm test` runs FUZZ_RUNS cases a property (default 200); `npm run fuzz` runs 10,000.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numRuns, PATIENT_ID, timeoutFor } from './arbitraries.js';
import { cardFacts, cardsOf, expectSoundAnswer, FuzzServer } from './harness.js';
import { expectNoGroundlessAlarm } from './never-rules.js';
import { hookRequestArb, searchBundle, type FuzzRequest } from './requests.js';
import type { ResourceOptions } from './resources.js';

const server = new FuzzServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

const call = (request: FuzzRequest) =>
  server.post(`/cds-services/${request.serviceId}`, JSON.stringify(request.body));

const subject = { reference: `Patient/${PATIENT_ID}` };
const condition = (id: string, fields: Partial<fhir4.Condition>) => ({
  resource: { resourceType: 'Condition', id, subject, ...fields } as fhir4.Condition,
});
const icd = (code: string) => ({ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code }] });

/** A plasmacytoma citing an imaging report whose only date, `issued`, is not a string. */
const ISSUED_IS_NOT_A_STRING: FuzzRequest = {
  serviceId: 'emd-patient-view',
  body: {
    hook: 'patient-view',
    hookInstance: '00000000-0000-4000-8000-000000000000',
    context: { userId: 'Practitioner/fuzz-user', patientId: PATIENT_ID },
    prefetch: {
      conditions: searchBundle([
        condition('mm', { code: icd('C90.00') }),
        condition('pc', {
          code: icd('C90.20'),
          evidence: [{ detail: [{ reference: 'DiagnosticReport/report-0' }] }],
        }),
      ]),
      imagingReports: searchBundle([
        {
          resource: {
            resourceType: 'DiagnosticReport',
            id: 'report-0',
            status: 'final',
            code: { text: 'PET/CT' },
            issued: false,
          } as unknown as fhir4.DiagnosticReport,
        },
      ]),
    },
  },
};

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
const ISSUE_13_RECORDS: [string, FuzzRequest][] = [
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

const withJunk: ResourceOptions = { codes: 'any', dates: 'any', uncheckedJunk: true };

describe('the records issue #13 names', () => {
  it.each(ISSUE_13_RECORDS)('%s: no card beyond what §2 and §6 allow', async (_name, request) => {
    const answer = await call(request);
    expect(answer.status).toBe(200);
    expectNoGroundlessAlarm(cardsOf(answer), request.body);
  });
});

describe('a hook call with random resources in prefetch', () => {
  // Regression example: `npm run fuzz` found this property failing after 9,744 cases (seed
  // -1206920838, path "9743:0:0:1:216:396:…"): a report whose only date, `issued`, was
  // `false` and that an unclassified plasmacytoma cited made the card's date formatting throw
  // (src/cds/cards/card-view.ts `isoDate`), so 500. Reduced by hand to ISSUED_IS_NOT_A_STRING;
  // fixed by checking `issued` in src/fhir/resource-schemas.ts.
  it(
    'never answers 5xx, whatever the fields the resource schemas do not check hold',
    async () => {
      await fc.assert(
        fc.asyncProperty(hookRequestArb(withJunk), async (request) => {
          expectSoundAnswer(await call(request), JSON.stringify(request.body));
        }),
        { numRuns, examples: [[ISSUED_IS_NOT_A_STRING]] },
      );
    },
    timeoutFor(40),
  );

  it(
    'answers the same request twice with the same cards, none resting only on groundless Conditions',
    async () => {
      await fc.assert(
        fc.asyncProperty(hookRequestArb(withJunk), async (request) => {
          const [first, second] = [await call(request), await call(request)];
          expect(second.status).toBe(first.status);
          if (first.status !== 200) return;
          const cards = cardsOf(first);
          expect(cardFacts(cardsOf(second))).toEqual(cardFacts(cards));
          expectNoGroundlessAlarm(cards, request.body);
        }),
        { numRuns, examples: ISSUE_13_RECORDS.map(([, request]) => [request]) },
      );
    },
    timeoutFor(80),
  );

  it(
    'gives no card to a patient without a myeloma Condition (rules page §3.1)',
    async () => {
      const noMyeloma: ResourceOptions = { ...withJunk, codes: 'no-myeloma' };
      await fc.assert(
        fc.asyncProperty(hookRequestArb(noMyeloma), async (request) => {
          const answer = await call(request);
          if (answer.status === 200) expect(cardsOf(answer)).toEqual([]);
        }),
        { numRuns },
      );
    },
    timeoutFor(40),
  );
});
