/**
 * CDS Hooks 2.0 §Prefetch: each key is provided, null (no data) or missing (absent, an
 * OperationOutcome, not valid FHIR, or one page of several). Conditions are required;
 * imaging and reports only switch off what needs them. A malformed Condition no rule could
 * read is left out rather than making them missing (docs/clinical-safety.md H37).
 */
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { fhirAccessFor } from '../../src/fhir/fhir-access.js';
import { fhirKitRunner } from '../../src/fhir/fhir-kit-runner.js';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';
import { serveExamplePatient, type StubFhirServer } from '../support/stub-fhir-server.js';

const SERVICE = '/cds-services/emd-patient-view';
const operationOutcome = {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'forbidden', diagnostics: 'no access' }],
};

/** The EMD-at-diagnosis example with prefetch keys replaced or removed (undefined). */
function skinExample(prefetch: Record<string, unknown>) {
  const body = readExampleRequest('emd-skin-at-diagnosis');
  const merged = Object.fromEntries(
    Object.entries({ ...(body.prefetch as Record<string, unknown>), ...prefetch }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  return { ...body, prefetch: merged };
}

/** A search Bundle whose one Condition has the given (malformed) fields. */
function bundleWithCondition(fields: Record<string, unknown>) {
  const resource = {
    resourceType: 'Condition',
    subject: { reference: 'Patient/emd-skin-at-diagnosis' },
    ...fields,
  };
  return { resourceType: 'Bundle', type: 'searchset', entry: [{ resource }] };
}

const ICD_10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';
/** Multiple myeloma not in remission (rules page §5). */
const MYELOMA_CODE = { coding: [{ system: ICD_10_CM, code: 'C90.00' }] };

const conditionsOf = () =>
  (readExampleRequest('emd-skin-at-diagnosis').prefetch as { conditions: fhir4.Bundle }).conditions;

describe('412 when the required Conditions cannot be had', () => {
  const missing: [string, unknown][] = [
    ['absent', undefined],
    ['an OperationOutcome', operationOutcome],
    ['a Patient instead of a Bundle', { resourceType: 'Patient', id: 'x' }],
    ['a string', '<html>502 Bad Gateway</html>'],
    ['a Bundle holding a malformed Condition', bundleWithCondition({ code: 'C90.00' })],
    [
      // The onset alone would be read as undatable (H102); the status decides a card.
      'a Bundle whose myeloma Condition has a status written as a number (a legacy code) beside an unparseable onset',
      bundleWithCondition({
        code: MYELOMA_CODE,
        clinicalStatus: 1,
        onsetDateTime: 'last spring',
      }),
    ],
    [
      // A batch's answer passed on as the prefetch: the Conditions sit inside its entries'
      // Bundles, where a search answer's reader never looks (it would find none: no card).
      'a batch-response whose entry holds the Conditions search',
      {
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: [{ resource: conditionsOf(), response: { status: '200 OK' } }],
      },
    ],
    [
      // CDS Hooks 2.0 §Prefetch: services SHOULD check prefetched data for OperationOutcomes.
      'a searchset with the Conditions and an outcome entry reporting an error',
      {
        ...conditionsOf(),
        entry: [
          ...(conditionsOf().entry ?? []),
          { resource: operationOutcome, search: { mode: 'outcome' } },
        ],
      },
    ],
    [
      'a searchset whose only entry is an OperationOutcome reporting an error',
      { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: operationOutcome }] },
    ],
    [
      'a batch-response whose entry failed (response.status 500 and its outcome)',
      {
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: [{ response: { status: '500 Internal Server Error', outcome: operationOutcome } }],
      },
    ],
    [
      // FHIR R4 history: the plasmacytoma deleted since, listed before its earlier version.
      'a history Bundle in which the plasmacytoma was deleted',
      {
        resourceType: 'Bundle',
        type: 'history',
        entry: [
          {
            request: { method: 'DELETE', url: 'Condition/emd-skin-at-diagnosis-pc1' },
            response: { status: '204 No Content' },
          },
          ...(conditionsOf().entry ?? []).map((entry) => ({
            ...entry,
            request: { method: 'PUT', url: `Condition/${entry.resource?.id ?? ''}` },
            response: { status: '200 OK' },
          })),
        ],
      },
    ],
    // CDS Hooks 2.0 §Prefetch: prefetched data "MUST be equivalent to the data the CDS Service
    // would receive if it were making its own call"; FHIR R4 Bundle.total is the number of
    // matches of the whole search.
    [
      'a search Bundle that declares 4 results and sends none (a count)',
      { resourceType: 'Bundle', type: 'searchset', total: 4 },
    ],
    [
      'a search Bundle that declares more results than it sends, with no next link',
      { ...conditionsOf(), total: (conditionsOf().entry ?? []).length + 6 },
    ],
    [
      'the first page of a paginated search',
      {
        ...conditionsOf(),
        link: [{ relation: 'next', url: 'https://ehr.example/fhir/Condition?page=2' }],
      },
    ],
  ];
  for (const [name, value] of missing) {
    it(`returns 412 naming prefetch.conditions when it is ${name} and there is no fhirServer`, async () => {
      const response = await request(testApp())
        .post(SERVICE)
        .send(skinExample({ conditions: value }));
      expect(response.status).toBe(412);
      const outcome = response.body as {
        resourceType: string;
        issue: { code: string; diagnostics: string; expression: string[] }[];
      };
      expect(outcome.resourceType).toBe('OperationOutcome');
      expect(outcome.issue[0]?.expression).toEqual(['prefetch.conditions']);
      expect(outcome.issue[0]?.code).toBe('processing');
      expect(outcome.issue[0]?.diagnostics).toMatch(/no fhirServer/);
    });
  }

  it('returns 412 when the request has no prefetch at all', async () => {
    const body = readExampleRequest('emd-skin-at-diagnosis');
    delete body.prefetch;
    const response = await request(testApp()).post(SERVICE).send(body);
    expect(response.status).toBe(412);
  });

  it('says why a fhirServer that is present cannot be used', async () => {
    const body = {
      ...skinExample({ conditions: undefined }),
      fhirServer: 'https://ehr.example/fhir',
    };
    const response = await request(testApp()).post(SERVICE).send(body);
    expect(response.status).toBe(412);
    expect(JSON.stringify(response.body)).toMatch(/not one this service is configured to call/);
  });

  it('names the setting that allows a fhirServer, and the form compared, without echoing the URL', async () => {
    // A URL may carry identifiers or credentials (docs/security.md): the client knows what it sent.
    // (A query is no part of a FHIR base URL: 400, test/http/fhir-authorization-fields.test.ts.)
    const fhirServer = 'https://user:secret@ehr.example/fhir/tenant-t1';
    const body = { ...skinExample({ conditions: undefined }), fhirServer };
    const response = await request(testApp()).post(SERVICE).send(body);
    expect(response.status).toBe(412);
    const diagnostics = (response.body as { issue: { diagnostics: string }[] }).issue[0]
      ?.diagnostics;
    expect(diagnostics).toContain(
      'its fhirServer is not one this service is configured to call: allow it in FHIR_SERVERS (fhir.allowedServers in the config file), as scheme://host:port/path, compared as RFC 3986 reads URIs (scheme and host in any case, a default port or not, no trailing slash; the case of the path counts; localhost and 127.0.0.1 differ)',
    );
    expect(diagnostics).not.toMatch(/secret|tenant|ehr\.example/);
  });
});

