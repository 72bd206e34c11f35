/**
 * H141: H108 reads a resource sent in part by the `meta.tag` SUBSETTED of v3-ObservationValue.
 * FHIR R4's security-labels page lists SUBSETTED among the security labels too, and exporters
 * put it in `meta.security`: read alike, as sent in part (the key missing, read afresh from
 * fhirServer, else 412), since the server gives the whole resource when asked again.
 *
 * REDACTED, of the same code system, says information was removed by the sender's policy: the
 * server answers the same redacted resource again, and hospitals redact unrelated sensitive
 * diagnoses routinely, so it is read per resource, not as a key missing. A Condition so marked
 * whose status is absent has it read as not readable (rules page §2 gives its default to an
 * absent status, and the mark says the absence may be the redaction's): uncertain, so its card
 * is lowered, and a card resting on it alone is info (§6). Statuses present are read as sent.
 * Each resource so marked is named in the trace. Probe 14 cases (e1, e2b, e5, e6, e7, e8)
 * through the real app over HTTP.
 */
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
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

const summariesOf = (body: unknown) => expectValidHookResponse(body).cards.map((c) => c.summary);

/** The explain trace of the same request, as the console's dry run shows it. */
async function traceOf(body: object, fhirAccess = fhirAccessFor({ allowedServers: [] })) {
  const result = await callService('emd-patient-view', body, {
    settings: defaultSettings,
    now: SCENARIO_NOW,
    locale: 'en',
    newUuid: randomUUID,
    fhirAccess,
    metrics: NO_METRICS,
    audit: undefined,
  });
  return result.evaluation.trace.map((line) => [line.reference, line.message]);
}

