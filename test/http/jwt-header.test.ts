/**
 * CDS Hooks 2.0 §JWT: the header's `typ` is "JWT" and its `kid` names the signing key; key
 * URLs (`jku`, `jwksUrl`) are https, or http on loopback only. Each refusal is a 401 whose
 * WWW-Authenticate header carries the reason code docs/integrating.md lists.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier } from '../../src/auth/jwt-verifier.js';
import { InMemoryReplayCache } from '../../src/auth/replay-cache.js';
import type { TrustedIssuer } from '../../src/auth/trusted-issuers.js';
import { patientViewRequest, testApp } from '../support/app.js';
import { makeKey, signToken, type TestKey, type TokenOptions } from '../support/tokens.js';

const BASE = 'https://cds.hospital.example';
const AUD = `${BASE}/cds-services/emd-patient-view`;
const EHR = 'https://ehr.hospital.example';
const HTTP_JKU_EHR = 'https://http-jku.example';
const HTTP_JWKS_URL_EHR = 'https://http-jwks-url.example';
const JKU_ONLY_EHR = 'https://jku-only.example';
const UNREACHABLE_EHR = 'https://unreachable.example';
const MIRRORED_EHR = 'https://mirrored.example';

let key: TestKey;
let closedPort: number;
/** A JWKS on loopback, as a site's mirror of an EHR's keys (its agreed `jwksUrl`). */
let jwksUrl: string;
const jwksServer = createHttpServer((_req, res) => {
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ keys: [key.publicJwk] }));
});
afterAll(async () => {
  await new Promise((resolve) => jwksServer.close(resolve));
});

beforeAll(async () => {
  key = await makeKey('ES384');
  // A loopback port nobody listens on: its JWKS cannot be fetched.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closedPort = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${String((jwksServer.address() as AddressInfo).port)}/jwks.json`;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
});

function app() {
  const issuers: TrustedIssuer[] = [
    { iss: EHR, jku: [], jwks: { keys: [key.publicJwk as { kty: string }] } },
    { iss: HTTP_JKU_EHR, jku: ['http://keys.hospital.example/jwks.json'] },
    { iss: HTTP_JWKS_URL_EHR, jku: [], jwksUrl: 'http://keys.hospital.example/jwks.json' },
    { iss: JKU_ONLY_EHR, jku: ['https://keys.hospital.example/jwks.json'] },
    { iss: UNREACHABLE_EHR, jku: [], jwksUrl: `http://127.0.0.1:${String(closedPort)}/jwks` },
    { iss: MIRRORED_EHR, jku: [], jwksUrl },
  ];
  const verify = createJwtVerifier(
    {
      enabled: true,
      issuers,
      publicBaseUrl: BASE,
      clockToleranceSeconds: 60,
      maxTokenAgeSeconds: 300,
    },
    new InMemoryReplayCache(),
  );
  return testApp({ auth: { verify, publicBaseUrl: BASE } });
}

async function call(options: Partial<TokenOptions>) {
  const token = await signToken(key, { iss: EHR, aud: AUD, ...options });
  return request(app())
    .post('/cds-services/emd-patient-view')
    .set('Authorization', `Bearer ${token}`)
    .send(patientViewRequest('p1', { conditions: null }));
}

const challenge = (reason: string) => `Bearer error="invalid_token", error_description="${reason}"`;

describe('the JWT header', () => {
  for (const typ of ['JWT', 'jwt', 'application/jwt']) {
    it(`accepts typ "${typ}" (RFC 7515 §4.1.9: case-insensitive, "application/" optional)`, async () => {
      expect((await call({ typ })).status).toBe(200);
    });
  }

  const refused: [string, Partial<TokenOptions>][] = [
    ['no typ', { typ: null }],
    ['typ "at+jwt" (an OAuth access token)', { typ: 'at+jwt' }],
    ['typ "JOSE"', { typ: 'JOSE' }],
    ['typ "JWS"', { typ: 'JWS' }],
    ['no kid', { kid: null }],
    ['an empty kid', { kid: '' }],
  ];
  for (const [name, options] of refused) {
    it(`refuses ${name} as bad-header`, async () => {
      const response = await call(options);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe(challenge('bad-header'));
      expect(response.text).toBe('');
    });
  }

  it('refuses a kid that names none of the issuer’s keys as unknown-key', async () => {
    const response = await call({ kid: 'a-key-the-issuer-never-published' });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe(challenge('unknown-key'));
  });
});

describe('where keys may come from', () => {
  const cases: [string, Partial<TokenOptions>, string][] = [
    [
      'an allowlisted jku over plain http to another host',
      { iss: HTTP_JKU_EHR, jku: 'http://keys.hospital.example/jwks.json' },
      'untrusted-jku',
    ],
    ['a jwksUrl over plain http to another host', { iss: HTTP_JWKS_URL_EHR }, 'untrusted-jku'],
    ['a token without jku from an issuer known only by jku', { iss: JKU_ONLY_EHR }, 'no-keys'],
    ['keys that cannot be fetched', { iss: UNREACHABLE_EHR }, 'keys-unavailable'],
  ];
  for (const [name, options, reason] of cases) {
    it(`refuses ${name} as ${reason}`, async () => {
      const response = await call(options);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe(challenge(reason));
      expect(response.text).toBe('');
    });
  }
});

describe("an issuer's agreed jwksUrl", () => {
  it('takes keys from it for a token with no jku', async () => {
    expect((await call({ iss: MIRRORED_EHR })).status).toBe(200);
  });

  // CDS Hooks 2.0 §JWT: `jku` is optional, and the CDS Hooks Sandbox and Inferno always send
  // one. The very URL the service already trusts for this issuer is no risk.
  it('accepts a token whose jku names that same URL', async () => {
    expect((await call({ iss: MIRRORED_EHR, jku: jwksUrl })).status).toBe(200);
  });

  it('still refuses any other jku as untrusted-jku', async () => {
    const response = await call({ iss: MIRRORED_EHR, jku: `${jwksUrl}?other` });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe(challenge('untrusted-jku'));
  });
});

describe('a browser client', () => {
  // A token that came and failed: a call with none gets no reason (RFC 6750 §3.1, auth.test.ts).
  it('may read the reason of a 401 (CORS exposes WWW-Authenticate)', async () => {
    const response = await request(app())
      .post('/cds-services/emd-patient-view')
      .set('Origin', 'https://sandbox.cds-hooks.org')
      .set('Authorization', 'Bearer not-a-jwt')
      .send(patientViewRequest('p1', { conditions: null }));
    expect(response.status).toBe(401);
    const exposed = String(response.headers['access-control-expose-headers']).split(',');
    expect(exposed.map((name) => name.trim())).toContain('WWW-Authenticate');
    expect(response.headers['www-authenticate']).toBe(challenge('malformed-token'));
  });
});