describe('data the client says it does not have', () => {
  it('treats null Conditions as no data: 200 and no cards', async () => {
    const response = await request(testApp())
      .post(SERVICE)
      .send(skinExample({ conditions: null }));
    expect(response.status).toBe(200);
    expect(expectValidHookResponse(response.body).cards).toEqual([]);
  });

  it('treats an empty searchset as no Conditions', async () => {
    const response = await request(testApp())
      .post(SERVICE)
      .send(skinExample({ conditions: { resourceType: 'Bundle', type: 'searchset', total: 0 } }));
    expect(response.status).toBe(200);
    expect(expectValidHookResponse(response.body).cards).toEqual([]);
  });
});

describe('optional data only switches off what needs it', () => {
  const softTissueCard = async (prefetch: Record<string, unknown>) => {
    const response = await request(testApp()).post(SERVICE).send(skinExample(prefetch));
    expect(response.status).toBe(200);
    const card = expectValidHookResponse(response.body).cards.find(
      (c) => c.extension?.[CARD_EXTENSION.ruleId] === 'emd-soft-tissue',
    );
    expect(card?.indicator).toBe('warning');
    return card?.detail ?? '';
  };

  it('still warns without imaging studies, and says imaging was not checked', async () => {
    const detail = await softTissueCard({ imagingStudies: undefined });
    expect(detail).toMatch(/Imaging studies could not be read/);
    expect(detail).toMatch(/Imaging studies could not be obtained/);
  });

  it('says imaging was not obtained when its search page reports an error', async () => {
    const failed = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [{ resource: operationOutcome, search: { mode: 'outcome' } }],
    };
    expect(await softTissueCard({ imagingStudies: failed })).toMatch(
      /Imaging studies could not be obtained/,
    );
  });

  it('reads a search page whose outcome entry is only a warning', async () => {
    const studies = structuredClone(
      (readExampleRequest('emd-skin-at-diagnosis').prefetch as { imagingStudies: fhir4.Bundle })
        .imagingStudies,
    );
    studies.entry = [
      ...(studies.entry ?? []),
      {
        resource: {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'warning', code: 'processing' }],
        } as fhir4.OperationOutcome,
        search: { mode: 'outcome' },
      },
    ];
    expect(await softTissueCard({ imagingStudies: studies })).not.toMatch(/could not be/);
  });

  it('still warns when imaging is an OperationOutcome', async () => {
    expect(
      await softTissueCard({ imagingStudies: operationOutcome, imagingReports: operationOutcome }),
    ).toMatch(/Imaging reports could not be obtained/);
  });

  it('counts null imaging as "no imaging" and says no PET/CT was found', async () => {
    expect(await softTissueCard({ imagingStudies: null })).toMatch(
      /No PET\/CT or whole-body CT\/MRI in the last 180 days/,
    );
  });

  it('names a PET/CT within the lookback, and ignores one before it', async () => {
    const studies = structuredClone(
      (readExampleRequest('emd-skin-at-diagnosis').prefetch as { imagingStudies: fhir4.Bundle })
        .imagingStudies,
    );
    expect(await softTissueCard({ imagingStudies: studies })).toMatch(
      /No PET\/CT or whole-body CT\/MRI in the last 180 days/,
    );
    const pet = studies.entry?.[0]?.resource as fhir4.ImagingStudy;
    pet.started = '2026-10-01T08:00:00Z';
    expect(await softTissueCard({ imagingStudies: studies })).toMatch(
      /Recent whole-body imaging \(last 180 days\): FDG PET\/CT whole body 2026-10-01/,
    );
  });

  it('needs no Patient resource', async () => {
    await softTissueCard({ patient: undefined });
  });
});

