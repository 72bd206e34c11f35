/**
 * Whose budget a tenant's call counts against (docs/security.md §3, "Request floods from a
 * trusted caller"): an issuer whose entry lists no `tenants` may name any tenant it likes,
 * unchecked, so all its calls share the issuer's one budget, whatever tenant they name; an
 * issuer that lists its tenants has each of them checked (`tenant-not-allowed` otherwise),
 * and each listed tenant gets a budget of its own. Driven through the app with tokens signed
 * as the EHRs would sign them.
 */
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier } from '../../src/auth/jwt-verifier.js';
import { InMemoryReplayCache } from '../../src/auth/replay-cache.js';
import { patientViewRequest, testApp } from '../support/app.js';
import { makeKey, signToken, type TestKey } from '../support/tokens.js';

const BASE = 'https://cds.hospital.example';
const SERVICE = '/cds-services/emd-patient-view';
const OPEN_EHR = 'https://open-ehr.example';
const LISTING_EHR = 'https://listing-ehr.example';
const LIMIT = 3;

let key: TestKey;
beforeAll(async () => {
  key = await makeKey('ES384');
});

function app() {
  const jwks = { keys: [key.publicJwk as { kty: string }] };
  const verify = createJwtVerifier(
    {
      enabled: true,
      issuers: [
        { iss: OPEN_EHR, jku: [], jwks },
        { iss: LISTING_EHR, jku: [], jwks, tenants: ['hospital-a', 'hospital-b'] },
      ],
      publicBaseUrl: BASE,
      clockToleranceSeconds: 60,
      maxTokenAgeSeconds: 300,
    },
    new InMemoryReplayCache(),
  );
  return testApp({ rateLimitPerMinute: LIMIT, auth: { verify, publicBaseUrl: BASE } });
}

/** The statuses of one call per [issuer, tenant], in order, each with a fresh token. */
async function statusesOf(target: ReturnType<typeof app>, calls: [string, string][]) {
  const statuses: number[] = [];
  for (const [iss, tenant] of calls) {
    const token = await signToken(key, { iss, aud: `${BASE}${SERVICE}`, tenant });
    const answer = await request(target)
      .post(SERVICE)
      .set('Authorization', `Bearer ${token}`)
      .send(patientViewRequest('p1', { conditions: null }));
    statuses.push(answer.status);
  }
  return statuses;
}

describe('the rate limit of an issuer and its tenants', () => {
  it('counts two tenants invented by an issuer without a tenants list in one budget', async () => {
    const statuses = await statusesOf(app(), [
      [OPEN_EHR, 'invented-1'],
      [OPEN_EHR, 'invented-1'],
      [OPEN_EHR, 'invented-2'],
      [OPEN_EHR, 'invented-2'],
    ]);

    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('gives each listed tenant of an issuer with a tenants list a budget of its own', async () => {
    const statuses = await statusesOf(app(), [
      [LISTING_EHR, 'hospital-a'],
      [LISTING_EHR, 'hospital-a'],
      [LISTING_EHR, 'hospital-a'],
      [LISTING_EHR, 'hospital-a'],
      [LISTING_EHR, 'hospital-b'],
    ]);

    expect(statuses).toEqual([200, 200, 200, 429, 200]);
  });
});
