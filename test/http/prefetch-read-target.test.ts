/**
 * A read prefetch must hold the resource its template names (docs/clinical-safety.md H95).
 * CDS Hooks 2.0 §Prefetch (../shared/spec/cds-hooks.md §1.4): "It is the CDS Service's
 * responsibility to check prefetched data against its template to determine what requests
 * were satisfied (if any) and to programmatically retrieve any additional necessary data";
 * "If the CDS Service is unable to obtain required data because it cannot access the FHIR
 * server and the request did not contain the necessary prefetch keys, the service SHALL respond
 * with an HTTP 412 Precondition Failed status code."
 *
 * The imaging-review example for the PET/CT of emd-and-cns is sent with `prefetch.study`
 * holding the patient's MR study instead (`context.imagingStudyId` still names the PET/CT).
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
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

const SERVICE = '/cds-services/emd-imaging-review';
const PET = 'emd-and-cns-pet1';
const MR = 'emd-and-cns-mr1';
/** Rules page §4 emd-imaging-review: a PET of a myeloma patient (test/examples-expected.ts). */
const PET_CARDS = [['emd-imaging-review', 'info']];
const WRONG_STUDY = `it holds ImagingStudy/${MR}, not the ImagingStudy/${PET} its template names`;

let server: StubFhirServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Studies {
  total?: number;
  entry: { resource: fhir4.ImagingStudy }[];
}

/**
 * The PET/CT example with `prefetch.study` holding the MR study; `keepPet` leaves the PET/CT
 * among `prefetch.imagingStudies` (else it and its count are taken out).
 */
function wrongStudyRequest(keepPet: boolean, extra: Record<string, unknown> = {}) {
  const body = readExampleRequest(PET, 'imagingstudy-review');
  const prefetch = body.prefetch as Record<string, unknown> & { imagingStudies: Studies };
  const studies = prefetch.imagingStudies;
  const mr = studies.entry.find((e) => e.resource.id === MR)?.resource;
  expect(mr).toBeDefined();
  const entry = keepPet ? studies.entry : studies.entry.filter((e) => e.resource.id !== PET);
  return {
    ...body,
    ...extra,
    prefetch: {
      ...prefetch,
      study: mr,
      imagingStudies: { ...studies, entry, ...(studies.total ? { total: entry.length } : {}) },
    },
  };
}

const rulesOf = (body: unknown) =>
  expectValidHookResponse(body).cards.map((c) => [
    c.extension?.[CARD_EXTENSION.ruleId],
    c.indicator,
  ]);

function fhirAccess(allowed: string[]) {
  return fhirAccessFor({
    allowedServers: allowed,
    runnerFor: (url, token) => fhirKitRunner(url, token, { timeoutMs: 5000, maxPages: 5 }),
  });
}

