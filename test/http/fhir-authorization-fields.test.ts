/**
 * Every field of `fhirAuthorization` (CDS Hooks 2.0 §FHIR Resource Access,
 * ../shared/spec/cds-hooks.md §1.5): `access_token`, `token_type` (fixed "Bearer"),
 * `expires_in` (integer), `scope` and `subject` REQUIRED, `patient` CONDITIONAL; and
 * `fhirServer` REQUIRED when it is sent (cds-r-1). Each broken request is first shown to be
 * invalid by the request oracle written from the spec (test/support/cds-hooks-request-schema.ts),
 * then sent: the service answers 400 with an OperationOutcome naming the field.
 * How the token is used (scope, expiry, patient): test/http/fhir-authorization.test.ts.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { patientViewRequest, testApp } from '../support/app.js';
import { cdsHookRequest } from '../support/cds-hooks-request-schema.js';

const SERVICE = '/cds-services/emd-patient-view';
const AUTHORIZATION = {
  access_token: 'some-opaque-token',
  token_type: 'Bearer',
  expires_in: 300,
  scope: 'patient/Condition.read patient/ImagingStudy.read',
  subject: 'emd-cds-service',
  patient: 'p1',
};

function withAuthorization(change: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...AUTHORIZATION, ...change };
  const fhirAuthorization = Object.fromEntries(
    Object.entries(merged).filter(([, value]) => value !== undefined),
  );
  return {
    ...patientViewRequest('p1', { conditions: null }),
    fhirServer: 'https://ehr.hospital.example/fhir',
    fhirAuthorization,
  };
}

const expressionsOf = (body: unknown) =>
  (body as { issue: { expression?: string[] }[] }).issue.flatMap((i) => i.expression ?? []);

describe('fhirAuthorization, field by field', () => {
  it('takes the spec-valid request, patient included or left out', async () => {
    for (const body of [withAuthorization({}), withAuthorization({ patient: undefined })]) {
      expect(cdsHookRequest.safeParse(body).success).toBe(true);
      expect((await request(testApp()).post(SERVICE).send(body)).status).toBe(200);
    }
  });

  const broken: [string, Record<string, unknown>, string][] = [
    ...['access_token', 'token_type', 'expires_in', 'scope', 'subject'].map(
      (field): [string, Record<string, unknown>, string] => [
        `no ${field}`,
        { [field]: undefined },
        field,
      ],
    ),
    // §1.1: "JSON elements SHALL NOT be null or empty".
    ...['access_token', 'scope', 'subject', 'patient'].map(
      (field): [string, Record<string, unknown>, string] => [
        `an empty ${field}`,
        { [field]: '' },
        field,
      ],
    ),
    ['token_type "MAC" (fixed "Bearer")', { token_type: 'MAC' }, 'token_type'],
    ['expires_in a string', { expires_in: '300' }, 'expires_in'],
    ['expires_in a fraction', { expires_in: 1.5 }, 'expires_in'],
    ['expires_in negative', { expires_in: -1 }, 'expires_in'],
    ['patient null', { patient: null }, 'patient'],
  ];
  for (const [name, change, field] of broken)
    it(`answers 400 naming fhirAuthorization.${field} for ${name}`, async () => {
      const body = withAuthorization(change);
      expect(cdsHookRequest.safeParse(body).success).toBe(false);
      const response = await request(testApp()).post(SERVICE).send(body);
      expect(response.status).toBe(400);
      expect(expressionsOf(response.body)).toContain(`fhirAuthorization.${field}`);
    });

  it('answers 400 naming fhirServer when fhirAuthorization comes without it (cds-r-1)', async () => {
    const body = withAuthorization({});
    delete body.fhirServer;
    expect(cdsHookRequest.safeParse(body).success).toBe(false);
    const response = await request(testApp()).post(SERVICE).send(body);
    expect(response.status).toBe(400);
    expect(expressionsOf(response.body)).toContain('fhirServer');
  });
});

// FHIR R4 §3.1.0.1.2: a service base URL is `http{s}://server{/path}`, and a read is
// `[base]/[type]/[id]`: no query or fragment. One passed the allowlist, which reads the URL,
// and made the FHIR client, which appends to the text, read `…/fhir?/Patient/p1` (probe 12).
describe('fhirServer with a query or a fragment', () => {
  it.each([
    ['an empty query', 'https://ehr.hospital.example/fhir?'],
    ['a query', 'https://ehr.hospital.example/fhir?tenant=a'],
    ['a fragment', 'https://ehr.hospital.example/fhir#@other.example/'],
  ])('answers 400 naming fhirServer for %s', async (_what, fhirServer) => {
    const response = await request(testApp())
      .post(SERVICE)
      .send({ ...withAuthorization({}), fhirServer });
    expect(response.status).toBe(400);
    expect(expressionsOf(response.body)).toEqual(['fhirServer']);
    expect(JSON.stringify(response.body)).toContain(
      'must be a FHIR base URL, with no query (\\"?\\") or fragment (\\"#\\")',
    );
  });
});
