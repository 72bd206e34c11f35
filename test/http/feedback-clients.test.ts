/**
 * Issue #14 over HTTP with authentication on: feedback counts only from the issuer that
 * received the card. Another EHR's feedback on the same card uuid is kept, answered as
 * `otherClient`, shown apart in /admin/stats, and does not suppress the card. And (H75) an
 * override suppresses the card only for the client that overrode it: patient ids are unique
 * only within one EHR, so another issuer's or tenant's patient of the same id still sees it.
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
/** An issuer speaking for two tenants (docs/integrating.md §3, `tenants`). */
const EHR_C = 'https://ehr-c.example';
const ADMIN = 'admin-token-for-tests-0123456789';
const SERVICE = '/cds-services/emd-patient-view';

let keyA: TestKey;
let keyB: TestKey;
let keyC: TestKey;
const stores: Store[] = [];
let app: ReturnType<typeof testApp>;

/** An app with a store of its own, so that each test's overrides are its own. */
async function freshApp(): Promise<ReturnType<typeof testApp>> {
  const store = openStore({
    sqliteFile: join(mkdtempSync(join(tmpdir(), 'emd-cds-fb-')), 'a.sqlite'),
  });
  stores.push(store);
  await store.migrate();
  const auth = {
    enabled: true,
    issuers: [
      { iss: EHR_A, jku: [], jwks: { keys: [keyA.publicJwk as { kty: string }] } },
      { iss: EHR_B, jku: [], jwks: { keys: [keyB.publicJwk as { kty: string }] } },
      {
        iss: EHR_C,
        jku: [],
        jwks: { keys: [keyC.publicJwk as { kty: string }] },
        tenants: ['ward-1', 'ward-2'],
      },
    ],
    publicBaseUrl: BASE,
    clockToleranceSeconds: 60,
    maxTokenAgeSeconds: 300,
  };
  const settings = buildSettings(
    parseConfigText('rules:\n  emd-soft-tissue:\n    suppressAfterOverrideDays: 30\n', 'site.yaml'),
    { file: undefined },
  );
  return testApp({
    settings: () => settings,
    auth: { verify: createJwtVerifier(auth, new InMemoryReplayCache()), publicBaseUrl: BASE },
    audit: { store, pseudonymise: pseudonymiser(randomBytes(32)) },
    adminToken: ADMIN,
  });
}

beforeAll(async () => {
  [keyA, keyB, keyC] = await Promise.all([makeKey('ES384'), makeKey('ES384'), makeKey('ES384')]);
  app = await freshApp();
});
afterAll(() => Promise.all(stores.map((store) => store.close())));

/** A verified CDS client: its key, issuer and (for an issuer with tenants) tenant. */
interface Client {
  key: TestKey;
  iss: string;
  tenant?: string;
}
const clientA = (): Client => ({ key: keyA, iss: EHR_A });
const clientB = (): Client => ({ key: keyB, iss: EHR_B });

const token = (client: Client, path: string) =>
  signToken(client.key, {
    iss: client.iss,
    aud: `${BASE}${path}`,
    ...(client.tenant === undefined ? {} : { tenant: client.tenant }),
  });

async function cardsFor(client: Client, on = app): Promise<Card[]> {
  const response = await request(on)
    .post(SERVICE)
    .set('Authorization', `Bearer ${await token(client, SERVICE)}`)
    // A hook call of its own each time (a new hookInstance), as an EHR makes them.
    .send({ ...readExampleRequest('emd-and-cns'), hookInstance: randomUUID() });
  expect(response.status).toBe(200);
  return expectValidHookResponse(response.body).cards;
}

async function override(client: Client, card: Card | undefined, on = app) {
  const path = `${SERVICE}/feedback`;
  const response = await request(on)
    .post(path)
    .set('Authorization', `Bearer ${await token(client, path)}`)
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
    const first = softTissue(await cardsFor(clientA()));
    expect(first).toBeDefined();
    expect(await override(clientB(), first)).toEqual({
      stored: 1,
      duplicates: 0,
      unknownCards: 0,
      otherClient: 1,
      unofferedReasons: 0,
    });

    const second = softTissue(await cardsFor(clientA()));
    expect(second).toBeDefined();
    expect(await override(clientA(), second)).toEqual({
      stored: 1,
      duplicates: 0,
      unknownCards: 0,
      otherClient: 0,
      unofferedReasons: 0,
    });
    expect(softTissue(await cardsFor(clientA()))).toBeUndefined();

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

describe('an override suppresses the card only for the client that overrode it (H75)', () => {
  // The same request, so the same patient id ("emd-and-cns"), from each client: in two EHRs,
  // or two tenants of one, that id names two different people.
  const cases: { name: string; overrider: () => Client; other: () => Client }[] = [
    { name: 'another issuer', overrider: clientA, other: clientB },
    {
      name: 'another tenant of the same issuer',
      overrider: () => ({ key: keyC, iss: EHR_C, tenant: 'ward-1' }),
      other: () => ({ key: keyC, iss: EHR_C, tenant: 'ward-2' }),
    },
  ];
  for (const { name, overrider, other } of cases) {
    it(`still shows the card to ${name} calling for a patient of the same id`, async () => {
      const fresh = await freshApp();
      const card = softTissue(await cardsFor(overrider(), fresh));
      expect(card?.indicator).toBe('warning');
      expect(await override(overrider(), card, fresh)).toMatchObject({ stored: 1, otherClient: 0 });

      expect(softTissue(await cardsFor(other(), fresh))?.indicator).toBe('warning');
      expect(softTissue(await cardsFor(overrider(), fresh))).toBeUndefined();
    });
  }
});