describe('a read prefetch holding another resource than its template names', () => {
  it('answers the unmodified example with the PET/CT review card', async () => {
    const response = await request(testApp())
      .post(SERVICE)
      .send(readExampleRequest(PET, 'imagingstudy-review'));
    expect(response.status).toBe(200);
    expect(rulesOf(response.body)).toEqual(PET_CARDS);
  });

  it('returns 412 naming both studies when the study is nowhere else and there is no fhirServer', async () => {
    const response = await request(testApp()).post(SERVICE).send(wrongStudyRequest(false));
    expect(response.status).toBe(412);
    const issue = (
      response.body as { issue: { code: string; diagnostics: string; expression: string[] }[] }
    ).issue[0];
    expect(issue?.code).toBe('processing');
    expect(issue?.expression).toEqual(['prefetch.study']);
    expect(issue?.diagnostics).toContain(WRONG_STUDY);
    expect(issue?.diagnostics).toMatch(/no fhirServer/);
  });

  it('reads the study its template names from an allowed fhirServer, and says why', async () => {
    server = await serveExamplePatient('emd-and-cns');
    const body = wrongStudyRequest(false, { fhirServer: server.url });
    const response = await request(testApp({ fhirAccess: fhirAccess([server.url]) }))
      .post(SERVICE)
      .send(body);
    expect(response.status).toBe(200);
    expect(rulesOf(response.body)).toEqual(PET_CARDS);
    expect(server.requests.map((r) => r.path)).toEqual([`/fhir/ImagingStudy/${PET}`]);

    const result = await callService('emd-imaging-review', body, {
      settings: defaultSettings,
      now: SCENARIO_NOW,
      locale: 'en',
      newUuid: randomUUID,
      fhirAccess: fhirAccess([server.url]),
      metrics: NO_METRICS,
      audit: undefined,
    });
    expect(result.provenance.study).toBe('fhir');
    expect(result.evaluation.trace.map((line) => line.message)).toContain(
      `prefetch.study was not used, as ${WRONG_STUDY}; it was read from the FHIR server instead`,
    );
  });

  it('takes the study from prefetch.imagingStudies when it is there and there is no fhirServer', async () => {
    const response = await request(testApp()).post(SERVICE).send(wrongStudyRequest(true));
    expect(response.status).toBe(200);
    expect(rulesOf(response.body)).toEqual(PET_CARDS);
  });

  it('reads the Patient its template names when prefetch.patient holds another', async () => {
    server = await serveExamplePatient('emd-and-cns');
    const body = readExampleRequest(PET, 'imagingstudy-review');
    const prefetch = body.prefetch as { patient: fhir4.Patient };
    const response = await request(testApp({ fhirAccess: fhirAccess([server.url]) }))
      .post(SERVICE)
      .send({
        ...body,
        fhirServer: server.url,
        prefetch: { ...prefetch, patient: { ...prefetch.patient, id: 'another-patient' } },
      });
    expect(response.status).toBe(200);
    expect(rulesOf(response.body)).toEqual(PET_CARDS);
    expect(server.requests.map((r) => r.path)).toEqual(['/fhir/Patient/emd-and-cns']);
  });
});

/**
 * H118: clients that run every prefetch as a search send the study under review as a searchset.
 * CDS Hooks 2.0 §Prefetch: the service checks prefetched data against its template; a whole
 * search Bundle whose one result is the study the template names is that read. The PET/CT is
 * taken out of `prefetch.imagingStudies`, so only `prefetch.study` can bring it.
 */
describe('a read prefetch sent as a search Bundle', () => {
  function searchedStudyRequest(...ids: string[]) {
    const body = readExampleRequest(PET, 'imagingstudy-review');
    const prefetch = body.prefetch as Record<string, unknown> & { imagingStudies: Studies };
    const studies = prefetch.imagingStudies;
    const byId = (id: string) => studies.entry.find((e) => e.resource.id === id)?.resource;
    const entry = studies.entry.filter((e) => e.resource.id !== PET);
    return {
      ...body,
      prefetch: {
        ...prefetch,
        study: {
          resourceType: 'Bundle',
          type: 'searchset',
          total: ids.length,
          entry: ids.map((id) => ({ resource: byId(id), search: { mode: 'match' } })),
        },
        imagingStudies: { ...studies, entry, ...(studies.total ? { total: entry.length } : {}) },
      },
    };
  }

  const firstIssue = (body: unknown) =>
    (body as { issue: { diagnostics: string; expression: string[] }[] }).issue[0];

  it('reads its one result, the study the template names: the PET/CT review card', async () => {
    const response = await request(testApp()).post(SERVICE).send(searchedStudyRequest(PET));
    expect(response.status).toBe(200);
    expect(rulesOf(response.body)).toEqual(PET_CARDS);
  });

  it('returns 412 naming both studies when its one result is another study', async () => {
    const response = await request(testApp()).post(SERVICE).send(searchedStudyRequest(MR));
    expect(response.status).toBe(412);
    expect(firstIssue(response.body)?.expression).toEqual(['prefetch.study']);
    expect(firstIssue(response.body)?.diagnostics).toContain(WRONG_STUDY);
  });

  it('returns 412 when it holds two studies: which one is the read is not for the service to guess', async () => {
    const response = await request(testApp()).post(SERVICE).send(searchedStudyRequest(PET, MR));
    expect(response.status).toBe(412);
    expect(firstIssue(response.body)?.expression).toEqual(['prefetch.study']);
    expect(firstIssue(response.body)?.diagnostics).toContain(
      'a read of one ImagingStudy was sent as a search Bundle not holding exactly one',
    );
  });
});
