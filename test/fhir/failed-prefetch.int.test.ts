/**
 * CDS Hooks 2.0 §Prefetch: "CDS Services SHOULD check any prefetched data for the existence of
 * OperationOutcomes", and data the client could not provide is read from `fhirServer`. A
 * prefetched search that reports an error, or a `history` Bundle (deleted and past versions,
 * not a search's result), is such data: against the real local FHIR server it is read afresh,
 * and the cards rest on what the server holds, not on the page the client sent.
 */
import request from 'supertest';
import { describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { callService } from '../../src/cds/hook-service.js';
import { fhirAccessFor } from '../../src/fhir/fhir-access.js';
import { fhirKitRunner } from '../../src/fhir/fhir-kit-runner.js';
import { createPrometheusMetrics } from '../../src/http/prometheus-metrics.js';
import {
  defaultSettings,
  expectValidHookResponse,
  readExampleRequest,
  SCENARIO_NOW,
  testApp,
} from '../support/app.js';

const fhirServer = inject('fhirServerUrl');
const PATIENT = 'emd-skin-at-diagnosis';
const app = testApp({
  fhirAccess: fhirAccessFor({
    allowedServers: [fhirServer],
    runnerFor: (url, token) => fhirKitRunner(url, token, { timeoutMs: 10_000, maxPages: 10 }),
  }),
});

const error = {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'exception', diagnostics: 'the problem list is offline' }],
};
/** The example's Conditions without the plasmacytoma: only the server's hold it. */
const diabetesOnly = () =>
  (readExampleRequest(PATIENT).prefetch as { conditions: fhir4.Bundle }).conditions.entry?.filter(
    (entry) => entry.resource?.id === `${PATIENT}-dm2`,
  ) ?? [];

const failedPages: [string, object][] = [
  [
    'a searchset whose outcome entry reports an error',
    {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [...diabetesOnly(), { resource: error, search: { mode: 'outcome' } }],
    },
  ],
  [
    'a batch-response whose entry failed',
    {
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: [...diabetesOnly(), { response: { status: '503', outcome: error } }],
    },
  ],
  ['a history Bundle', { resourceType: 'Bundle', type: 'history', entry: diabetesOnly() }],
];

describe('a prefetched search that failed is read afresh from the real FHIR server', () => {
  for (const [name, conditions] of failedPages) {
    it(`reads the Conditions from fhirServer when prefetch.conditions is ${name}`, async () => {
      const body = readExampleRequest(PATIENT) as { prefetch: Record<string, unknown> };
      const response = await request(app)
        .post('/cds-services/emd-patient-view')
        .send({ ...body, prefetch: { ...body.prefetch, conditions }, fhirServer });
      expect(response.status).toBe(200);
      const cards = expectValidHookResponse(response.body).cards;
      // test/examples-expected.ts: emd-skin-at-diagnosis → emd-soft-tissue, warning; resting on
      // the plasmacytoma, which only the server's Conditions hold.
      expect(cards.map((c) => [c.extension?.[CARD_EXTENSION.ruleId], c.indicator])).toEqual([
        ['emd-soft-tissue', 'warning'],
      ]);
      expect(cards[0]?.extension?.[CARD_EXTENSION.evidence]).toContain(`Condition/${PATIENT}-pc1`);
    });
  }
});

/**
 * H79: a Conditions prefetch filled for another patient (a template that lost its token, a
 * server that ignored `patient`). Here it is another example patient's problem list, which
 * holds a brain plasmacytoma: dropped (rules page §2), it would have left this patient with no
 * cards. It is read afresh from the real FHIR server instead, and the trace says why.
 */
