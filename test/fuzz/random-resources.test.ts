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
import { cardFacts, cardsOf, expectSoundAnswer, FuzzServer, ruleIdOf } from './harness.js';
import { expectNoFindingDropped, expectNoGroundlessAlarm } from './never-rules.js';
import {
  ISSUE_13_RECORDS,
  LOCAL_REMISSION_MYELOMA,
  ONGOING_ABATEMENT_STRING,
  OUTRANKED_PARASKELETAL,
  RESOLVED_WITH_STATUS_LESS_ENCOUNTER_DX,
} from './issue-13-records.js';
import { assertProperty } from './remembered-property.js';
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

const withJunk: ResourceOptions = { codes: 'any', dates: 'any', uncheckedJunk: true };

describe('the records issue #13 names', () => {
  it.each(ISSUE_13_RECORDS)('%s: no card beyond what §2 and §6 allow', async (_name, request) => {
    const answer = await call(request);
    expect(answer.status).toBe(200);
    expectNoGroundlessAlarm(cardsOf(answer), request.body);
  });

  // Settled reading (team decision, issue #13): a status coding in a local system whose code
  // or display is one of the configured status words is read as that word, only ever
  // towards history. The myeloma is then in remission, which §3.1 says still makes a myeloma
  // patient "whatever its clinical status", and the confirmed, active leptomeningeal finding
  // keeps its critical card (a new finding during remission is a relapse, §3.2).
  it('a myeloma whose clinical status is a local code "remission": read as remission, the card stays critical', async () => {
    const answer = await call(LOCAL_REMISSION_MYELOMA);
    expect(answer.status).toBe(200);
    expect(cardsOf(answer).map((c) => [ruleIdOf(c), c.indicator])).toEqual([
      ['emd-leptomeningeal', 'critical'],
    ]);
  });

  it('a paraskeletal plasmacytoma outranked by a leptomeningeal one: still listed (§6)', async () => {
    const answer = await call(OUTRANKED_PARASKELETAL);
    expect(answer.status).toBe(200);
    expectNoFindingDropped(cardsOf(answer), OUTRANKED_PARASKELETAL.body);
  });

  it('an older status-less encounter diagnosis of a resolved plasmacytoma: history, no card, not dropped (H94)', async () => {
    const answer = await call(RESOLVED_WITH_STATUS_LESS_ENCOUNTER_DX);
    expect(answer.status).toBe(200);
    expect(cardsOf(answer)).toEqual([]);
    expectNoFindingDropped(cardsOf(answer), RESOLVED_WITH_STATUS_LESS_ENCOUNTER_DX.body);
  });
});

describe('an abatementString that says not abated (H96)', () => {
  it('an active brain plasmacytoma "Ongoing": the critical CNS card, not dropped (§6)', async () => {
    const answer = await call(ONGOING_ABATEMENT_STRING);
    expect(answer.status).toBe(200);
    expect(cardsOf(answer).map((c) => [ruleIdOf(c), c.indicator])).toEqual([
      ['emd-cns', 'critical'],
    ]);
    expectNoFindingDropped(cardsOf(answer), ONGOING_ABATEMENT_STRING.body);
  });
});

describe('a hook call with random resources in prefetch', () => {
  // Regression example: `npm run fuzz` found this property failing after 9,744 cases (seed
  // -1206920838, path "9743:0:0:1:216:396:…"): a report whose only date, `issued`, was
  // `false` and that an unclassified plasmacytoma cited made the card's date formatting throw
  // (src/rules/time.ts `isoDate`), so 500. Reduced by hand to ISSUED_IS_NOT_A_STRING;
  // fixed by checking `issued` in src/fhir/resource-schemas.ts.
  it(
    'never answers 5xx, whatever the fields the resource schemas do not check hold',
    async () => {
      await assertProperty(
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
      await assertProperty(
        fc.asyncProperty(hookRequestArb(withJunk), async (request) => {
          const [first, second] = [await call(request), await call(request)];
          expect(second.status).toBe(first.status);
          if (first.status !== 200) return;
          const cards = cardsOf(first);
          expect(cardFacts(cardsOf(second))).toEqual(cardFacts(cards));
          expectNoGroundlessAlarm(cards, request.body);
          if (request.body.hook === 'patient-view') expectNoFindingDropped(cards, request.body);
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
      await assertProperty(
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