describe('a malformed Condition no rule reads is left out (real exports)', () => {
  /** How old or foreign data arrive in a hospital's export (a status written as a number, an HL7 v2 date). */
  const LEGACY_FIELDS = {
    clinicalStatus: 1,
    verificationStatus: 1,
    onsetDateTime: '20190101',
  };
  /** The skin example's Conditions, plus one more with the legacy fields. */
  const withLegacyCondition = (fields: Record<string, unknown>) => {
    const conditions = structuredClone(conditionsOf());
    conditions.entry = [
      ...(conditions.entry ?? []),
      {
        resource: {
          resourceType: 'Condition',
          id: 'legacy-1',
          subject: { reference: 'Patient/emd-skin-at-diagnosis' },
          ...LEGACY_FIELDS,
          ...fields,
        } as unknown as fhir4.Condition,
      },
    ];
    return skinExample({ conditions });
  };

  it('still warns of the skin plasmacytoma beside a malformed hypertension entry', async () => {
    const response = await request(testApp())
      .post(SERVICE)
      .send(
        withLegacyCondition({
          code: { coding: [{ system: ICD_10_CM, code: 'I10', display: 'Essential hypertension' }] },
        }),
      );
    expect(response.status).toBe(200);
    const cards = expectValidHookResponse(response.body).cards;
    const card = cards.find((c) => c.extension?.[CARD_EXTENSION.ruleId] === 'emd-soft-tissue');
    expect(card?.indicator).toBe('warning');
    expect(JSON.stringify(cards)).not.toContain('legacy-1');
  });

  it('leaves out a malformed Condition with no code at all', async () => {
    const response = await request(testApp()).post(SERVICE).send(withLegacyCondition({}));
    expect(response.status).toBe(200);
  });

  const related: [string, Record<string, unknown>][] = [
    ['a myeloma code', { code: MYELOMA_CODE }],
    ['a plasmacytoma code', { code: { coding: [{ system: ICD_10_CM, code: 'C90.20' }] } }],
    [
      'a code in a site value set (SNOMED CT liver structure)',
      { code: { coding: [{ system: 'http://snomed.info/sct', code: '10200004' }] } },
    ],
    ['a plasmacytoma in text only', { code: { text: 'Plasmacytoma of the skin' } }],
    [
      'a local code whose display names a plasmacytoma',
      {
        code: {
          coding: [{ system: 'urn:oid:1.2.3.4', code: 'X1', display: 'plasmacytoma, chest wall' }],
        },
      },
    ],
    ['a malformed code', { code: { coding: 'I10' } }],
  ];
  for (const [name, fields] of related) {
    it(`still returns 412 when the malformed Condition has ${name}: it might be a finding`, async () => {
      const response = await request(testApp()).post(SERVICE).send(withLegacyCondition(fields));
      expect(response.status).toBe(412);
      const outcome = response.body as { issue: { expression: string[]; diagnostics: string }[] };
      expect(outcome.issue[0]?.expression).toEqual(['prefetch.conditions']);
      expect(outcome.issue[0]?.diagnostics).toMatch(/is not valid/);
    });
  }
});