describe('a Condition marked SUBSETTED in meta.security is not read as whole', () => {
  it('e2b: 412 naming prefetch.conditions and the mark, not a critical card', async () => {
    const response = await request(testApp())
      .post(SERVICE)
      .send(exampleWith(meningesWithoutStatuses(marked('security', 'SUBSETTED'))));
    expect(response.status).toBe(412);
    const issue = issueOf(response.body);
    expect(issue?.expression).toEqual(['prefetch.conditions']);
    expect(issue?.diagnostics).toContain(
      'the Condition search Bundle holds a Condition marked SUBSETTED (meta.security): sent without some of its elements (as _summary or _elements send), which would be read as absent',
    );
    expect(issue?.diagnostics).not.toContain('meninges-7');
  });

  it('reads SUBSETTED in meta.security under STU3 spelling of the code system alike', async () => {
    const meta = marked('security', 'SUBSETTED', V3_OBSERVATION_VALUE_STU3);
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

  it('names both places when two resources carry the mark', async () => {
    const body = exampleWith(meningesWithoutStatuses(marked('tag', 'SUBSETTED')));
    const conditions = body.prefetch.conditions;
    const second = { ...meningesWithoutStatuses(marked('security', 'SUBSETTED')), id: 'm-8' };
    conditions.entry = [...conditions.entry, { resource: second as fhir4.Condition }];
    const response = await request(testApp()).post(SERVICE).send(body);
    expect(response.status).toBe(412);
    expect(issueOf(response.body)?.diagnostics).toContain(
      'holds 2 resources marked SUBSETTED (meta.tag, meta.security; Condition)',
    );
  });

  it('412 for a Conditions Bundle itself marked SUBSETTED in meta.security', async () => {
    const body = readExampleRequest(PATIENT);
    const conditions = { ...prefetchOf()['conditions'], meta: marked('security', 'SUBSETTED') };
    const response = await request(testApp())
      .post(SERVICE)
      .send({ ...body, prefetch: { ...(body.prefetch as object), conditions } });
    expect(response.status).toBe(412);
    expect(issueOf(response.body)?.diagnostics).toContain(
      'the Condition search Bundle is itself marked SUBSETTED (Bundle.meta.security)',
    );
  });

  // Other security labels say who may see the resource, not that anything was removed from it.
  const notInPart: [string, object][] = [
    [
      'a confidentiality label (R, restricted)',
      marked('security', 'R', 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality'),
    ],
    ['SUBSETTED under another system', marked('security', 'SUBSETTED', 'http://example.org/x')],
    ['subsetted in lower case', marked('security', 'subsetted')],
    ['REDACTED under another system', marked('security', 'REDACTED', 'http://example.org/x')],
    ['redacted in lower case', marked('security', 'redacted')],
  ];
  for (const [name, meta] of notInPart)
    it(`reads a Condition with ${name} as sent: the example's warning`, async () => {
      const body = readExampleRequest(PATIENT);
      const conditions = structuredClone(prefetchOf()['conditions'] as fhir4.Bundle);
      for (const entry of conditions.entry ?? []) if (entry.resource) entry.resource.meta = meta;
      const sent = { ...body, prefetch: { ...(body.prefetch as object), conditions } };
      const response = await request(testApp()).post(SERVICE).send(sent);
      expect(response.status).toBe(200);
      // fhir-resources/examples/README.md: emd-skin-at-diagnosis → emd-soft-tissue, warning.
      expect(rulesOf(response.body)).toEqual([['emd-soft-tissue', 'warning']]);
      expect(JSON.stringify(await traceOf(sent))).not.toContain('REDACTED');
    });

  describe('with an allowed fhirServer', () => {
    let server: StubFhirServer | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    it("e2b: read afresh, the server's whole Conditions give the example's warning", async () => {
      server = await serveExamplePatient(PATIENT);
      const response = await request(appFor(server.url))
        .post(SERVICE)
        .send({
          ...exampleWith(meningesWithoutStatuses(marked('security', 'SUBSETTED'))),
          fhirServer: server.url,
        });
      expect(response.status).toBe(200);
      expect(rulesOf(response.body)).toEqual([['emd-soft-tissue', 'warning']]);
    });

    it('412 when the server itself answers with a Condition marked SUBSETTED in meta.security', async () => {
      server = await serveExamplePatient(PATIENT, {
        Condition: { body: searchset([meningesWithoutStatuses(marked('security', 'SUBSETTED'))]) },
      });
      const body = readExampleRequest(PATIENT);
      const response = await request(appFor(server.url))
        .post(SERVICE)
        .send({ ...body, prefetch: undefined, fhirServer: server.url });
      expect(response.status).toBe(412);
      expect(issueOf(response.body)?.diagnostics).toContain(
        "the FHIR server's Condition search result holds a Condition marked SUBSETTED (meta.security)",
      );
    });
  });
});

const accessFor = (url: string) =>
  fhirAccessFor({
    allowedServers: [url],
    runnerFor: (base, token) => fhirKitRunner(base, token, { timeoutMs: 5000, maxPages: 5 }),
  });
const appFor = (url: string) => testApp({ fhirAccess: accessFor(url) });

/** The trace line naming a resource marked REDACTED (H141). */
const redactedLine = (reference: string, place: Place) => [
  reference,
  `marked REDACTED (meta.${place}): some of its information was removed by the sender; read as sent`,
];

/** The meninges plasmacytoma with both statuses sent: active, confirmed. */
const meningesWithStatuses = (meta: object) => ({
  ...meningesWithoutStatuses(meta),
  clinicalStatus: {
    coding: [
      { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' },
    ],
  },
  verificationStatus: {
    coding: [
      { system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' },
    ],
  },
});

describe('a resource marked REDACTED is read as sent, per resource, never as a key missing', () => {
  // Rules page §2: an absent status gets its default, but the mark says the absence may be the
  // redaction's: not readable, so uncertain; §6 (H19): a card resting only on a finding whose
  // status cannot be read is info, and says its status could not be read. Never 412.
  const withoutStatuses: { name: string; place: Place; system?: string }[] = [
    { name: 'e6: REDACTED in meta.security', place: 'security' },
    { name: 'e7: REDACTED in meta.tag', place: 'tag' },
    { name: "REDACTED under STU3's system", place: 'security', system: V3_OBSERVATION_VALUE_STU3 },
  ];
  for (const { name, place, system } of withoutStatuses)
    it(`${name}, no statuses: the leptomeningeal card at info, its status not readable`, async () => {
      const body = exampleWith(meningesWithoutStatuses(marked(place, 'REDACTED', system)));
      const response = await request(testApp()).post(SERVICE).send(body);
      expect(response.status).toBe(200);
      expect(rulesOf(response.body)).toEqual([
        ['emd-soft-tissue', 'warning'],
        ['emd-leptomeningeal', 'info'],
      ]);
      expect(summariesOf(response.body)[1]).toMatch(/status unreadable/);
      const trace = await traceOf(body);
      expect(trace).toContainEqual(redactedLine('Condition/meninges-7', place));
      const finding = trace.find(
        ([reference, message]) =>
          reference === 'Condition/meninges-7' && message?.startsWith('active finding'),
      );
      expect(finding?.[1]).toContain(
        `status could not be read (clinicalStatus, verificationStatus absent, and the Condition is marked REDACTED (meta.${place}): read as not readable): counts as uncertain`,
      );
    });

  it('e7: REDACTED with its clinicalStatus sent, no verificationStatus: that one not readable', async () => {
    const { verificationStatus: _absent, ...condition } = meningesWithStatuses(
      marked('tag', 'REDACTED'),
    );
    const body = exampleWith(condition);
    const response = await request(testApp()).post(SERVICE).send(body);
    expect(rulesOf(response.body)).toEqual([
      ['emd-soft-tissue', 'warning'],
      ['emd-leptomeningeal', 'info'],
    ]);
    const trace = JSON.stringify(await traceOf(body));
    expect(trace).toContain(
      'status could not be read (verificationStatus absent, and the Condition is marked REDACTED (meta.tag): read as not readable)',
    );
  });

  it('e5: REDACTED with both statuses sent: read as sent, critical as without the mark', async () => {
    const body = exampleWith(meningesWithStatuses(marked('security', 'REDACTED')));
    const response = await request(testApp()).post(SERVICE).send(body);
    expect(response.status).toBe(200);
    const unmarked = await request(testApp())
      .post(SERVICE)
      .send(exampleWith(meningesWithStatuses({})));
    expect(rulesOf(response.body)).toEqual(rulesOf(unmarked.body));
    expect(rulesOf(response.body)).toContainEqual(['emd-leptomeningeal', 'critical']);
    const trace = await traceOf(body);
    expect(trace).toContainEqual(redactedLine('Condition/meninges-7', 'security'));
    expect(JSON.stringify(trace)).not.toContain('status could not be read');
  });

  it('names a redacted study and report in the trace, and reads them as sent', async () => {
    const prefetch = prefetchOf();
    const studies = structuredClone(prefetch['imagingStudies'] as fhir4.Bundle);
    const reports = structuredClone(prefetch['imagingReports'] as fhir4.Bundle);
    const study = studies.entry?.[0]?.resource as fhir4.ImagingStudy;
    study.meta = marked('security', 'REDACTED');
    const report = reports.entry?.[0]?.resource as fhir4.DiagnosticReport;
    report.meta = marked('tag', 'REDACTED');
    const body = readExampleRequest(PATIENT);
    const sent = {
      ...body,
      prefetch: {
        ...(body.prefetch as object),
        imagingStudies: studies,
        imagingReports: reports,
      },
    };
    const response = await request(testApp()).post(SERVICE).send(sent);
    expect(response.status).toBe(200);
    expect(rulesOf(response.body)).toEqual([['emd-soft-tissue', 'warning']]);
    const detail = expectValidHookResponse(response.body).cards[0]?.detail ?? '';
    expect(detail).not.toMatch(/could not be obtained/);
    const trace = await traceOf(sent);
    expect(trace).toContainEqual(redactedLine(`ImagingStudy/${String(study.id)}`, 'security'));
    expect(trace).toContainEqual(redactedLine(`DiagnosticReport/${String(report.id)}`, 'tag'));
  });

  // Suggested by the lead and chosen: a Bundle itself marked REDACTED may lack entries removed
  // by policy; the server would answer the same again, so it is read as sent, as a `suppressed`
  // issue is (H131), and the trace says so.
  const BUNDLE_LINE =
    'prefetch.conditions: the Condition search Bundle is itself marked REDACTED (v3-ObservationValue, in Bundle.meta): some of its entries or their information may have been removed by the sender; read as sent, and a finding removed cannot raise a card';

  it("a Conditions Bundle itself marked REDACTED: the example's warning, and a trace line", async () => {
    const body = readExampleRequest(PATIENT);
    const conditions = { ...prefetchOf()['conditions'], meta: marked('security', 'REDACTED') };
    const sent = { ...body, prefetch: { ...(body.prefetch as object), conditions } };
    const response = await request(testApp()).post(SERVICE).send(sent);
    expect(response.status).toBe(200);
    expect(rulesOf(response.body)).toEqual([['emd-soft-tissue', 'warning']]);
    const trace = await traceOf(sent);
    expect(trace.filter(([, message]) => message === BUNDLE_LINE)).toHaveLength(1);
  });

  describe('read from an allowed fhirServer', () => {
    let server: StubFhirServer | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    it('e6: the prefetch is used, not read afresh: the same cards', async () => {
      server = await serveExamplePatient(PATIENT);
      const response = await request(appFor(server.url))
        .post(SERVICE)
        .send({
          ...exampleWith(meningesWithoutStatuses(marked('security', 'REDACTED'))),
          fhirServer: server.url,
        });
      expect(response.status).toBe(200);
      expect(rulesOf(response.body)).toEqual([
        ['emd-soft-tissue', 'warning'],
        ['emd-leptomeningeal', 'info'],
      ]);
    });

    it('a server answering with a redacted Condition and a redacted Bundle: read, not 412', async () => {
      const conditions = prefetchOf()['conditions'] as fhir4.Bundle;
      const answer = {
        ...searchset([
          ...(conditions.entry ?? []).map((e) => e.resource as object),
          meningesWithoutStatuses(marked('security', 'REDACTED')),
        ]),
        meta: marked('tag', 'REDACTED'),
      };
      server = await serveExamplePatient(PATIENT, { Condition: { body: answer } });
      const body = readExampleRequest(PATIENT);
      const sent = { ...body, prefetch: undefined, fhirServer: server.url };
      const response = await request(appFor(server.url)).post(SERVICE).send(sent);
      expect(response.status).toBe(200);
      expect(rulesOf(response.body)).toEqual([
        ['emd-soft-tissue', 'warning'],
        ['emd-leptomeningeal', 'info'],
      ]);
      const trace = await traceOf(sent, accessFor(server.url));
      expect(trace.filter(([, message]) => message === BUNDLE_LINE)).toHaveLength(1);
      expect(trace).toContainEqual(redactedLine('Condition/meninges-7', 'security'));
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
