/**
 * H141: H108 reads a resource sent in part by the `meta.tag` SUBSETTED of v3-ObservationValue.
 * FHIR R4's security-labels page lists SUBSETTED among the security labels too, and exporters
 * put it in `meta.security`; REDACTED, of the same code system, says information was removed
 * from the resource. Either mark, in either place, means the resource may lack exactly the
 * status that made a finding refuted (rules page §2 reads an absent verificationStatus as
 * confirmed): it is not read as whole, as H108 reads SUBSETTED in `meta.tag`. Each case below
 * is a probe 14 case (e2b, e6, e7, e8) through the real app over HTTP.
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
const PATIENT = 'emd-skin-at-diagnosis';
const V3_OBSERVATION_VALUE = 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue';
/** STU3's spelling of the same code system. */
const V3_OBSERVATION_VALUE_STU3 = 'http://hl7.org/fhir/v3/ObservationValue';

type Place = 'tag' | 'security';
const marked = (place: Place, code: string, system = V3_OBSERVATION_VALUE) => ({
  [place]: [{ system, code }],
});

/**
 * A meninges plasmacytoma (rules page §3.3: leptomeningeal, critical) as it arrives with its
 * statuses removed: the record might have said refuted. Probe 14 cases e2b, e6, e7.
 */
const meningesWithoutStatuses = (meta: object) => ({
  resourceType: 'Condition',
  id: 'meninges-7',
  meta,
  subject: { reference: `Patient/${PATIENT}` },
  code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'C90.22' }] },
  bodySite: [{ coding: [{ system: 'http://snomed.info/sct', code: '1231004' }] }],
});

const prefetchOf = () => readExampleRequest(PATIENT).prefetch as Record<string, fhir4.Bundle>;

/** The example's request with its Conditions Bundle holding one more resource. */
function exampleWith(condition: object, prefetch: Record<string, unknown> = {}) {
  const body = readExampleRequest(PATIENT);
  const conditions = prefetchOf()['conditions'] as fhir4.Bundle;
  return {
    ...body,
    prefetch: {
      ...(body.prefetch as Record<string, unknown>),
      conditions: { ...conditions, entry: [...(conditions.entry ?? []), { resource: condition }] },
      ...prefetch,
    },
  };
}

const issueOf = (body: unknown) =>
  (body as { issue: { diagnostics: string; expression: string[] }[] }).issue[0];
const rulesOf = (body: unknown) =>
  expectValidHookResponse(body).cards.map((c) => [
    c.extension?.[CARD_EXTENSION.ruleId],
    c.indicator,
  ]);

const MARKS: { name: string; place: Place; code: string; said: string }[] = [
  {
    name: 'e2b: SUBSETTED in meta.security',
    place: 'security',
    code: 'SUBSETTED',
    said: 'a Condition marked SUBSETTED (meta.security): sent without some of its elements',
  },
  {
    name: 'e6: REDACTED in meta.security',
    place: 'security',
    code: 'REDACTED',
    said: 'a Condition marked REDACTED (meta.security): sent with some of its information removed',
  },
  {
    name: 'e7: REDACTED in meta.tag',
    place: 'tag',
    code: 'REDACTED',
    said: 'a Condition marked REDACTED (meta.tag): sent with some of its information removed',
  },
];