describe('a search Bundle whose total matches what it sends is complete', () => {
  const matches = () => conditionsOf().entry ?? [];
  const patientInclude = {
    resource: { resourceType: 'Patient', id: 'emd-skin-at-diagnosis' },
    search: { mode: 'include' },
  };
  const complete: [string, unknown][] = [
    ['its total equal to its entries', { ...conditionsOf(), total: matches().length }],
    [
      // An included resource is not a match (FHIR R4 Bundle.total counts matches only).
      'its total equal to its matches, beside an included Patient',
      { ...conditionsOf(), total: matches().length, entry: [...matches(), patientInclude] },
    ],
  ];
  for (const [name, value] of complete) {
    it(`answers the example's card when it has ${name}`, async () => {
      const response = await request(testApp())
        .post(SERVICE)
        .send(skinExample({ conditions: value }));
      expect(response.status).toBe(200);
      // The example patient's expected card (fhir-resources/examples/README.md): skin is true
      // EMD (rules page §5), a warning.
      const { cards } = expectValidHookResponse(response.body);
      expect(cards.map((c) => [c.extension?.[CARD_EXTENSION.ruleId], c.indicator])).toEqual([
        ['emd-soft-tissue', 'warning'],
      ]);
    });
  }

  it('reads total 0 with no entries as a patient with no Conditions', async () => {
    const response = await request(testApp())
      .post(SERVICE)
      .send(skinExample({ conditions: { resourceType: 'Bundle', type: 'searchset', total: 0 } }));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ cards: [] });
  });

  it('says in the 412 how many results the Bundle declared and sent', async () => {
    const response = await request(testApp())
      .post(SERVICE)
      .send(skinExample({ conditions: { resourceType: 'Bundle', type: 'searchset', total: 4 } }));
    expect(response.status).toBe(412);
    expect(JSON.stringify(response.body)).toContain(
      'holds 0 of the 4 results its total declares, and no next link',
    );
  });
});

/**
 * H79: `Condition?patient={{context.patientId}}` matches only this patient's Conditions. A
 * Bundle holding Conditions that each name another patient, or none, was filled from the wrong
 * template or by a server that ignored `patient`; CDS Hooks 2.0 §Prefetch asks prefetched data
 * to be "equivalent to the data the CDS Service would receive if it were making its own call",
 * and rules page §2 drops each such Condition. Read as the answer, it would leave "no
 * Conditions, no cards"; it is missing instead.
 */
