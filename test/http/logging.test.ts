/**
 * Nothing secret reaches the log: a request carrying a JWT, a FHIR access token and patient
 * data leaves neither in the log output — on success, on a rejected token and on bad input.
 */
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier } from '../../src/auth/jwt-verifier.js';
import { InMemoryReplayCache } from '../../src/auth/replay-cache.js';
import { readExampleRequest, testApp } from '../support/app.js';
import { capturingLogger } from '../support/logs.js';
import { makeKey, signToken, type TestKey } from '../support/tokens.js';

const BASE = 'https://cds.hospital.example';
const EHR = 'https://ehr.hospital.example';
const ACCESS_TOKEN = 'ehr-access-token-DO-NOT-LOG';
const PATIENT_NAME = 'Qiánlóng-DO-NOT-LOG';
const MRN = 'MRN-DO-NOT-LOG-9917';

let key: TestKey;
beforeAll(async () => {
  key = await makeKey('ES384');
});

function capturingApp() {
  const { logger, log, lines } = capturingLogger('trace');
  const settings = {
    enabled: true,
    issuers: [{ iss: EHR, jku: [], jwks: { keys: [key.publicJwk as { kty: string }] } }],
    publicBaseUrl: BASE,
    clockToleranceSeconds: 60,
    maxTokenAgeSeconds: 300,
  };
  const app = testApp({
    logger,
    auth: { verify: createJwtVerifier(settings, new InMemoryReplayCache()), publicBaseUrl: BASE },
  });
  return { app, log, lines };
}

/** The 401's log line (src/http/auth-middleware.ts), parsed. */
function refusalLine(lines: readonly string[]): Record<string, unknown> | undefined {
  const line = lines.find((l) => l.includes('rejected CDS client token'));
  return line === undefined ? undefined : (JSON.parse(line) as Record<string, unknown>);
}

/** The leptomeningeal example, carrying an access token and identifying patient data. */
function sensitiveRequest() {
  const body = readExampleRequest('leptomeningeal-with-cns');
  const prefetch = structuredClone(body.prefetch) as { patient: fhir4.Patient };
  prefetch.patient.name = [{ text: PATIENT_NAME }];
  prefetch.patient.identifier = [{ system: 'http://hospital.example.org/mrn', value: MRN }];
  return {
    ...body,
    prefetch,
    fhirServer: 'https://ehr.hospital.example/fhir',
    fhirAuthorization: {
      access_token: ACCESS_TOKEN,
      token_type: 'Bearer',
      expires_in: 300,
      scope: 'patient/*.read',
      subject: 'emd-cds',
    },
  };
}