describe('a Condition marked sent in part in meta.security, or REDACTED, is not read as whole', () => {
  for (const { name, place, code, said } of MARKS)
    it(`${name}: 412 naming prefetch.conditions and the mark, not a critical card`, async () => {
      const response = await request(testApp())
        .post(SERVICE)
        .send(exampleWith(meningesWithoutStatuses(marked(place, code))));
      expect(response.status).toBe(412);
      const issue = issueOf(response.body);
      expect(issue?.expression).toEqual(['prefetch.conditions']);
      expect(issue?.diagnostics).toContain(`the Condition search Bundle holds ${said}`);
      expect(issue?.diagnostics).not.toContain('meninges-7');
    });

  it('reads REDACTED under STU3 spelling of the code system alike', async () => {
    const meta = marked('security', 'REDACTED', V3_OBSERVATION_VALUE_STU3);
    const response = await request(testApp())
      .post(SERVICE)
      .send(exampleWith(meningesWithoutStatuses(meta)));
    expect(response.status).toBe(412);
  });

  it('keeps H108: SUBSETTED in meta.tag is 412, worded as before', async () => {
    const response = await request(testApp())
      .post(SERVICE)
      .send(exampleWith(meningesWithoutStatuses(marked('tag', 'SUBSETTED'))));
    expect(response.status).toBe(412);
    expect(issueOf(response.body)?.diagnostics).toContain(
      'holds a Condition marked SUBSETTED (meta.tag): sent without some of its elements (as _summary or _elements send), which would be read as absent',
    );
  });

  it('names both marks and places when two resources carry them', async () => {
    const body = exampleWith(meningesWithoutStatuses(marked('tag', 'SUBSETTED')));
    const conditions = body.prefetch.conditions;
    const second = { ...meningesWithoutStatuses(marked('security', 'REDACTED')), id: 'm-8' };
    conditions.entry = [...conditions.entry, { resource: second as fhir4.Condition }];
    const response = await request(testApp()).post(SERVICE).send(body);
    expect(response.status).toBe(412);
    expect(issueOf(response.body)?.diagnostics).toContain(
      'holds 2 resources marked SUBSETTED or REDACTED (meta.tag, meta.security; Condition)',
    );
  });

  it('412 for a Conditions Bundle itself marked REDACTED in meta.security', async () => {
    const body = readExampleRequest(PATIENT);
    const conditions = { ...prefetchOf()['conditions'], meta: marked('security', 'REDACTED') };
    const response = await request(testApp())
      .post(SERVICE)
      .send({ ...body, prefetch: { ...(body.prefetch as object), conditions } });
    expect(response.status).toBe(412);
    expect(issueOf(response.body)?.diagnostics).toContain(
      'the Condition search Bundle is itself marked REDACTED (Bundle.meta.security)',
    );
  });

  // Other security labels say who may see the resource, not that anything was removed from it.
  const notInPart: [string, object][] = [
    [
      'a confidentiality label (R, restricted)',
      marked('security', 'R', 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality'),
    ],
    ['REDACTED under another system', marked('security', 'REDACTED', 'http://example.org/x')],
    ['redacted in lower case', marked('security', 'redacted')],
  ];
  for (const [name, meta] of notInPart)
    it(`reads a Condition with ${name} as sent: the example's warning`, async () => {
      const body = readExampleRequest(PATIENT);
      const conditions = structuredClone(prefetchOf()['conditions'] as fhir4.Bundle);
      for (const entry of conditions.entry ?? []) if (entry.resource) entry.resource.meta = meta;
      const response = await request(testApp())
        .post(SERVICE)
        .send({ ...body, prefetch: { ...(body.prefetch as object), conditions } });
      expect(response.status).toBe(200);
      // fhir-resources/examples/README.md: emd-skin-at-diagnosis → emd-soft-tissue, warning.
      expect(rulesOf(response.body)).toEqual([['emd-soft-tissue', 'warning']]);
    });

  describe('with an allowed fhirServer', () => {
    let server: StubFhirServer | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });
    const appFor = (url: string) =>
      testApp({
        fhirAccess: fhirAccessFor({
          allowedServers: [url],
          runnerFor: (base, token) => fhirKitRunner(base, token, { timeoutMs: 5000, maxPages: 5 }),
        }),
      });

    for (const { name, place, code } of MARKS)
      it(`${name}: read afresh, the server's whole Conditions give the example's warning`, async () => {
        server = await serveExamplePatient(PATIENT);
        const response = await request(appFor(server.url))
          .post(SERVICE)
          .send({
            ...exampleWith(meningesWithoutStatuses(marked(place, code))),
            fhirServer: server.url,
          });
        expect(response.status).toBe(200);
        expect(rulesOf(response.body)).toEqual([['emd-soft-tissue', 'warning']]);
      });

    it('412 when the server itself answers with a Condition marked REDACTED in meta.security', async () => {
      server = await serveExamplePatient(PATIENT, {
        Condition: { body: searchset([meningesWithoutStatuses(marked('security', 'REDACTED'))]) },
      });
      const body = readExampleRequest(PATIENT);
      const response = await request(appFor(server.url))
        .post(SERVICE)
        .send({ ...body, prefetch: undefined, fhirServer: server.url });
      expect(response.status).toBe(412);
      expect(issueOf(response.body)?.diagnostics).toContain(
        "the FHIR server's Condition search result holds a Condition marked REDACTED (meta.security)",
      );
    });
  });
});

describe('a PET/CT marked SUBSETTED in meta.security, sent without its modality (e8)', () => {
  it('is imaging that could not be obtained: no PET/CT proposed as if none were had', async () => {
    const studies = structuredClone(prefetchOf()['imagingStudies'] as fhir4.Bundle);
    const pet = studies.entry?.[0]?.resource as fhir4.ImagingStudy;
    // As `_elements=subject,started` sends it: its mandatory status, no modality or procedure.
    const cut = {
      resourceType: 'ImagingStudy',
      id: pet.id,
      meta: marked('security', 'SUBSETTED'),
      status: 'available',
      subject: pet.subject,
      started: '2026-10-01T08:00:00Z',
    };
    const body = readExampleRequest(PATIENT);
    const response = await request(testApp())
      .post(SERVICE)
      .send({
        ...body,
        prefetch: {
          ...(body.prefetch as object),
          imagingStudies: { ...studies, entry: [{ resource: cut }] },
        },
      });
    expect(response.status).toBe(200);
    expect(rulesOf(response.body)).toEqual([['emd-soft-tissue', 'warning']]);
    const detail = expectValidHookResponse(response.body).cards[0]?.detail ?? '';
    expect(detail).toMatch(/Imaging studies could not be obtained/);
    expect(detail).not.toMatch(/No PET\/CT or whole-body CT\/MRI in the last 180 days/);
  });
});