describe("a search Bundle holding none of this patient's resources is missing", () => {
  /** A Condition of the emd-and-cns example (a brain plasmacytoma), under another subject. */
  const brainPlasmacytoma = (id: string, subject: object) => ({
    resource: {
      resourceType: 'Condition',
      id,
      subject,
      code: { coding: [{ system: ICD_10_CM, code: 'C90.20' }] },
      bodySite: [{ coding: [{ system: 'http://snomed.info/sct', code: '12738006' }] }],
      clinicalStatus: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' },
        ],
      },
    },
  });
  const otherPatients = {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: [
      brainPlasmacytoma('cns-1', { reference: 'Patient/emd-and-cns' }),
      brainPlasmacytoma('cns-2', { reference: 'https://ehr.example/fhir/Group/ward-3' }),
      brainPlasmacytoma('cns-3', {
        identifier: { system: 'urn:oid:1.2.36.146.595.217.0.1', value: '12345' },
      }),
    ],
  };

  it('returns 412 naming why, with no ids, when there is no fhirServer', async () => {
    const response = await request(testApp())
      .post(SERVICE)
      .send(skinExample({ conditions: otherPatients }));
    expect(response.status).toBe(412);
    const issue = (response.body as { issue: { diagnostics: string; expression: string[] }[] })
      .issue[0];
    expect(issue?.expression).toEqual(['prefetch.conditions']);
    expect(issue?.diagnostics).toContain(
      "the Condition search Bundle holds 3 Conditions, none of them this patient's: each subject names another patient, or none",
    );
    expect(issue?.diagnostics).toMatch(/no fhirServer/);
    expect(issue?.diagnostics).not.toMatch(/emd-and-cns|ward-3|12345/);
  });

  it('returns 412 for one Condition naming the patient only by an identifier', async () => {
    const byIdentifier = { ...otherPatients, entry: otherPatients.entry.slice(2) };
    const response = await request(testApp())
      .post(SERVICE)
      .send(skinExample({ conditions: byIdentifier }));
    expect(response.status).toBe(412);
    expect(JSON.stringify(response.body)).toContain(
      "holds one Condition, not this patient's: its subject names another patient, or none",
    );
  });

  it("still reads a Bundle holding this patient's Conditions beside another patient's", async () => {
    const mixed = {
      ...conditionsOf(),
      entry: [...(conditionsOf().entry ?? []), ...otherPatients.entry],
    };
    const response = await request(testApp())
      .post(SERVICE)
      .send(skinExample({ conditions: mixed }));
    expect(response.status).toBe(200);
    // The example's card (fhir-resources/examples/README.md); the other patient's brain
    // plasmacytoma is dropped (rules page §2), so no CNS card.
    const { cards } = expectValidHookResponse(response.body);
    expect(cards.map((c) => [c.extension?.[CARD_EXTENSION.ruleId], c.indicator])).toEqual([
      ['emd-soft-tissue', 'warning'],
    ]);
  });

  it("still reads Conditions whose subject is the Bundle's own Patient by urn:uuid", async () => {
    const patientUrl = 'urn:uuid:9b1c6f3e-4d2a-4a8e-9f57-0c2d7e1b5a60';
    const entry = [
      {
        fullUrl: patientUrl,
        resource: { resourceType: 'Patient', id: 'emd-skin-at-diagnosis' },
        search: { mode: 'include' },
      },
      ...(conditionsOf().entry ?? []).map((e) => ({
        ...e,
        resource: { ...e.resource, subject: { reference: patientUrl } },
      })),
    ];
    const response = await request(testApp())
      .post(SERVICE)
      .send(skinExample({ conditions: { ...conditionsOf(), entry } }));
    expect(response.status).toBe(200);
    const { cards } = expectValidHookResponse(response.body);
    expect(cards.map((c) => [c.extension?.[CARD_EXTENSION.ruleId], c.indicator])).toEqual([
      ['emd-soft-tissue', 'warning'],
    ]);
  });
});

/**
 * H108: FHIR R4 §Search (`_summary`, `_elements`): a server SHOULD mark a resource it returns
 * only in part with the `meta.tag` SUBSETTED of v3-ObservationValue ("some information has been
 * removed from the source object"), so that the incomplete resource is not used as if whole.
 * Rules page §2 reads an absent verificationStatus as confirmed and an absent clinicalStatus
 * as active: a refuted leptomeningeal finding sent without its statuses would raise a critical
 * card, which §6 forbids. A key holding such a resource is missing, as CDS Hooks 2.0 §Prefetch
 * asks prefetched data to be "equivalent to the data the CDS Service would receive if it were
 * making its own call".
 */
