/**
 * The per-caller rate limit in one process (docs/security.md, "Request floods"): the limit
 * holds per verified issuer and tenant, the answers say how much is left in the IETF
 * RateLimit headers (draft-ietf-httpapi-ratelimit-headers-07: `RateLimit: limit=L,
 * remaining=R, reset=S` and `RateLimit-Policy: L;w=W`), and the call over the limit gets
 * 429 with an OperationOutcome. The limit across workers and nodes has its own tests
 * (test/http/cluster.test.ts, test/fleet/fleet-rate-limit.int.test.ts).
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { readExampleRequest, testApp } from '../support/app.js';

const SERVICE = '/cds-services/emd-patient-view';
const LIMIT = 3;

/** A stand-in for the JWT check (its own tests: auth.test.ts): the caller is the header's issuer. */
const issuerFromHeader = {
  publicBaseUrl: 'http://127.0.0.1',
  verify: (authorization: string | undefined) =>
    Promise.resolve({
      iss: authorization?.replace(/^Bearer /, '') ?? 'none',
      tenant: undefined,
      hasListedTenants: false,
      jti: crypto.randomUUID(),
    }),
};

function call(app: ReturnType<typeof testApp>, issuer?: string) {
  const sent = request(app).post(SERVICE);
  if (issuer) void sent.set('Authorization', `Bearer ${issuer}`);
  return sent.send(readExampleRequest('emd-skin-at-diagnosis'));
}

describe('rate limit', () => {
  it('says the limit and what is left on every answer, then refuses with 429', async () => {
    const app = testApp({ rateLimitPerMinute: LIMIT });
    const answers = [];
    for (let i = 0; i < LIMIT + 1; i += 1) answers.push(await call(app));

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    answers.forEach((answer, i) => {
      expect(answer.headers['ratelimit-policy']).toBe('3;w=60');
      expect(answer.headers.ratelimit).toMatch(
        new RegExp(`^limit=3, remaining=${String(Math.max(0, LIMIT - 1 - i))}, reset=\\d+$`),
      );
      const reset = Number(/reset=(\d+)/.exec(String(answer.headers.ratelimit))?.[1]);
      expect(reset).toBeGreaterThanOrEqual(0);
      expect(reset).toBeLessThanOrEqual(60);
    });

    const refused = answers[LIMIT];
    expect(refused?.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThanOrEqual(0);
    expect(refused?.body).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'throttled' }],
    });
  });

  it('counts each verified issuer on its own', async () => {
    const app = testApp({ rateLimitPerMinute: LIMIT, auth: issuerFromHeader });
    const statuses = [];
    for (let i = 0; i < LIMIT + 1; i += 1) statuses.push((await call(app, 'ehr-a')).status);
    statuses.push((await call(app, 'ehr-b')).status);

    expect(statuses).toEqual([200, 200, 200, 429, 200]);
  });

  it('leaves what is not a CDS service alone', async () => {
    const app = testApp({ rateLimitPerMinute: 1 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await request(app).get('/healthz')).status);

    expect(statuses).toEqual([200, 200, 200]);
  });
});
