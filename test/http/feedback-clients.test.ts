/**
 * Issue #14 over HTTP with authentication on: feedback counts only from the issuer that
 * received the card. Another EHR's feedback on the same card uuid is kept, answered as
 * `otherClient`, shown apart in /admin/stats, and does not suppress the card.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier } from '../../src/auth/jwt-verifier.js';
import { InMemoryReplayCache } from '../../src/auth/replay-cache.js';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { pseudonymiser } from '../../src/cds/pseudonyms.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { parseConfigText } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';
import { makeKey, signToken, type TestKey } from '../support/tokens.js';

const BASE = 'https://cds.hospital.example';
const EHR_A = 'https://ehr-a.example';
const EHR_B = 'https://ehr-b.example';
const ADMIN = 'admin-token-for-tests-0123456789';
const SERVICE = '/cds-services/emd-patient-view';

let keyA: TestKey;
let keyB: TestKey;
let store: Store;
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  [keyA, keyB] = await Promise.all([makeKey('ES384'), makeKey('ES384')]);
  store = openStore({ sqliteFile: join(mkdtempSync(join(tmpdir(), 'emd-cds-fb-')), 'a.sqlite') });
  await store.migrate();
  const auth = {
    enabled: true,
    issuers: [
      { iss: EHR_A, jku: [], jwks: { keys: [keyA.publicJwk as { kty: string }] } },
      { iss: EHR_B, jku: [], jwks: { keys: [keyB.publicJwk as { kty: string }] } },
    ],
    publicBaseUrl: BASE,
    clockToleranceSeconds: 60,
    maxTokenAgeSeconds: 300,
  };
  const settings = buildSettings(
    parseConfigText('rules:\n  emd-soft-tissue:\n    suppressAfterOverrideDays: 30\n', 'site.yaml'),
    { file: undefined },
  );
  app = testApp({
    settings: () => settings,
    auth: { verify: createJwtVerifier(auth, new InMemoryReplayCache()), publicBaseUrl: BASE },
    audit: { store, pseudonymise: pseudonymiser(randomBytes(32)) },
    adminToken: ADMIN,
  });
});
afterAll(() => store.close());

const token = (key: TestKey, iss: string, path: string) =>
  signToken(key, { iss, aud: `${BASE}${path}` });

async function cardsFor(key: TestKey, iss: string): Promise<Card[]> {
  const response = await request(app)
    .post(SERVICE)
    .set('Authorization', `Bearer ${await token(key, iss, SERVICE)}`)
    // A hook call of its own each time (a new hookInstance), as an EHR makes them.
    .send({ ...readExampleRequest('emd-and-cns'), hookInstance: randomUUID() });
  expect(response.status).toBe(200);
  return expectValidHookResponse(response.body).cards;
}

async function override(key: TestKey, iss: string, card: Card | undefined) {
  const path = `${SERVICE}/feedback`;
  const response = await request(app)
    .post(path)
    .set('Authorization', `Bearer ${await token(key, iss, path)}`)
    .send({
      feedback: [
        { card: card?.uuid, outcome: 'overridden', outcomeTimestamp: '2026-11-01T00:00:00Z' },
      ],
    });
  expect(response.status).toBe(200);
  return response.body as unknown;
}

const softTissue = (cards: Card[]) =>
  cards.find((c) => c.extension?.[CARD_EXTENSION.ruleId] === 'emd-soft-tissue');

describe('feedback bound to the client that received the card', () => {
  it("keeps another EHR's override apart, and only the receiving EHR's suppresses", async () => {
    const first = softTissue(await cardsFor(keyA, EHR_A));
    expect(first).toBeDefined();
    expect(await override(keyB, EHR_B, first)).toEqual({
      stored: 1,
      duplicates: 0,
      unknownCards: 0,
      otherClient: 1,
      unofferedReasons: 0,
    });

    const second = softTissue(await cardsFor(keyA, EHR_A));
    expect(second).toBeDefined();
    expect(await override(keyA, EHR_A, second)).toEqual({
      stored: 1,
      duplicates: 0,
      unknownCards: 0,
      otherClient: 0,
      unofferedReasons: 0,
    });
    expect(softTissue(await cardsFor(keyA, EHR_A))).toBeUndefined();

    const stats = await request(app)
      .get('/admin/stats?from=2026-10-01&to=2026-12-01')
      .set('Authorization', `Bearer ${ADMIN}`);
    const rules = (stats.body as { rules: { ruleId: string }[] }).rules;
    expect(rules.find((r) => r.ruleId === 'emd-soft-tissue')).toMatchObject({
      served: 2,
      overridden: 1,
      unanswered: 1,
      otherClientFeedback: 1,
    });
  });
});
