/**
 * H92: rules page §2 drops a Condition, ImagingStudy or DiagnosticReport that is not the hook
 * patient's, and one that names no patient is not (H09). Old exports carry such entries: a
 * Condition with no `subject`, or a DSTU2 one with `patient` in its place. Each is dropped with
 * its trace line, and the rest of the record is read: the hook call answers 200 with the
 * card the rest gives, with prefetch and from the FHIR server. A subject that is present but
 * malformed is still malformed data (H37): 412 naming it.
 */
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { fhirAccessFor } from '../../src/fhir/fhir-access.js';
import { fhirKitRunner } from '../../src/fhir/fhir-kit-runner.js';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';
import {
  searchset,
  serveExamplePatient,
  type StubFhirServer,
} from '../support/stub-fhir-server.js';

const SERVICE = '/cds-services/emd-patient-view';
/** Its meningeal plasmacytoma gives the leptomeningeal card (fhir-resources/examples/README.md). */
const PATIENT = 'leptomeningeal-with-cns';

/** An old, resolved skin plasmacytoma (rules page §5: C90.20, skin 39937001), as exported. */
function oldSkinPlasmacytoma(id: string, whose: Record<string, unknown>) {
  return {
    resourceType: 'Condition',
    id,
    ...whose,
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'resolved' },
      ],
    },
    code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'C90.20' }] },
    bodySite: [{ coding: [{ system: 'http://snomed.info/sct', code: '39937001' }] }],
    onsetDateTime: '2019-03-01',
    abatementDateTime: '2019-09-01',
  };
}

/** A subject-less MR brain study: rules page §3.4 would count it, were it the patient's. */
const subjectlessStudy = {
  resourceType: 'ImagingStudy',
  id: 'old-mr',
  status: 'available',
  started: '2026-10-20T09:00:00Z',
  modality: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'MR' }],
};

const NO_SUBJECT = {};
const DSTU2_PATIENT = { patient: { reference: `Patient/${PATIENT}` } };

type Prefetch = Record<string, { entry?: unknown[] } | null>;

function withExtra(key: 'conditions' | 'imagingStudies', resources: object[]) {
  const body = readExampleRequest(PATIENT);
  const prefetch = body.prefetch as Prefetch;
  const bundle = prefetch[key] ?? { entry: [] };
  prefetch[key] = {
    ...bundle,
    entry: [...(bundle.entry ?? []), ...resources.map((resource) => ({ resource }))],
  };
  return body;
}

const rulesOf = (body: unknown) =>
  expectValidHookResponse(body).cards.map((c) => [
    c.extension?.[CARD_EXTENSION.ruleId],
    c.indicator,
  ]);
/** Rules page §4: leptomeningeal outranks parenchymal CNS; one critical card. */
const LEPTOMENINGEAL = [['emd-leptomeningeal', 'critical']];

describe('a resource with no subject is dropped and the rest is read (H92)', () => {
  it.each([
    ['a Condition with no subject', NO_SUBJECT],
    ['a DSTU2 Condition with `patient` in place of `subject`', DSTU2_PATIENT],
  ])('answers 200 with the critical card beside %s', async (_name, whose) => {
    const body = withExtra('conditions', [oldSkinPlasmacytoma('old-skin', whose)]);
    const response = await request(testApp()).post(SERVICE).send(body);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual(LEPTOMENINGEAL);
  });

  it('answers 200 beside an imaging study with no subject', async () => {
    const body = withExtra('imagingStudies', [subjectlessStudy]);
    const response = await request(testApp()).post(SERVICE).send(body);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual(LEPTOMENINGEAL);
    // The patient's own studies were read: H02's words for imaging that was not are absent.
    const [card] = expectValidHookResponse(response.body).cards;
    expect(card?.detail).not.toContain('Imaging studies could not be obtained');
  });

  it('raises nothing from a subject-less meningeal plasmacytoma', async () => {
    // The example's myeloma alone, and its meningeal plasmacytoma without its subject.
    const body = readExampleRequest(PATIENT);
    const prefetch = body.prefetch as {
      conditions: { total?: number; entry: { resource: Partial<fhir4.Condition> }[] };
      imagingReports: unknown;
    };
    // Its MRI report names the plasmacytoma, which would then be "not on the problem list"
    // (rules page §4), rightly: null (no reports) keeps this to the Condition.
    prefetch.imagingReports = null;
    // Its brain plasmacytoma left out, so the search's total is the two it holds.
    prefetch.conditions.total = 2;
    prefetch.conditions.entry = prefetch.conditions.entry.flatMap((e) => {
      if (e.resource.id === `${PATIENT}-mm`) return [e];
      if (e.resource.id !== `${PATIENT}-pc1`) return [];
      const { subject: _dropped, ...rest } = e.resource;
      return [{ ...e, resource: rest }];
    });
    const response = await request(testApp()).post(SERVICE).send(body);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual([]);
  });
});

describe('a subject that is present but malformed is still malformed data (H37)', () => {
  it.each([
    ['a string', `Patient/${PATIENT}`],
    ['a reference that is a number', { reference: 42 }],
  ])(
    'returns 412 naming the subject of a Condition whose subject is %s',
    async (_name, subject) => {
      const body = withExtra('conditions', [
        { ...oldSkinPlasmacytoma('old-skin', NO_SUBJECT), subject },
      ]);
      const response = await request(testApp()).post(SERVICE).send(body);
      expect(response.status).toBe(412);
      const { issue } = response.body as { issue: { diagnostics: string; expression: string[] }[] };
      expect(issue[0]?.expression).toEqual(['prefetch.conditions']);
      expect(issue[0]?.diagnostics).toMatch(/entry\[\d+\]\.resource is not valid \(subject/);
    },
  );
});

describe('the same from the FHIR server (H92)', () => {
  let server: StubFhirServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("answers 200 with the critical card when the server's search holds a subject-less Condition", async () => {
    const example = readExampleRequest(PATIENT);
    const own = (example.prefetch as { conditions: { entry: { resource: object }[] } }).conditions
      .entry;
    server = await serveExamplePatient(PATIENT, {
      // A server that matched the old entry by a patient index the resource itself lacks.
      Condition: {
        body: searchset([
          ...own.map((e) => e.resource),
          oldSkinPlasmacytoma('old-skin', NO_SUBJECT),
          oldSkinPlasmacytoma('old-skin-dstu2', DSTU2_PATIENT),
        ]),
      },
      ImagingStudy: { body: searchset([subjectlessStudy]) },
    });
    const { prefetch: _sent, ...rest } = example;
    const app = testApp({
      fhirAccess: fhirAccessFor({
        allowedServers: [server.url],
        runnerFor: (url, token) => fhirKitRunner(url, token, { timeoutMs: 5000, maxPages: 5 }),
      }),
    });
    const response = await request(app)
      .post(SERVICE)
      .send({
        ...rest,
        fhirServer: server.url,
        fhirAuthorization: {
          access_token: 'ehr-token',
          token_type: 'Bearer',
          expires_in: 300,
          scope: 'patient/*.read',
          subject: 'emd-cds',
        },
      });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual(LEPTOMENINGEAL);
  });
});