describe('the request log', () => {
  it('holds one line per request with id, service, issuer and status, and no token or patient data', async () => {
    const { app, log } = capturingApp();
    const jwt = await signToken(key, { iss: EHR, aud: `${BASE}/cds-services/emd-patient-view` });
    const response = await request(app)
      .post('/cds-services/emd-patient-view?patient=leptomeningeal-with-cns')
      .set('Authorization', `Bearer ${jwt}`)
      .set('X-Request-Id', 'ehr-req-123')
      .send(sensitiveRequest());
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe('ehr-req-123');
    const entry = log()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.req !== undefined);
    expect(entry).toMatchObject({
      req: { id: 'ehr-req-123', method: 'POST', path: '/cds-services/emd-patient-view' },
      res: { statusCode: 200 },
      service: 'emd-patient-view',
      iss: EHR,
    });
    expect(entry?.responseTime).toEqual(expect.any(Number));
    for (const secret of [
      jwt,
      jwt.split('.')[2] ?? jwt,
      ACCESS_TOKEN,
      PATIENT_NAME,
      MRN,
      'leptomeningeal-with-cns',
      'Meninges',
    ]) {
      expect(log()).not.toContain(secret);
    }
  });

  it('logs why a token was refused, but not the token', async () => {
    const { app, log } = capturingApp();
    const jwt = await signToken(key, { iss: EHR, aud: `${BASE}/cds-services/wrong` });
    const response = await request(app)
      .post('/cds-services/emd-patient-view')
      .set('Authorization', `Bearer ${jwt}`)
      .send(sensitiveRequest());
    expect(response.status).toBe(401);
    expect(log()).toContain('"reason":"wrong-audience"');
    expect(log()).toContain(`"iss":"${EHR}"`);
    for (const secret of [jwt, ACCESS_TOKEN, PATIENT_NAME, MRN])
      expect(log()).not.toContain(secret);
  });

  it('logs a wrong aud as the token had it, for the operator to compare', async () => {
    const { app, lines } = capturingApp();
    const aud = `${BASE}/cds-services/wrong`;
    await request(app)
      .post('/cds-services/emd-patient-view')
      .set('Authorization', `Bearer ${await signToken(key, { iss: EHR, aud })}`)
      .send(sensitiveRequest());
    expect(refusalLine(lines)).toMatchObject({
      reason: 'wrong-audience',
      iss: EHR,
      aud: 'https://cds.hospital.example/cds-services/wrong',
      expectedAud: 'https://cds.hospital.example/cds-services/emd-patient-view',
    });
  });

  // An unverified claim is attacker text, up to a header's 16 KB: docs/security.md §2.5 says
  // how much of it the 401 line keeps (200 characters a value, 5 items of an array).
  const MAX_REFUSAL_LINE_BYTES = 2048;
  const longAud = `https://cds.hospital.example/${'a'.repeat(10_000 - 29)}`;
  const refusedClaims: [string, Parameters<typeof signToken>[1], Record<string, unknown>][] = [
    [
      'an aud of 10,000 characters',
      { iss: EHR, aud: longAud },
      {
        reason: 'wrong-audience',
        aud: `https://cds.hospital.example/${'a'.repeat(171)}…[cut: 10000 characters]`,
      },
    ],
    [
      'an unknown iss of 10,000 characters',
      { iss: longAud, aud: `${BASE}/cds-services/emd-patient-view` },
      {
        reason: 'unknown-issuer',
        iss: `https://cds.hospital.example/${'a'.repeat(171)}…[cut: 10000 characters]`,
      },
    ],
    [
      'an aud of 400 short items',
      { iss: EHR, aud: Array.from({ length: 400 }, (_, i) => `https://x.example/${String(i)}`) },
      {
        reason: 'wrong-audience',
        aud: [
          'https://x.example/0',
          'https://x.example/1',
          'https://x.example/2',
          'https://x.example/3',
          'https://x.example/4',
          '…[cut: 395 more items]',
        ],
      },
    ],
  ];
  for (const [name, claims, expected] of refusedClaims)
    it(`cuts ${name} in the 401 log line, which stays under ${String(MAX_REFUSAL_LINE_BYTES)} bytes`, async () => {
      const { app, lines } = capturingApp();
      const response = await request(app)
        .post('/cds-services/emd-patient-view')
        .set('Authorization', `Bearer ${await signToken(key, claims)}`)
        .send(sensitiveRequest());
      expect(response.status).toBe(401);
      expect(refusalLine(lines)).toMatchObject(expected);
      const line = lines.find((l) => l.includes('rejected CDS client token')) ?? '';
      expect(Buffer.byteLength(line)).toBeLessThan(MAX_REFUSAL_LINE_BYTES);
    });

  it('cuts a long request path in its line, as the caller wrote it', async () => {
    const { app, lines } = capturingApp();
    const path = `/nothing-here/${'x'.repeat(10_000)}`;
    expect((await request(app).get(path)).status).toBe(404);
    const line = lines.find((l) => l.includes('"statusCode":404')) ?? '';
    const logged = (JSON.parse(line) as { req: { path: string } }).req.path;
    // The first 200 characters: `/nothing-here/` (14) and 186 x's.
    expect(logged).toBe(`/nothing-here/${'x'.repeat(186)}…[cut: 10014 characters]`);
    expect(Buffer.byteLength(line)).toBeLessThan(MAX_REFUSAL_LINE_BYTES);
  });

  // RFC 6750 §3.1 keeps the reason out of these 401s' header; the log still has it.
  const refusedCredentials: [string, string, string][] = [
    ['Basic ZWhyOkRPLU5PVC1MT0ctcGFzc3dvcmQ=', 'unsupported-scheme', 'ZWhyOkRPLU5PVC1MT0ct'],
    ['Bearer DO-NOT-LOG-not-a-jwt', 'malformed-token', 'DO-NOT-LOG-not-a-jwt'],
  ];
  for (const [authorization, reason, secret] of refusedCredentials)
    it(`logs ${reason}, but not the credentials that came`, async () => {
      const { app, log } = capturingApp();
      const response = await request(app)
        .post('/cds-services/emd-patient-view')
        .set('Authorization', authorization)
        .send(sensitiveRequest());
      expect(response.status).toBe(401);
      expect(log()).toContain(`"reason":"${reason}"`);
      expect(log()).not.toContain(secret);
    });

  it('keeps patient data out of the log when the request is malformed', async () => {
    const { app, log } = capturingApp();
    const jwt = await signToken(key, { iss: EHR, aud: `${BASE}/cds-services/emd-patient-view` });
    const body = { ...sensitiveRequest(), hookInstance: 'not-a-uuid' };
    expect(
      (
        await request(app)
          .post('/cds-services/emd-patient-view')
          .set('Authorization', `Bearer ${jwt}`)
          .send(body)
      ).status,
    ).toBe(400);
    for (const secret of [jwt, ACCESS_TOKEN, PATIENT_NAME, MRN])
      expect(log()).not.toContain(secret);
  });
});