describe('a prefetch holding a resource marked SUBSETTED is missing', () => {
  const V3_OBSERVATION_VALUE = 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue';
  /** STU3's spelling of the same code system. */
  const V3_OBSERVATION_VALUE_STU3 = 'http://hl7.org/fhir/v3/ObservationValue';
  const subsetted = (system: string) => ({ tag: [{ system, code: 'SUBSETTED' }] });
  /**
   * A meninges plasmacytoma refuted on the EHR, as `_elements=code,subject,bodySite` sends it:
   * no verificationStatus, no clinicalStatus.
   */
  const refutedMeningesSubsetted = (system: string) => ({
    resource: {
      resourceType: 'Condition',
      id: 'meninges-refuted-7',
      meta: subsetted(system),
      subject: { reference: 'Patient/emd-skin-at-diagnosis' },
      code: { coding: [{ system: ICD_10_CM, code: 'C90.20' }] },
      bodySite: [{ coding: [{ system: 'http://snomed.info/sct', code: '1231004' }] }],
    },
  });
  const withEntries = (...entries: object[]) => ({
    ...conditionsOf(),
    entry: [...(conditionsOf().entry ?? []), ...entries],
  });

  for (const system of [V3_OBSERVATION_VALUE, V3_OBSERVATION_VALUE_STU3])
    it(`returns 412 naming prefetch.conditions and why, with no ids, for a SUBSETTED tag of ${system}`, async () => {
      const response = await request(testApp())
        .post(SERVICE)
        .send(skinExample({ conditions: withEntries(refutedMeningesSubsetted(system)) }));
      expect(response.status).toBe(412);
      const issue = (response.body as { issue: { diagnostics: string; expression: string[] }[] })
        .issue[0];
      expect(issue?.expression).toEqual(['prefetch.conditions']);
      expect(issue?.diagnostics).toContain(
        'the Condition search Bundle holds a Condition marked SUBSETTED',
      );
      expect(issue?.diagnostics).toMatch(/no fhirServer/);
      expect(issue?.diagnostics).not.toMatch(/meninges-refuted-7|emd-skin-at-diagnosis-/);
    });

  it("returns 412 when every one of the example's Conditions is marked SUBSETTED", async () => {
    const conditions = structuredClone(conditionsOf());
    for (const entry of conditions.entry ?? [])
      if (entry.resource) entry.resource.meta = subsetted(V3_OBSERVATION_VALUE);
    const response = await request(testApp()).post(SERVICE).send(skinExample({ conditions }));
    expect(response.status).toBe(412);
    expect(JSON.stringify(response.body)).toMatch(/holds \d+ resources marked SUBSETTED/);
  });

  describe('read afresh from an allowed fhirServer', () => {
    let server: StubFhirServer | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    it("answers with the server's whole Conditions: the example's warning, no critical card", async () => {
      server = await serveExamplePatient('emd-skin-at-diagnosis');
      const app = testApp({
        fhirAccess: fhirAccessFor({
          allowedServers: [server.url],
          runnerFor: (url, token) => fhirKitRunner(url, token, { timeoutMs: 5000, maxPages: 5 }),
        }),
      });
      const body = {
        ...skinExample({ conditions: withEntries(refutedMeningesSubsetted(V3_OBSERVATION_VALUE)) }),
        fhirServer: server.url,
      };
      const response = await request(app).post(SERVICE).send(body);
      expect(response.status).toBe(200);
      // fhir-resources/examples/README.md: emd-skin-at-diagnosis → emd-soft-tissue, warning.
      const { cards } = expectValidHookResponse(response.body);
      expect(cards.map((c) => [c.extension?.[CARD_EXTENSION.ruleId], c.indicator])).toEqual([
        ['emd-soft-tissue', 'warning'],
      ]);
      expect(server.requests.map((r) => r.path)).toEqual([
        '/fhir/Condition?patient=emd-skin-at-diagnosis',
      ]);
    });
  });

  const notSubsetted: [string, (conditions: fhir4.Bundle) => void][] = [
    [
      'a SUBSETTED code of another tag system',
      (conditions) => {
        for (const entry of conditions.entry ?? [])
          if (entry.resource)
            entry.resource.meta = {
              tag: [{ system: 'http://example.org/tags', code: 'SUBSETTED' }],
            };
      },
    ],
    [
      'another tag of FHIR (common-tags actionable)',
      (conditions) => {
        for (const entry of conditions.entry ?? [])
          if (entry.resource)
            entry.resource.meta = {
              tag: [
                { system: 'http://terminology.hl7.org/CodeSystem/common-tags', code: 'actionable' },
              ],
            };
      },
    ],
    [
      // Rules page §2: the Patient is for display only; FHIR sends its id in any subset.
      'an included Patient marked SUBSETTED',
      (conditions) => {
        conditions.entry = [
          ...(conditions.entry ?? []),
          {
            resource: {
              resourceType: 'Patient',
              id: 'emd-skin-at-diagnosis',
              meta: subsetted(V3_OBSERVATION_VALUE),
            },
            search: { mode: 'include' },
          },
        ];
      },
    ],
  ];
  for (const [name, change] of notSubsetted)
    it(`answers the example's warning for Conditions with ${name}`, async () => {
      const conditions = structuredClone(conditionsOf());
      change(conditions);
      const response = await request(testApp()).post(SERVICE).send(skinExample({ conditions }));
      expect(response.status).toBe(200);
      const { cards } = expectValidHookResponse(response.body);
      expect(cards.map((c) => [c.extension?.[CARD_EXTENSION.ruleId], c.indicator])).toEqual([
        ['emd-soft-tissue', 'warning'],
      ]);
    });

  /**
   * The imaging keys are optional: marked SUBSETTED they are missing too, and with no fhirServer
   * the cards say imaging was not obtained and propose no scan (H24), rather than reading a PET
   * whose status was cut as no PET.
   */
  const softTissueDetail = async (prefetch: Record<string, unknown>) => {
    const response = await request(testApp()).post(SERVICE).send(skinExample(prefetch));
    expect(response.status).toBe(200);
    const { cards } = expectValidHookResponse(response.body);
    expect(cards.map((c) => [c.extension?.[CARD_EXTENSION.ruleId], c.indicator])).toEqual([
      ['emd-soft-tissue', 'warning'],
    ]);
    return cards[0]?.detail ?? '';
  };
  const imagingOf = (key: 'imagingStudies' | 'imagingReports') =>
    structuredClone(
      (readExampleRequest('emd-skin-at-diagnosis').prefetch as Record<string, fhir4.Bundle>)[key],
    );

  it('says imaging studies could not be obtained when a study is marked SUBSETTED', async () => {
    const studies = imagingOf('imagingStudies');
    const pet = studies?.entry?.[0]?.resource as fhir4.ImagingStudy;
    // A recent PET/CT as `_elements=subject,started` sends it: its status (mandatory, so sent
    // whatever was asked), but no modality or procedure that would name it a PET/CT.
    const cut = {
      resourceType: 'ImagingStudy',
      id: pet.id,
      meta: subsetted(V3_OBSERVATION_VALUE),
      status: 'available',
      subject: pet.subject,
      started: '2026-10-01T08:00:00Z',
    };
    const detail = await softTissueDetail({
      imagingStudies: { ...studies, entry: [{ resource: cut }] },
    });
    expect(detail).toMatch(/Imaging studies could not be obtained/);
    expect(detail).not.toMatch(/No PET\/CT or whole-body CT\/MRI in the last 180 days/);
  });

  it('returns 412 naming prefetch.study when the study under review is marked SUBSETTED', async () => {
    // The imaging-review example for the MR of leptomeningeal-with-cns, its study as
    // `_elements=subject` sends it (with its mandatory status): nothing says it covers the
    // brain. The patient's studies are sent as none, so nothing else holds it.
    const body = readExampleRequest('leptomeningeal-with-cns-mr1', 'imagingstudy-review');
    const prefetch = body.prefetch as Record<string, unknown> & { study: fhir4.ImagingStudy };
    const study = {
      resourceType: 'ImagingStudy',
      id: prefetch.study.id,
      meta: subsetted(V3_OBSERVATION_VALUE),
      status: 'available',
      subject: prefetch.study.subject,
    };
    const response = await request(testApp())
      .post('/cds-services/emd-imaging-review')
      .send({ ...body, prefetch: { ...prefetch, study, imagingStudies: null } });
    expect(response.status).toBe(412);
    const issue = (response.body as { issue: { diagnostics: string; expression: string[] }[] })
      .issue[0];
    expect(issue?.expression).toEqual(['prefetch.study']);
    expect(issue?.diagnostics).toContain('it holds an ImagingStudy marked SUBSETTED');
  });

  it('says imaging reports could not be obtained when a report is marked SUBSETTED', async () => {
    const reports = imagingOf('imagingReports');
    for (const entry of reports?.entry ?? [])
      if (entry.resource) entry.resource.meta = subsetted(V3_OBSERVATION_VALUE_STU3);
    expect(await softTissueDetail({ imagingReports: reports })).toMatch(
      /Imaging reports could not be obtained/,
    );
  });
});
