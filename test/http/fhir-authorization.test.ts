/**
 * CDS Hooks 2.0 §fhirAuthorization (issue #14): `token_type` is case-insensitive; an expired
 * token is not used; `patient` must be the patient in context; a query the granted `scope`
 * does not cover is not attempted (SMART App Launch v1 and v2 scopes).
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { scopeCovers } from '../../src/cds/fhir-authorization.js';
import { callService } from '../../src/cds/hook-service.js';
import { NO_METRICS } from '../../src/cds/metrics.js';
import { fhirAccessFor } from '../../src/fhir/fhir-access.js';
import { fhirKitRunner } from '../../src/fhir/fhir-kit-runner.js';
import {
  defaultSettings,
  expectValidHookResponse,
  readExampleRequest,
  SCENARIO_NOW,
  testApp,
} from '../support/app.js';
import { serveExamplePatient, type StubFhirServer } from '../support/stub-fhir-server.js';

const SERVICE = '/cds-services/emd-patient-view';
const PATIENT = 'emd-and-cns';
let server: StubFhirServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const access = (allowed: string) =>
  fhirAccessFor({
    allowedServers: [allowed],
    runnerFor: (url, token) => fhirKitRunner(url, token, { timeoutMs: 5000, maxPages: 5 }),
  });

/** The example request without prefetch, with a token whose fields each test sets. */
function requestWith(fhirServer: string, authorization: Record<string, unknown>) {
  const body = readExampleRequest(PATIENT);
  delete body.prefetch;
  return {
    ...body,
    fhirServer,
    fhirAuthorization: {
      access_token: 'ehr-token',
      token_type: 'Bearer',
      expires_in: 300,
      scope: 'patient/*.read',
      subject: 'emd-cds',
      ...authorization,
    },
  };
}

async function post(authorization: Record<string, unknown>) {
  server = await serveExamplePatient(PATIENT);
  return request(testApp({ fhirAccess: access(server.url) }))
    .post(SERVICE)
    .send(requestWith(server.url, authorization));
}

const rulesOf = (body: unknown) =>
  expectValidHookResponse(body).cards.map((c) => c.extension?.[CARD_EXTENSION.ruleId]);

function issueOf(body: unknown): { expression?: string[]; diagnostics: string } {
  const issue = (body as { issue: { expression?: string[]; diagnostics: string }[] }).issue[0];
  if (!issue) throw new Error('OperationOutcome without an issue');
  return issue;
}

describe('fhirAuthorization.token_type', () => {
  it.each(['bearer', 'BEARER', 'Bearer'])('accepts %s (RFC 6749: case-insensitive)', async (t) => {
    const response = await post({ token_type: t });
    expect(response.status).toBe(200);
    expect(rulesOf(response.body)).toEqual(['emd-cns', 'emd-soft-tissue']);
  });

  it('returns 400 naming fhirAuthorization.token_type for another type', async () => {
    const response = await post({ token_type: 'MAC' });
    expect(response.status).toBe(400);
    expect(issueOf(response.body).expression).toEqual(['fhirAuthorization.token_type']);
  });
});

describe('fhirAuthorization.expires_in', () => {
  it('does not use an expired token: 412 for the Conditions, nothing read', async () => {
    const response = await post({ expires_in: 0 });
    expect(response.status).toBe(412);
    expect(issueOf(response.body).expression).toEqual(['prefetch.conditions']);
    expect(issueOf(response.body).diagnostics).toMatch(/token has expired/);
    expect(server?.requests).toEqual([]);
  });
});

describe('fhirAuthorization.patient', () => {
  it('returns 400 naming fhirAuthorization.patient when it is not context.patientId', async () => {
    const response = await post({ patient: 'someone-else' });
    expect(response.status).toBe(400);
    expect(issueOf(response.body).expression).toEqual(['fhirAuthorization.patient']);
    expect(server?.requests).toEqual([]);
  });

  it('accepts the patient in context', async () => {
    expect((await post({ patient: PATIENT })).status).toBe(200);
  });
});

describe('fhirAuthorization.scope', () => {
  it('reads only what a v1 scope covers and says in the trace what it left out', async () => {
    server = await serveExamplePatient(PATIENT);
    const result = await callService(
      'emd-patient-view',
      requestWith(server.url, { scope: 'launch patient/Condition.read patient/Patient.read' }),
      {
        settings: defaultSettings,
        now: SCENARIO_NOW,
        locale: 'en',
        newUuid: randomUUID,
        fhirAccess: access(server.url),
        metrics: NO_METRICS,
        audit: undefined,
      },
    );
    expect(server.requests.map((r) => r.path.split('?')[0]).sort()).toEqual([
      '/fhir/Condition',
      `/fhir/Patient/${PATIENT}`,
    ]);
    const trace = result.evaluation.trace.map((line) => line.message);
    expect(trace).toContainEqual(
      expect.stringMatching(/^prefetch\.imagingStudies: .*scope does not cover this ImagingStudy/),
    );
    expect(trace).toContainEqual(
      expect.stringMatching(/^prefetch\.imagingReports: .*scope does not cover/),
    );
    expect(result.response.cards.map((c) => c.indicator)).toEqual(['critical', 'warning']);
  });

  it('returns 412 naming the Conditions when a v2 scope does not grant their search', async () => {
    const response = await post({ scope: 'patient/ImagingStudy.rs patient/Condition.r' });
    expect(response.status).toBe(412);
    expect(issueOf(response.body).expression).toEqual(['prefetch.conditions']);
    expect(issueOf(response.body).diagnostics).toMatch(
      /scope does not cover this Condition search \(it needs patient\/Condition\.read or patient\/Condition\.s\)/,
    );
    expect(server?.requests.some((r) => r.path.startsWith('/fhir/Condition'))).toBe(false);
  });
});

describe('scopeCovers (SMART App Launch 1.0 and 2.0 scopes)', () => {
  const rows: [scope: string, type: string, interaction: 'read' | 'search', covers: boolean][] = [
    ['patient/Condition.read', 'Condition', 'search', true],
    ['patient/*.read', 'ImagingStudy', 'search', true],
    ['user/*.*', 'Condition', 'search', true],
    ['system/Condition.read', 'Condition', 'search', true],
    ['patient/Condition.write', 'Condition', 'search', false],
    ['patient/Observation.read', 'Condition', 'search', false],
    ['patient/Condition.rs', 'Condition', 'search', true],
    ['patient/Condition.r', 'Condition', 'search', false],
    ['patient/Patient.r', 'Patient', 'read', true],
    ['patient/Patient.s', 'Patient', 'read', false],
    ['patient/*.cruds', 'DiagnosticReport', 'search', true],
    ['patient/Condition.sr', 'Condition', 'search', false],
    ['patient/Condition.rs?category=problem-list-item', 'Condition', 'search', false],
    ['launch openid fhirUser', 'Condition', 'search', false],
  ];
  it.each(rows)('%s covers a %s %s: %s', (scope, type, interaction, covers) => {
    expect(scopeCovers(scope, type, interaction)).toBe(covers);
  });
});
