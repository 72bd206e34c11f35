/**
 * H145 (probe 15, family B): a history's entries passed on as a Conditions search answer (a
 * proxy that relabels `Bundle.type` history as searchset). FHIR R4 bdl-3 allows
 * `entry.request` only in a batch, transaction or history, where a DELETE is the version that
 * deleted the resource. A brain plasmacytoma whose newest entry is such a DELETE must raise no
 * card (rules page §6, the brief's oracle: data the record withdrew): the answer is refused as
 * a history Bundle is (CDS Hooks 2.0 §Prefetch: prefetched data "MUST be equivalent to the data
 * the CDS Service would receive if it were making its own call"), so the key is missing: read
 * afresh from `fhirServer`, else 412. Cards expected from rules page §4: a relapsed patient's
 * active brain plasmacytoma → `emd-cns`, critical.
 */
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { fhirAccessFor } from '../../src/fhir/fhir-access.js';
import { fhirKitRunner } from '../../src/fhir/fhir-kit-runner.js';
import { patientViewRequest, testApp } from '../support/app.js';
import {
  searchset,
  startStubFhirServer,
  type StubFhirServer,
} from '../support/stub-fhir-server.js';

const SERVICE = '/cds-services/emd-patient-view';
const BASE = 'https://ehr.example.org/fhir';
const subject = { reference: 'Patient/p-del' };
const ICD_10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';
/** Multiple myeloma in relapse (rules page §5: C90.02). */
const myeloma = {
  resourceType: 'Condition',
  id: 'mm',
  subject,
  code: { coding: [{ system: ICD_10_CM, code: 'C90.02' }] },
  onsetDateTime: '2024-01-01',
};
/** A brain plasmacytoma (C90.20, SNOMED CT 12738006), version `n`. */
const brainPlasmacytoma = (version: number) => ({
  resourceType: 'Condition',
  id: 'pc',
  meta: { versionId: String(version), lastUpdated: `2026-10-2${String(version)}T10:00:00Z` },
  subject,
  code: { coding: [{ system: ICD_10_CM, code: 'C90.20' }] },
  bodySite: [{ coding: [{ system: 'http://snomed.info/sct', code: '12738006' }] }],
  onsetDateTime: '2026-10-20',
});
const entryOf = (resource: { resourceType: string; id: string }, extra: object = {}) => ({
  fullUrl: `${BASE}/${resource.resourceType}/${resource.id}`,
  resource,
  ...extra,
});
const deletion = { method: 'DELETE', url: 'Condition/pc/_history/3' };

/** History's entries, newest first, under type searchset. */
const relabelledHistory = (deleteEntry: object) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  entry: [
    deleteEntry,
    entryOf(brainPlasmacytoma(2), { request: { method: 'PUT', url: 'Condition/pc' } }),
    entryOf(brainPlasmacytoma(1), { request: { method: 'POST', url: 'Condition' } }),
    entryOf(myeloma, { request: { method: 'POST', url: 'Condition' } }),
  ],
});
/** The DELETE entry as some servers write it, with the resource's last content. */
const withResource = relabelledHistory(
  entryOf(brainPlasmacytoma(3), { request: deletion, response: { status: '204 No Content' } }),
);
/** The DELETE entry as FHIR R4 history writes it: no resource. */
const withoutResource = relabelledHistory({ request: deletion });

const prefetchOf = (conditions: object) => ({
  patient: { resourceType: 'Patient', id: 'p-del' },
  conditions,
  imagingStudies: searchset([]),
  imagingReports: searchset([]),
});
const rulesOf = (body: unknown) =>
  (
    (body as { cards?: { indicator: string; extension?: Record<string, unknown> }[] }).cards ?? []
  ).map((card) => [card.extension?.[CARD_EXTENSION.ruleId], card.indicator]);

let server: StubFhirServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("a Conditions search answer holding a history's DELETE (H145)", () => {
  it.each([
    ['carrying the deleted version', withResource],
    ['without a resource', withoutResource],
  ])(
    'the DELETE %s: 412 naming prefetch.conditions and why, never the critical card',
    async (_name, conditions) => {
      const response = await request(testApp())
        .post(SERVICE)
        .send(patientViewRequest('p-del', prefetchOf(conditions)));
      expect(rulesOf(response.body)).toEqual([]);
      expect(response.status).toBe(412);
      const issue = (response.body as { issue: { diagnostics: string; expression: string[] }[] })
        .issue[0];
      expect(issue?.expression).toEqual(['prefetch.conditions']);
      expect(issue?.diagnostics).toContain(
        "entry[0] records a deletion (request.method DELETE), as a history's entries do: not a search's result",
      );
    },
  );

  it('is read afresh from the fhirServer, whose search no longer holds the deleted Condition', async () => {
    server = await startStubFhirServer(() => ({ body: searchset([myeloma]) }));
    const app = testApp({
      fhirAccess: fhirAccessFor({
        allowedServers: [server.url],
        runnerFor: (url, token) => fhirKitRunner(url, token, { timeoutMs: 5000, maxPages: 5 }),
      }),
    });
    const body = {
      ...patientViewRequest('p-del', prefetchOf(withResource)),
      fhirServer: server.url,
    };
    const response = await request(app).post(SERVICE).send(body);
    expect(response.status).toBe(200);
    expect(rulesOf(response.body)).toEqual([]);
    expect(server.requests.map((r) => r.path)).toEqual(['/fhir/Condition?patient=p-del']);
  });

  it('still reads the same versions with no DELETE among them: the latest, and its card', async () => {
    const live = relabelledHistory(
      entryOf(brainPlasmacytoma(3), { request: { method: 'PUT', url: 'Condition/pc' } }),
    );
    const response = await request(testApp())
      .post(SERVICE)
      .send(patientViewRequest('p-del', prefetchOf(live)));
    expect(response.status).toBe(200);
    expect(rulesOf(response.body)).toEqual([['emd-cns', 'critical']]);
  });
});
