/**
 * What a CDS client is told, and what the log and /metrics say, when its issuer's key server
 * (an allowlisted `jku`) answers something that is not a JWK Set. docs/integrating.md §3:
 * `keys-unavailable` is "the JWKS could not be fetched or read … check the URL and the network
 * from the service", `malformed-token` is "the `Bearer` credentials are not a compact JWT";
 * docs/security.md §8: "If the fetch fails the call is refused (`keys-unavailable`)". A key
 * server answering a redirect (never followed, §3), an error status, HTML or JSON that is not a
 * JWK Set (RFC 7517 §5: an object with a `keys` array) is a key set that could not be read,
 * never a malformed token; the log says what the key server answered, so the hospital can
 * tell a moved URL from a server that is down. A key server that publishes private key members
 * (RFC 7518 §6.2.2 `d`, §6.3.2 `d` `p` `q` `dp` `dq` `qi`, §6.4.1 `k`) exposes the EHR's
 * signing key: refused as `private-keys-published`, an incident on the EHR's side.
 */
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier } from '../../src/auth/jwt-verifier.js';
import { InMemoryReplayCache } from '../../src/auth/replay-cache.js';
import { NO_METRICS } from '../../src/cds/metrics.js';
import { patientViewRequest, testApp } from '../support/app.js';
import { capturingLogger } from '../support/logs.js';
import { rawAnswerServer } from '../support/raw-answer-server.js';
import { signToken, type TestKey } from '../support/tokens.js';

const BASE = 'https://cds.hospital.example';
const AUD = `${BASE}/cds-services/emd-patient-view`;
const EHR = 'https://ehr.hospital.example';

let key: TestKey;
/** The same key pair as `key`, with its private members (RFC 7518 §6.2.2 `d`). */
let privateJwk: JWK;
beforeAll(async () => {
  const pair = await generateKeyPair('ES384', { extractable: true });
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'ehr-2026-12', alg: 'ES384' };
  key = { alg: 'ES384', kid: 'ehr-2026-12', privateKey: pair.privateKey, publicJwk };
  privateJwk = { ...(await exportJWK(pair.privateKey)), kid: 'ehr-2026-12', alg: 'ES384' };
});

const serve = rawAnswerServer('/jwks.json');

/** The app trusting EHR, whose keys are at the allowlisted `jku`; its log and 4xx counts. */
function appTrusting(jku: string) {
  const { logger, lines } = capturingLogger('info');
  const counted: [number, string][] = [];
  const verify = createJwtVerifier(
    {
      enabled: true,
      issuers: [{ iss: EHR, jku: [jku] }],
      publicBaseUrl: BASE,
      clockToleranceSeconds: 60,
      maxTokenAgeSeconds: 300,
    },
    new InMemoryReplayCache(),
  );
  const app = testApp({
    logger,
    auth: { verify, publicBaseUrl: BASE },
    metrics: {
      ...NO_METRICS,
      clientError: (status, reason) => {
        counted.push([status, reason]);
      },
    },
  });
  return { app, lines, counted };
}

/** One call with `authorization`, and the 401 log line (src/http/auth-middleware.ts), parsed. */
async function callWith(jku: string, authorization: string) {
  const { app, lines, counted } = appTrusting(jku);
  const response = await request(app)
    .post('/cds-services/emd-patient-view')
    .set('Authorization', authorization)
    .send(patientViewRequest('p1', { conditions: null }));
  const line = lines.find((l) => l.includes('rejected CDS client token'));
  const logged = line === undefined ? {} : (JSON.parse(line) as Record<string, unknown>);
  return { response, logged, log: lines.join(''), counted };
}

const challenge = (reason: string) => `Bearer error="invalid_token", error_description="${reason}"`;

