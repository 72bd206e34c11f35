/**
 * H110: the hook's own ids are read by the bound the data's ids are (H103): FHIR's characters,
 * `_` and `~`, up to 256. Hospital gateways number patients `ZY_1`; read by FHIR's pattern alone,
 * `context.patientId` `ZY_1` was a 400 on every call, so no card ever for such a patient. The
 * patient is the example `leptomeningeal-with-cns` (fhir-resources/examples/README.md) under the
 * id `ZY_1`: its meningeal plasmacytoma gives the leptomeningeal card, critical, and its relapse
 * the phase `relapsed` (rules page §4, §3.2), with prefetch and from a FHIR server. An id that
 * would not stay one value of a URL's path or query is still a 400 naming the field.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { fhirAccessFor } from '../../src/fhir/fhir-access.js';
import { fhirKitRunner } from '../../src/fhir/fhir-kit-runner.js';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';
import {
  searchset,
  startStubFhirServer,
  type StubFhirServer,
} from '../support/stub-fhir-server.js';

const EXAMPLE = 'leptomeningeal-with-cns';
/** As a hospital gateway numbers its patients. */
const PATIENT_ID = 'ZY_1';
/** The meningeal plasmacytoma: its own id is a FHIR id, only the patient's has `_`. */
const PLASMACYTOMA = `Condition/${EXAMPLE}-pc1`;

type Resource = Record<string, unknown> & { resourceType: string };
type SearchBundle = { entry?: { resource: Resource }[] } | null;

/** The example's request with the patient renamed: its Patient, every subject, the context. */
function requestFor(patientId: string): Record<string, unknown> {
  const text = JSON.stringify(readExampleRequest(EXAMPLE))
    .replaceAll(`"Patient/${EXAMPLE}"`, `"Patient/${patientId}"`)
    .replaceAll(`"id":"${EXAMPLE}"`, `"id":"${patientId}"`)
    .replaceAll(`"patientId":"${EXAMPLE}"`, `"patientId":"${patientId}"`);
  return JSON.parse(text) as Record<string, unknown>;
}

const prefetchOf = (body: Record<string, unknown>) => body['prefetch'] as Record<string, unknown>;
const resourcesOf = (bundle: unknown) =>
  ((bundle as SearchBundle)?.entry ?? []).map((entry) => entry.resource);

function expectLeptomeningealCard(response: request.Response): void {
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const cards = expectValidHookResponse(response.body).cards;
  // Rules page §4: leptomeningeal outranks parenchymal CNS, so one card, critical.
  expect(cards.map((c) => [c.extension?.[CARD_EXTENSION.ruleId], c.indicator])).toEqual([
    ['emd-leptomeningeal', 'critical'],
  ]);
  const [card] = cards;
  expect(card?.extension?.[CARD_EXTENSION.evidence]).toContain(PLASMACYTOMA);
  // §3.2: the myeloma Condition's relapse, read only if its subject Patient/ZY_1 is this patient.
  expect(card?.extension?.[CARD_EXTENSION.phase]).toBe('relapsed');
}

describe('a patient whose id has an underscore (H110)', () => {
  it('gets the critical leptomeningeal card from prefetch, citing the plasmacytoma', async () => {
    const body = requestFor(PATIENT_ID);
    expect(JSON.stringify(body)).toContain(`"subject":{"reference":"Patient/${PATIENT_ID}"}`);
    const response = await request(testApp()).post('/cds-services/emd-patient-view').send(body);
    expectLeptomeningealCard(response);
  });

  it('gets it from a transaction Bundle naming its Patient by urn:uuid', async () => {
    const body = requestFor(PATIENT_ID);
    const prefetch = prefetchOf(body);
    const patientUrl = 'urn:uuid:8c1d3f4e-2b7a-4c55-9d0e-6f1a2b3c4d5e';
    const conditions = resourcesOf(prefetch['conditions']).map((condition) => ({
      fullUrl: `urn:uuid:${randomUUID()}`,
      resource: { ...condition, subject: { reference: patientUrl } },
    }));
    prefetch['conditions'] = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ fullUrl: patientUrl, resource: prefetch['patient'] }, ...conditions],
    };
    const response = await request(testApp()).post('/cds-services/emd-patient-view').send(body);
    expectLeptomeningealCard(response);
  });

  it('takes a user and a token for the patient whose ids have an underscore', async () => {
    const body = requestFor(PATIENT_ID);
    body['context'] = { ...(body['context'] as object), userId: 'Practitioner/ZY_7' };
    const response = await request(testApp()).post('/cds-services/emd-patient-view').send(body);
    expectLeptomeningealCard(response);
  });
});

