/**
 * H108, the Bundle itself: FHIR R4 marks a resource sent only in part with the `meta.tag`
 * SUBSETTED of v3-ObservationValue ("some information has been removed from the source
 * object"), and a Bundle is a resource: tagged so in `Bundle.meta.tag`, the search answer is
 * incomplete, and an entry it lacks is a Condition read as one the patient does not have. CDS
 * Hooks 2.0 §Prefetch asks prefetched data to be "equivalent to the data the CDS Service would
 * receive if it were making its own call": such a key is missing, read afresh from the FHIR
 * server, else 412 for the Conditions. The patients are the examples `emd-skin-at-diagnosis`
 * (emd-soft-tissue, warning) and `leptomeningeal-with-cns` (fhir-resources/examples/README.md).
 */
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { fhirAccessFor } from '../../src/fhir/fhir-access.js';
import { fhirKitRunner } from '../../src/fhir/fhir-kit-runner.js';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';
import { serveExamplePatient, type StubFhirServer } from '../support/stub-fhir-server.js';

const SERVICE = '/cds-services/emd-patient-view';
const PATIENT = 'emd-skin-at-diagnosis';
const V3_OBSERVATION_VALUE = 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue';
/** STU3's spelling of the same code system. */
const V3_OBSERVATION_VALUE_STU3 = 'http://hl7.org/fhir/v3/ObservationValue';
const subsetted = (system: string) => ({ tag: [{ system, code: 'SUBSETTED' }] });
/** fhir-resources/examples/README.md: the skin plasmacytoma's card. */
const SOFT_TISSUE = [['emd-soft-tissue', 'warning']];

type Prefetch = Record<string, fhir4.Bundle | null>;

/** The example with its prefetch keys replaced. */
function skinExample(prefetch: Prefetch) {
  const body = readExampleRequest(PATIENT);
  return { ...body, prefetch: { ...(body.prefetch as Prefetch), ...prefetch } };
}

const keyOf = (key: string) =>
  structuredClone((readExampleRequest(PATIENT).prefetch as Prefetch)[key]);

/**
 * The Conditions as a gateway that cut the answer may send them: only the myeloma is left, the
 * Bundle tagged, and no `total` to tell the shortfall (H78). Read as whole, the patient has no
 * plasmacytoma, and no card.
 */
function myelomaOnly(system: string): fhir4.Bundle {
  const { total: _total, ...conditions } = keyOf('conditions') as fhir4.Bundle;
  return {
    ...conditions,
    meta: subsetted(system),
    entry: (conditions.entry ?? []).filter((e) => e.resource?.id === `${PATIENT}-mm`),
  };
}

const rulesOf = (body: unknown) =>
  expectValidHookResponse(body).cards.map((c) => [
    c.extension?.[CARD_EXTENSION.ruleId],
    c.indicator,
  ]);

describe('a Conditions search Bundle itself marked SUBSETTED is missing', () => {
  for (const system of [V3_OBSERVATION_VALUE, V3_OBSERVATION_VALUE_STU3])
    it(`returns 412 naming prefetch.conditions and why, for the tag under ${system}`, async () => {
      const response = await request(testApp())
        .post(SERVICE)
        .send(skinExample({ conditions: myelomaOnly(system) }));
      expect(response.status).toBe(412);
      const issue = (response.body as { issue: { diagnostics: string; expression: string[] }[] })
        .issue[0];
      expect(issue?.expression).toEqual(['prefetch.conditions']);
      expect(issue?.diagnostics).toContain(
        'the Condition search Bundle is itself marked SUBSETTED (Bundle.meta.tag)',
      );
      expect(issue?.diagnostics).toMatch(/no fhirServer/);
    });

  describe('read afresh from an allowed fhirServer', () => {
    let server: StubFhirServer | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    it("answers with the server's whole Conditions: the skin plasmacytoma's warning", async () => {
      server = await serveExamplePatient(PATIENT);
      const app = testApp({
        fhirAccess: fhirAccessFor({
          allowedServers: [server.url],
          runnerFor: (url, token) => fhirKitRunner(url, token, { timeoutMs: 5000, maxPages: 5 }),
        }),
      });
      const body = {
        ...skinExample({ conditions: myelomaOnly(V3_OBSERVATION_VALUE) }),
        fhirServer: server.url,
      };
      const response = await request(app).post(SERVICE).send(body);
      expect(response.status).toBe(200);
      expect(rulesOf(response.body)).toEqual(SOFT_TISSUE);
      expect(server.requests.map((r) => r.path)).toEqual([`/fhir/Condition?patient=${PATIENT}`]);
    });
  });

  it.each([
    [
      'SUBSETTED under another tag system',
      { system: 'http://example.org/tags', code: 'SUBSETTED' },
    ],
    [
      'another tag of FHIR (common-tags actionable)',
      { system: 'http://terminology.hl7.org/CodeSystem/common-tags', code: 'actionable' },
    ],
  ])("reads a whole Bundle tagged with %s as sent: the example's warning", async (_name, tag) => {
    const conditions = { ...(keyOf('conditions') as fhir4.Bundle), meta: { tag: [tag] } };
    const response = await request(testApp()).post(SERVICE).send(skinExample({ conditions }));
    expect(response.status).toBe(200);
    expect(rulesOf(response.body)).toEqual(SOFT_TISSUE);
  });
});

describe('an imaging search Bundle itself marked SUBSETTED is missing', () => {
  // The imaging keys are optional: missing, the cards say so and propose no scan (H02, H24).
  it.each([
    ['imagingStudies', /Imaging studies could not be obtained/],
    ['imagingReports', /Imaging reports could not be obtained/],
  ])('says %s could not be obtained', async (key, said) => {
    const bundle = { ...(keyOf(key) as fhir4.Bundle), meta: subsetted(V3_OBSERVATION_VALUE) };
    const response = await request(testApp())
      .post(SERVICE)
      .send(skinExample({ [key]: bundle }));
    expect(response.status).toBe(200);
    const { cards } = expectValidHookResponse(response.body);
    expect(rulesOf(response.body)).toEqual(SOFT_TISSUE);
    expect(cards[0]?.detail).toMatch(said);
  });
});

describe('the study under review sent as a search Bundle marked SUBSETTED (H118)', () => {
  it('returns 412 naming prefetch.study', async () => {
    // The imaging-review example for the MR of leptomeningeal-with-cns; the patient's studies
    // are sent as none, so nothing else holds the study under review.
    const body = readExampleRequest('leptomeningeal-with-cns-mr1', 'imagingstudy-review');
    const prefetch = body.prefetch as Record<string, unknown> & { study: fhir4.ImagingStudy };
    const study: fhir4.Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      meta: subsetted(V3_OBSERVATION_VALUE),
      entry: [{ resource: prefetch.study, search: { mode: 'match' } }],
    };
    const response = await request(testApp())
      .post('/cds-services/emd-imaging-review')
      .send({ ...body, prefetch: { ...prefetch, study, imagingStudies: null } });
    expect(response.status).toBe(412);
    const issue = (response.body as { issue: { diagnostics: string; expression: string[] }[] })
      .issue[0];
    expect(issue?.expression).toEqual(['prefetch.study']);
    expect(issue?.diagnostics).toContain(
      'it was sent as a search Bundle that is itself marked SUBSETTED',
    );
  });
});
