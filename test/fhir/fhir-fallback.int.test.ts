/**
 * Issue #4's acceptance: against a real FHIR R4 server loaded with every example patient,
 * a call with no prefetch gives the same cards as the fully prefetched call — for every
 * example request of every hook.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { fhirAccessFor } from '../../src/fhir/fhir-access.js';
import { fhirKitRunner } from '../../src/fhir/fhir-kit-runner.js';
import {
  defaultSettings,
  expectValidHookResponse,
  readExampleRequest,
  testApp,
} from '../support/app.js';
import { startStubFhirServer, type StubFhirServer } from '../support/stub-fhir-server.js';

const fhirServer = inject('fhirServerUrl');
const examplesDir = join(PROJECT_ROOT, 'cds-hooks', 'examples');
const examples = readdirSync(examplesDir, { recursive: true, encoding: 'utf8' })
  .filter((p) => p.endsWith('.json'))
  .sort();

// A budget far above the real cost (a few ms a query): this test is about data, not time.
const app = testApp({
  fhirAccess: fhirAccessFor({
    allowedServers: [fhirServer],
    runnerFor: (url, token) => fhirKitRunner(url, token, { timeoutMs: 10_000, maxPages: 10 }),
  }),
});

/** What a clinician sees, without the per-call uuids: rule, indicator, text and suggestions. */
function seen(cards: Card[]) {
  return cards.map((card) => ({
    ruleId: card.extension?.[CARD_EXTENSION.ruleId],
    evidence: [
      ...((card.extension?.[CARD_EXTENSION.evidence] as string[] | undefined) ?? []),
    ].sort(),
    indicator: card.indicator,
    summary: card.summary,
    detail: card.detail,
    suggestions: card.suggestions?.map((s) => ({ label: s.label, actions: s.actions })),
  }));
}

describe('prefetch-less calls read the real FHIR server', () => {
  it.each(examples)('%s gives the same cards with and without prefetch', async (path) => {
    const prefetched = JSON.parse(readFileSync(join(examplesDir, path), 'utf8')) as Record<
      string,
      unknown
    >;
    const { prefetch: _prefetch, ...withoutPrefetch } = prefetched;
    const serviceId =
      defaultSettings.services.find((s) => s.hook === prefetched.hook)?.id ?? 'none';

    const expected = await request(app).post(`/cds-services/${serviceId}`).send(prefetched);
    const fetched = await request(app)
      .post(`/cds-services/${serviceId}`)
      .send({ ...withoutPrefetch, fhirServer });
    expect(fetched.status).toBe(200);
    expect(seen(expectValidHookResponse(fetched.body).cards)).toEqual(
      seen(expectValidHookResponse(expected.body).cards),
    );
  });

  it('covers the examples of every hook', () => {
    for (const folder of ['patient-view', 'imagingstudy-review', 'order-select', 'order-sign']) {
      expect(examples.some((p) => p.startsWith(`${folder}/`))).toBe(true);
    }
  });
});

/**
 * docs/integrating.md §2: a first page with a `next` link means "missing", and the service
 * reads it from `fhirServer`. A `next` link to a server that is not allowed is never
 * followed (the token would go there): the search runs afresh on the allowed `fhirServer`,
 * and only without one is the answer 412.
 */
describe('a prefetched first page whose next link leads to another server', () => {
  const PATIENT = 'emd-skin-at-diagnosis';
  let elsewhere: StubFhirServer;
  beforeAll(async () => {
    elsewhere = await startStubFhirServer(() => ({ status: 500 }));
  });
  afterAll(() => elsewhere.close());

  /** The example call, its conditions cut to the diabetes (no myeloma finding) and a next link elsewhere. */
  function firstPageOnly(fhirServerOfCall: string | undefined) {
    const body = readExampleRequest(PATIENT) as {
      prefetch: { conditions: fhir4.Bundle };
    } & Record<string, unknown>;
    const page = body.prefetch.conditions;
    page.entry = page.entry?.filter((e) => e.resource?.id === `${PATIENT}-dm2`);
    page.link = [
      { relation: 'self', url: `${elsewhere.url}/Condition?patient=${PATIENT}` },
      { relation: 'next', url: `${elsewhere.url}/Condition?patient=${PATIENT}&page=2` },
    ];
    return {
      ...body,
      ...(fhirServerOfCall ? withServer(fhirServerOfCall) : {}),
    };
  }
  function withServer(fhirServerOfCall: string) {
    return {
      fhirServer: fhirServerOfCall,
      fhirAuthorization: {
        access_token: 'token-for-the-allowed-server',
        token_type: 'Bearer',
        expires_in: 300,
        scope: 'patient/Condition.read patient/ImagingStudy.read patient/DiagnosticReport.read',
        subject: 'emd-cds',
        patient: PATIENT,
      },
    };
  }

  it('reads the Conditions afresh from the allowed fhirServer, never calling the other host', async () => {
    const response = await request(app)
      .post('/cds-services/emd-patient-view')
      .send(firstPageOnly(fhirServer));
    expect(response.status).toBe(200);
    const cards = expectValidHookResponse(response.body).cards;
    // test/examples-expected.ts: emd-skin-at-diagnosis → emd-soft-tissue, warning; resting on
    // the plasmacytoma, which only the allowed server's Conditions hold.
    expect(cards.map((c) => [c.extension?.[CARD_EXTENSION.ruleId], c.indicator])).toEqual([
      ['emd-soft-tissue', 'warning'],
    ]);
    expect(cards[0]?.extension?.[CARD_EXTENSION.evidence]).toContain(`Condition/${PATIENT}-pc1`);
    expect(elsewhere.requests).toEqual([]);
  });

  it('answers 412 naming prefetch.conditions when no allowed server can supply them', async () => {
    for (const fhirServerOfCall of [undefined, elsewhere.url]) {
      const response = await request(app)
        .post('/cds-services/emd-patient-view')
        .send(firstPageOnly(fhirServerOfCall));
      expect([fhirServerOfCall, response.status]).toEqual([fhirServerOfCall, 412]);
      const issues = (response.body as fhir4.OperationOutcome).issue;
      expect(issues.flatMap((i) => i.expression ?? [])).toEqual(['prefetch.conditions']);
    }
    expect(elsewhere.requests).toEqual([]);
  });
});