describe('the same from a FHIR server: its queries carry the id (H110)', () => {
  let server: StubFhirServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** A FHIR server that knows the patient only by its exact id, in a read and in `?patient=`. */
  async function serve(patientId: string, resources: Resource[]): Promise<StubFhirServer> {
    return startStubFhirServer((path) => {
      const url = new URL(path, 'http://stub.invalid');
      const type = /^\/fhir\/([A-Za-z]+)/.exec(url.pathname)?.[1] ?? '';
      if (url.pathname === `/fhir/Patient/${patientId}`)
        return { body: resources.find((r) => r.resourceType === 'Patient') };
      const isThisPatient = url.searchParams.get('patient') === patientId;
      return { body: searchset(resources.filter((r) => isThisPatient && r.resourceType === type)) };
    });
  }

  it('reads the patient ZY_1 and gets the critical leptomeningeal card', async () => {
    const { prefetch, ...rest } = requestFor(PATIENT_ID);
    const sent = prefetch as Record<string, unknown>;
    server = await serve(PATIENT_ID, [
      sent['patient'] as Resource,
      ...resourcesOf(sent['conditions']),
      ...resourcesOf(sent['imagingStudies']),
      ...resourcesOf(sent['imagingReports']),
    ]);
    const app = testApp({
      fhirAccess: fhirAccessFor({
        allowedServers: [server.url],
        runnerFor: (url, token) => fhirKitRunner(url, token, { timeoutMs: 5000, maxPages: 5 }),
      }),
    });
    const response = await request(app)
      .post('/cds-services/emd-patient-view')
      .send({
        ...rest,
        fhirServer: server.url,
        fhirAuthorization: {
          access_token: 'ehr-token',
          token_type: 'Bearer',
          expires_in: 300,
          scope: 'patient/*.read',
          subject: 'emd-cds',
          patient: PATIENT_ID,
        },
      });
    expectLeptomeningealCard(response);
    const paths = server.requests.map((r) => r.path);
    expect(paths).toContain(`/fhir/Patient/${PATIENT_ID}`);
    expect(paths).toContain(`/fhir/Condition?patient=${PATIENT_ID}`);
  });
});

describe('an id that would not stay one value of a URL: 400 naming the field (H110)', () => {
  /** A blank, a path, a query, a fragment, a percent escape, another parameter; too long. */
  const unsafe: [string, string][] = [
    ['empty', ''],
    ['a blank', ' '],
    ['with a blank', 'ZY 1'],
    ['with "/"', 'ZY/1'],
    ['with "?"', 'ZY?1'],
    ['with "#"', 'ZY#1'],
    ['with "%"', 'ZY%5F1'],
    ['with "&"', 'ZY&1'],
    ['of 257 characters', `ZY_${'1'.repeat(254)}`],
    // RFC 3986 §5.2.4: "." and ".." are dot-segments of a URL's path; `ImagingStudy/.` was read
    // as `ImagingStudy/`, a search of every study the token may see (probe 12).
    ['"."', '.'],
    ['".."', '..'],
    ['"..."', '...'],
  ];

  async function expect400(
    service: string,
    context: Record<string, unknown>,
    field: string,
  ): Promise<void> {
    const body = {
      hook: service === 'emd-patient-view' ? 'patient-view' : 'org.emd-cds.imagingstudy-review',
      hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
      context,
    };
    const response = await request(testApp()).post(`/cds-services/${service}`).send(body);
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    const { resourceType, issue } = response.body as {
      resourceType: string;
      issue: { expression?: string[]; diagnostics: string }[];
    };
    expect(resourceType).toBe('OperationOutcome');
    expect(issue.map((i) => i.expression)).toEqual([[field]]);
    expect(issue[0]?.diagnostics).toMatch(
      new RegExp(`^${field.replace('.', '\\.')}: must be an id`),
    );
  }

  it.each(unsafe)('refuses context.patientId %s', async (_what, id) => {
    await expect400(
      'emd-patient-view',
      { userId: 'Practitioner/1', patientId: id },
      'context.patientId',
    );
  });

  it.each(unsafe)('refuses context.encounterId %s', async (_what, id) => {
    const context = { userId: 'Practitioner/1', patientId: PATIENT_ID, encounterId: id };
    await expect400('emd-patient-view', context, 'context.encounterId');
  });

  it.each(unsafe)('refuses context.imagingStudyId %s', async (_what, id) => {
    const context = { userId: 'Practitioner/1', patientId: PATIENT_ID, imagingStudyId: id };
    await expect400('emd-imaging-review', context, 'context.imagingStudyId');
  });

  it.each([
    'Practitioner/ZY?7',
    'Practitioner/',
    'Practitioner',
    'PractitionerZY_7',
    'Device/ZY_7',
  ])('refuses context.userId %j', async (userId) => {
    const response = await request(testApp())
      .post('/cds-services/emd-patient-view')
      .send({
        hook: 'patient-view',
        hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
        context: { userId, patientId: PATIENT_ID },
      });
    expect(response.status).toBe(400);
    const { issue } = response.body as { issue: { expression?: string[] }[] };
    expect(issue.map((i) => i.expression)).toEqual([['context.userId']]);
  });
});