describe('a key server that does not answer a JWK Set', () => {
  const answers: [string, number, Record<string, string>, string][] = [
    ['a 302 redirect to a valid key set', 302, { location: '/moved/jwks.json' }, ''],
    ['404 Not Found', 404, { 'content-type': 'text/plain' }, 'not found'],
    ['503 Service Unavailable', 503, { 'content-type': 'text/plain' }, 'down for maintenance'],
  ];
  for (const [name, status, headers, body] of answers)
    it(`refuses the token as keys-unavailable, and logs the ${String(status)}, for ${name}`, async () => {
      const paths: string[] = [];
      const jku = await serve((res, req) => {
        paths.push(req.url ?? '');
        res.writeHead(status, headers);
        res.end(body);
      });
      const token = await signToken(key, { iss: EHR, aud: AUD, jku });
      const { response, logged, log, counted } = await callWith(jku, `Bearer ${token}`);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe(challenge('keys-unavailable'));
      expect(logged).toMatchObject({ reason: 'keys-unavailable', iss: EHR });
      expect(String(logged.detail)).toContain(`HTTP ${String(status)}`);
      expect(counted).toEqual([[401, 'keys-unavailable']]);
      expect(log).not.toContain(token);
      // A redirect is not followed (docs/security.md §3): one request, to the jku itself.
      expect(paths).toEqual(['/jwks.json']);
    });

  const bodies: [string, string, string][] = [
    ['an HTML page', 'text/html', '<!doctype html><html><body>Sign in</body></html>'],
    ['an empty JSON object', 'application/json', '{}'],
    ['JSON whose keys is not an array', 'application/json', '{"keys":"none"}'],
  ];
  for (const [name, contentType, body] of bodies)
    it(`refuses the token as keys-unavailable when a 200 answer is ${name}`, async () => {
      const jku = await serve((res) => {
        res.writeHead(200, { 'content-type': contentType });
        res.end(body);
      });
      const token = await signToken(key, { iss: EHR, aud: AUD, jku });
      const { response, logged, counted } = await callWith(jku, `Bearer ${token}`);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe(challenge('keys-unavailable'));
      expect(logged).toMatchObject({ reason: 'keys-unavailable', iss: EHR });
      expect(String(logged.detail)).toContain('JWK Set');
      expect(counted).toEqual([[401, 'keys-unavailable']]);
    });

  it('still verifies a token when the key server answers a JWK Set of public keys', async () => {
    const jku = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
      res.end(JSON.stringify({ keys: [key.publicJwk] }));
    });
    const token = await signToken(key, { iss: EHR, aud: AUD, jku });
    const { response } = await callWith(jku, `Bearer ${token}`);
    expect(response.status).toBe(200);
  });
});

describe('a token that is not a compact JWT, whatever the key server', () => {
  const notJwts: [string, string][] = [
    ['one word', 'not-a-jwt'],
    ['three parts that do not decode', 'abc.def.ghi'],
    ['two parts', 'eyJhbGciOiJFUzM4NCJ9.eyJpc3MiOiJ4In0'],
  ];
  for (const [name, token] of notJwts)
    it(`refuses ${name} as malformed-token, fetching no keys`, async () => {
      let requests = 0;
      const jku = await serve((res) => {
        requests += 1;
        res.writeHead(302, { location: '/elsewhere' });
        res.end();
      });
      const { response, counted } = await callWith(jku, `Bearer ${token}`);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe(challenge('malformed-token'));
      expect(counted).toEqual([[401, 'malformed-token']]);
      expect(requests).toBe(0);
    });
});

describe('a key server that publishes private key material', () => {
  it('refuses the token as private-keys-published, and the log names the key and why', async () => {
    const jku = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
      res.end(JSON.stringify({ keys: [privateJwk] }));
    });
    const token = await signToken(key, { iss: EHR, aud: AUD, jku });
    const { response, logged, log, counted } = await callWith(jku, `Bearer ${token}`);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe(challenge('private-keys-published'));
    expect(logged).toMatchObject({ reason: 'private-keys-published', iss: EHR });
    expect(String(logged.detail)).toContain('ehr-2026-12');
    expect(String(logged.detail)).toContain('private');
    expect(counted).toEqual([[401, 'private-keys-published']]);
    // The private member's value is key material: never in the log.
    expect(log).not.toContain(String(privateJwk.d));
  });

  it('refuses the whole key set when another key in it is a symmetric key (k)', async () => {
    const secret = { kty: 'oct', kid: 'hmac-2026', k: 'c2VjcmV0LXNoYXJlZC13aXRoLWV2ZXJ5b25l' };
    const jku = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
      res.end(JSON.stringify({ keys: [key.publicJwk, secret] }));
    });
    const token = await signToken(key, { iss: EHR, aud: AUD, jku });
    const { response, logged, log } = await callWith(jku, `Bearer ${token}`);
    expect(response.headers['www-authenticate']).toBe(challenge('private-keys-published'));
    expect(String(logged.detail)).toContain('hmac-2026');
    expect(log).not.toContain(secret.k);
  });
});
