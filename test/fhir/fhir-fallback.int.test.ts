/**
 * Issue #4's acceptance: against a real FHIR R4 server loaded with every example patient,
 * a call with no prefetch gives the same cards as the fully prefetched call — for every
 * example request of every hook.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, inject, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { fhirAccessFor } from '../../src/fhir/fhir-access.js';
import { fhirKitRunner } from '../../src/fhir/fhir-kit-runner.js';
import { defaultSettings, expectValidHookResponse, testApp } from '../support/app.js';

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
