/**
 * A hospital's day typed out for test/http/stats-agree-across-places.test.ts: the real app
 * with authentication on and two EHRs (A receives the cards, B sends feedback on one of A's),
 * emd-paraskeletal silent and emd-soft-tissue suppressed for 30 days after an override,
 * the audit in a store of the test's choosing, a clock the script moves across midnight UTC.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { expect } from 'vitest';
import { createJwtVerifier } from '../../src/auth/jwt-verifier.js';
import { InMemoryReplayCache } from '../../src/auth/replay-cache.js';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { pseudonymiser } from '../../src/cds/pseudonyms.js';
import { parseConfigText } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';
import {
  createPrometheusMetrics,
  type PrometheusMetrics,
} from '../../src/http/prometheus-metrics.js';
import { callTally, type CallTally } from '../../src/store/call-tally.js';
import type { Store } from '../../src/store/store.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';
import { makeKey, signToken, type TestKey } from '../support/tokens.js';

const BASE = 'https://cds.hospital.example';
export const ADMIN = 'admin-token-for-tests-0123456789';

export const SITE_YAML = `rules:
  emd-soft-tissue:
    suppressAfterOverrideDays: 30
  emd-paraskeletal:
    mode: silent
`;

export interface Ehr {
  iss: string;
  key: TestKey;
}

export interface Day {
  app: ReturnType<typeof testApp>;
  calls: CallTally;
  metrics: PrometheusMetrics;
  ehrA: Ehr;
  ehrB: Ehr;
  /** Moves the service's clock (the time every call and card is stamped with). */
  setNow(instant: string): void;
}

export async function openDay(store: Store): Promise<Day> {
  const ehrA = { iss: 'https://ehr-a.example', key: await makeKey('ES384') };
  const ehrB = { iss: 'https://ehr-b.example', key: await makeKey('ES384') };
  const auth = {
    enabled: true,
    issuers: [ehrA, ehrB].map((ehr) => ({
      iss: ehr.iss,
      jku: [],
      jwks: { keys: [ehr.key.publicJwk as { kty: string }] },
    })),
    publicBaseUrl: BASE,
    clockToleranceSeconds: 60,
    maxTokenAgeSeconds: 300,
  };
  const settings = buildSettings(parseConfigText(SITE_YAML, 'site.yaml'), { file: undefined });
  let now = new Date('2026-11-01T00:00:00Z');
  const calls = callTally(store);
  const metrics = createPrometheusMetrics({ serviceIds: settings.services.map((s) => s.id) });
  const app = testApp({
    settings: () => settings,
    clock: () => now,
    auth: { verify: createJwtVerifier(auth, new InMemoryReplayCache()), publicBaseUrl: BASE },
    metrics,
    audit: { store, pseudonymise: pseudonymiser(randomBytes(32)), calls },
    adminToken: ADMIN,
  });
  const setNow = (instant: string) => {
    now = new Date(instant);
  };
  return { app, calls, metrics, ehrA, ehrB, setNow };
}

const bearer = async (ehr: Ehr, path: string) =>
  `Bearer ${await signToken(ehr.key, { iss: ehr.iss, aud: `${BASE}${path}` })}`;

/** One hook call of its own (a new hookInstance) for an example request; its cards by rule. */
export async function hookCall(
  day: Day,
  service: string,
  example: string,
  hook: string,
): Promise<Map<string, Card>> {
  const path = `/cds-services/${service}`;
  const response = await request(day.app)
    .post(path)
    .set('Authorization', await bearer(day.ehrA, path))
    .send({ ...readExampleRequest(example, hook), hookInstance: randomUUID() });
  expect(response.status).toBe(200);
  const cards = expectValidHookResponse(response.body).cards;
  return new Map(cards.map((card) => [String(card.extension?.[CARD_EXTENSION.ruleId]), card]));
}

/**
 * A hook call the service refuses: `body` as sent, by EHR A with a token for the call, or
 * with none (a 401). Returns the status, for the script to check.
 */
export async function refusedCall(
  day: Day,
  service: string,
  body: object,
  withToken = true,
): Promise<number> {
  const path = `/cds-services/${service}`;
  const call = request(day.app).post(path);
  const sent = withToken ? call.set('Authorization', await bearer(day.ehrA, path)) : call;
  return (await sent.send(body)).status;
}

/** Posts feedback items from `ehr` and returns the service's answer. */
export async function sendFeedback(
  day: Day,
  ehr: Ehr,
  service: string,
  items: readonly Record<string, unknown>[],
): Promise<unknown> {
  const path = `/cds-services/${service}/feedback`;
  const response = await request(day.app)
    .post(path)
    .set('Authorization', await bearer(ehr, path))
    .send({ feedback: items });
  expect(response.status).toBe(200);
  return response.body as unknown;
}

/** The admin API as the console calls it. */
export async function adminGet(day: Day, path: string): Promise<unknown> {
  const response = await request(day.app).get(path).set('Authorization', `Bearer ${ADMIN}`);
  expect(response.status).toBe(200);
  return response.body as unknown;
}