describe("a Conditions prefetch holding only another patient's Conditions", () => {
  const anotherPatients = () =>
    (readExampleRequest('emd-and-cns').prefetch as { conditions: fhir4.Bundle }).conditions;
  const body = () => {
    const own = readExampleRequest(PATIENT) as { prefetch: Record<string, unknown> };
    return { ...own, prefetch: { ...own.prefetch, conditions: anotherPatients() }, fhirServer };
  };

  it("answers with this patient's cards from fhirServer, and no CNS card", async () => {
    const response = await request(app).post('/cds-services/emd-patient-view').send(body());
    expect(response.status).toBe(200);
    const cards = expectValidHookResponse(response.body).cards;
    // test/examples-expected.ts: emd-skin-at-diagnosis → emd-soft-tissue, warning.
    expect(cards.map((c) => [c.extension?.[CARD_EXTENSION.ruleId], c.indicator])).toEqual([
      ['emd-soft-tissue', 'warning'],
    ]);
  });

  it('says in the explain trace that the prefetch was set aside, and why', async () => {
    const result = await callService('emd-patient-view', body(), {
      settings: defaultSettings,
      now: SCENARIO_NOW,
      locale: 'en',
      newUuid: randomUUID,
      fhirAccess: fhirAccessFor({
        allowedServers: [fhirServer],
        runnerFor: (url, token) => fhirKitRunner(url, token, { timeoutMs: 10_000, maxPages: 10 }),
      }),
      metrics: createPrometheusMetrics(),
      audit: undefined,
    });
    expect(result.provenance.conditions).toBe('fhir');
    const note = result.evaluation.trace.find((line) =>
      line.message.startsWith('prefetch.conditions was not used'),
    );
    expect(note?.message).toMatch(
      /^prefetch\.conditions was not used, as the Condition search Bundle holds \d+ Conditions, none of them this patient's: each subject names another patient, or none; it was read from the FHIR server instead$/,
    );
  });
});

/**
 * H108: FHIR R4 §Search, a resource sent only in part (`_summary`, `_elements`) is tagged
 * SUBSETTED (v3-ObservationValue). Here refuted-plasmacytoma's Conditions as
 * `_elements=code,subject,bodySite` sends them: the liver plasmacytoma the biopsy refuted has
 * lost its verificationStatus, which rules page §2 would read as confirmed, and so raise a
 * soft-tissue warning that §6 forbids. It is read afresh from the real FHIR server instead.
 */
describe('a Conditions prefetch holding Conditions marked SUBSETTED', () => {
  const REFUTED = 'refuted-plasmacytoma';
  const body = () => {
    const own = readExampleRequest(REFUTED) as { prefetch: { conditions: fhir4.Bundle } };
    const conditions = structuredClone(own.prefetch.conditions);
    for (const entry of conditions.entry ?? []) {
      const resource = entry.resource as fhir4.Condition | undefined;
      if (!resource) continue;
      delete resource.verificationStatus;
      delete resource.clinicalStatus;
      resource.meta = {
        tag: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
            code: 'SUBSETTED',
          },
        ],
      };
    }
    return { ...own, prefetch: { ...own.prefetch, conditions }, fhirServer };
  };

  it("answers with the server's whole Conditions: no card for the refuted plasmacytoma", async () => {
    const response = await request(app).post('/cds-services/emd-patient-view').send(body());
    expect(response.status).toBe(200);
    // test/examples-expected.ts: refuted-plasmacytoma → no cards (rules page §2, §6).
    expect(expectValidHookResponse(response.body).cards).toEqual([]);
  });

  it('says in the explain trace that the prefetch was set aside, and why', async () => {
    const result = await callService('emd-patient-view', body(), {
      settings: defaultSettings,
      now: SCENARIO_NOW,
      locale: 'en',
      newUuid: randomUUID,
      fhirAccess: fhirAccessFor({
        allowedServers: [fhirServer],
        runnerFor: (url, token) => fhirKitRunner(url, token, { timeoutMs: 10_000, maxPages: 10 }),
      }),
      metrics: createPrometheusMetrics(),
      audit: undefined,
    });
    expect(result.provenance.conditions).toBe('fhir');
    const note = result.evaluation.trace.find((line) =>
      line.message.startsWith('prefetch.conditions was not used'),
    );
    expect(note?.message).toMatch(
      /^prefetch\.conditions was not used, as the Condition search Bundle holds \d+ resources marked SUBSETTED .*; it was read from the FHIR server instead$/,
    );
  });
});
