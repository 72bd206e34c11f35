/**
 * The `Authorization` header itself, before any JWT is read, against RFC 6750 (Bearer token
 * usage) §2.1 and §3.1. Which answer each case gets is decided from the RFC's text:
 *
 * - §2.1: `credentials = "Bearer" 1*SP b64token`, `b64token = 1*( ALPHA / DIGIT / "-" / "."
 *   / "_" / "~" / "+" / "/" ) *"="`. A header that is not this (no token after `Bearer`,
 *   a space or a comma inside the token) is a malformed request, not a malformed token.
 * - §3.1 `invalid_request`: "The request is missing a required parameter, includes an
 *   unsupported parameter or parameter value, repeats the same parameter, uses more than one
 *   method for including an access token, or is otherwise malformed. The resource server
 *   SHOULD respond with the HTTP 400 (Bad Request) status code."
 * - §3.1 `invalid_token`: "The access token provided is expired, revoked, malformed, or
 *   invalid for other reasons. The resource SHOULD respond with the HTTP 401 (Unauthorized)
 *   status code." A b64token that is not a JWT is such a token: it came, and is unusable.
 *
 * Two `Authorization` headers: RFC 9110 §5.3, "A sender MUST NOT generate multiple field
 * lines with the same name in a message … unless that field's definition allows multiple
 * field line values to be recombined as a comma-separated list", and Authorization holds one
 * `credentials` (RFC 7235 §4.2); for RFC 6750 §3.1 it "repeats the same parameter". Node
 * keeps the first and drops the rest, so without a check the service would act on one of two
 * credentials a proxy in front may have read the other way.
 *
 * No header, or another scheme (`Basic`): test/http/auth.test.ts (§3.1, no error code).
 */
import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier } from '../../src/auth/jwt-verifier.js';
import { InMemoryReplayCache } from '../../src/auth/replay-cache.js';
import { listeningTestApp, patientViewRequest, testApp } from '../support/app.js';
import { makeKey, signToken, type TestKey } from '../support/tokens.js';

const BASE = 'https://cds.hospital.example';
const EHR = 'https://ehr.hospital.example';
const SERVICE = '/cds-services/emd-patient-view';
/** RFC 6750 §3's example challenge form, with §3.1's `invalid_request` and our reason code. */
const INVALID_REQUEST = (reason: string) =>
  `Bearer error="invalid_request", error_description="${reason}"`;

let key: TestKey;
beforeAll(async () => {
  key = await makeKey('ES384');
});

function authDeps() {
  const verify = createJwtVerifier(
    {
      enabled: true,
      issuers: [{ iss: EHR, jku: [], jwks: { keys: [key.publicJwk as { kty: string }] } }],
      publicBaseUrl: BASE,
      clockToleranceSeconds: 60,
      maxTokenAgeSeconds: 300,
    },
    new InMemoryReplayCache(),
  );
  return { auth: { verify, publicBaseUrl: BASE } };
}

const validToken = () => signToken(key, { iss: EHR, aud: `${BASE}${SERVICE}` });

describe('a Bearer header that is not RFC 6750 §2.1 credentials: 400 invalid_request', () => {
  const malformed: [string, string][] = [
    ['no token after the scheme', 'Bearer'],
    ['only spaces after the scheme', 'Bearer    '],
    ['a space inside the token', 'Bearer eyJhbGciOi JFUzM4NCJ9.e30.c2ln'],
    ['two tokens, comma-separated', 'Bearer a.b.c, Bearer d.e.f'],
    ['a JSON object in place of the token', 'Bearer {"alg":"none"}'],
  ];
  for (const [name, authorization] of malformed)
    it(`answers ${name} with 400, error="invalid_request" and an OperationOutcome`, async () => {
      const response = await request(testApp(authDeps()))
        .post(SERVICE)
        .set('Authorization', authorization)
        .send(patientViewRequest('p1', { conditions: null }));
      expect(response.status).toBe(400);
      expect(response.headers['www-authenticate']).toBe(INVALID_REQUEST('malformed-authorization'));
      expect(response.headers['content-type']).toMatch(/^application\/fhir\+json/);
      const outcome = response.body as { resourceType: string; issue: { diagnostics: string }[] };
      expect(outcome.resourceType).toBe('OperationOutcome');
      expect(outcome.issue[0]?.diagnostics).toMatch(/^Authorization header: /);
    });

  it('says so on discovery and feedback too', async () => {
    const app = testApp(authDeps());
    for (const answer of [
      await request(app).get('/cds-services').set('Authorization', 'Bearer'),
      await request(app)
        .post(`${SERVICE}/feedback`)
        .set('Authorization', 'Bearer')
        .send({ feedback: [] }),
    ]) {
      expect(answer.status).toBe(400);
      expect(answer.headers['www-authenticate']).toBe(INVALID_REQUEST('malformed-authorization'));
    }
  });
});

describe('a b64token that is no usable JWT: 401 invalid_token (§3.1 "malformed")', () => {
  for (const token of ['not-a-jwt', 'abc+/def==', 'a.b.c', '~.~.~'])
    it(`answers Bearer ${token} with 401, error="invalid_token" and an empty body`, async () => {
      const response = await request(testApp(authDeps()))
        .post(SERVICE)
        .set('Authorization', `Bearer ${token}`)
        .send(patientViewRequest('p1', { conditions: null }));
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
      expect(response.text).toBe('');
    });
});

describe('two Authorization headers: 400 invalid_request, whatever they hold', () => {
  const server = listeningTestApp(authDeps);

  /** POSTs with the header lines as given (supertest would keep one): Node writes each. */
  function postWithAuthorizations(
    values: string[],
  ): Promise<{ status: number; challenge?: string }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        `${server.base()}${SERVICE}`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: values },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, challenge: res.headers['www-authenticate'] });
          });
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(patientViewRequest('p1', { conditions: null })));
    });
  }

  it('accepts the valid token alone, so the refusals below are the repetition', async () => {
    expect(
      (await postWithAuthorizations([await validToken()].map((t) => `Bearer ${t}`))).status,
    ).toBe(200);
  });

  const pairs: [string, () => Promise<string[]>][] = [
    ['a valid token, then a bad one', async () => [`Bearer ${await validToken()}`, 'Bearer x.y.z']],
    ['a bad token, then a valid one', async () => ['Bearer x.y.z', `Bearer ${await validToken()}`]],
    [
      'two valid tokens',
      async () => [`Bearer ${await validToken()}`, `Bearer ${await validToken()}`],
    ],
    ['a valid Bearer token and Basic', async () => [`Bearer ${await validToken()}`, 'Basic ZTpz']],
  ];
  for (const [name, values] of pairs)
    it(`refuses ${name}`, async () => {
      expect(await postWithAuthorizations(await values())).toEqual({
        status: 400,
        challenge: INVALID_REQUEST('repeated-authorization'),
      });
    });
});
