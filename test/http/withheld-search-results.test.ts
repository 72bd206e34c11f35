/**
 * H131: a search answer whose results carry no resource, or whose server says it may be
 * incomplete, is not the patient's whole record. FHIR R4 Bundle invariant bdl-5: "must be a
 * resource unless there's a request or response"; a search result (search.mode `match`, or none)
 * with neither is a result whose data were not sent, and a `batch-response` entry with only a
 * `response` names what a batch answered without holding it. FHIR R4 IssueType `incomplete`:
 * "Not all data sources typically accessed could be reached or responded in time, so the
 * returned information might not be complete". CDS
 * Hooks 2.0 §Prefetch: prefetched data "MUST be equivalent to the data the CDS Service would
 * receive if it were making its own call", and services "SHOULD check any prefetched data for
 * the existence of OperationOutcomes". So each such key is missing: read afresh from the FHIR
 * server, else 412 naming the key. The patient is the example `emd-skin-at-diagnosis`, whose
 * skin plasmacytoma raises `emd-soft-tissue` (warning) (fhir-resources/examples/README.md).
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

const SERVICE = '/cds-services/emd-patient-view';
const PATIENT = 'emd-skin-at-diagnosis';
const PLASMACYTOMA = `${PATIENT}-pc1`;
/** fhir-resources/examples/README.md: the skin plasmacytoma's card. */
const SOFT_TISSUE = [['emd-soft-tissue', 'warning']];

type Prefetch = Record<string, unknown>;

function skinExample(prefetch: Prefetch) {
  const body = readExampleRequest(PATIENT);
  return { ...body, prefetch: { ...(body.prefetch as Prefetch), ...prefetch } };
}

const keyOf = (key: string) =>
  structuredClone((readExampleRequest(PATIENT).prefetch as Record<string, fhir4.Bundle>)[key]);

/** The example's Conditions search, its `total` left out (H78 would see a shortfall). */
function conditionsWithout(total: boolean): fhir4.Bundle {
  const { total: _total, ...bundle } = keyOf('conditions') as fhir4.Bundle;
  return total ? (keyOf('conditions') as fhir4.Bundle) : bundle;
}

const outcome = (severity: string, code: string) =>
  ({
    resourceType: 'OperationOutcome',
    issue: [{ severity, code, diagnostics: `Condition/${PLASMACYTOMA} withheld by consent` }],
  }) as fhir4.OperationOutcome;

/**
 * The Conditions as the server answered them, the plasmacytoma withheld: the other two, their
 * total 2 (so no shortfall, H78), and an outcome entry saying so with the given issue.
 */
function withheld(severity: string, code: string): fhir4.Bundle {
  const bundle = conditionsWithout(true);
  return {
    ...bundle,
    total: 2,
    entry: [
      ...(bundle.entry ?? []).filter((e) => e.resource?.id !== PLASMACYTOMA),
      { resource: outcome(severity, code), search: { mode: 'outcome' } },
    ],
  };
}

/** Each entry's resource taken away, as the probe sent it: only `fullUrl` and `search` left. */
function resourcesTakenAway(mode: 'match' | undefined): fhir4.Bundle {
  const bundle = conditionsWithout(false);
  return {
    ...bundle,
    entry: (bundle.entry ?? []).map((e) => ({
      ...(e.fullUrl === undefined ? {} : { fullUrl: e.fullUrl }),
      ...(mode ? { search: { mode } } : {}),
    })),
  };
}

const missingShapes: [string, unknown][] = [
  [
    // A batch of reads answered: each entry names what it read (`location`) and holds nothing.
    'a batch-response whose entries carry only a response (200 OK and a location)',
    {
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: ['mm', 'pc1', 'dm2'].map((id) => ({
        response: { status: '200 OK', location: `Condition/${PATIENT}-${id}/_history/1` },
      })),
    },
  ],
  [
    'a transaction-response whose entries carry only a response',
    {
      resourceType: 'Bundle',
      type: 'transaction-response',
      entry: [
        { response: { status: '201 Created', location: `Condition/${PLASMACYTOMA}/_history/1` } },
      ],
    },
  ],
  [
    // The client's batch passed on before it was run: its GET, not the search's answer.
    'a batch whose entry carries only its request',
    {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [{ request: { method: 'GET', url: `Condition?patient=${PATIENT}` } }],
    },
  ],
  [
    'a searchset whose match entries carry a fullUrl and no resource, and no total',
    resourcesTakenAway('match'),
  ],
  [
    'a searchset whose entries carry only a fullUrl (no search.mode)',
    resourcesTakenAway(undefined),
  ],
  [
    "a searchset whose plasmacytoma's entry alone carries no resource",
    {
      ...conditionsWithout(false),
      entry: (conditionsWithout(false).entry ?? []).map((e) =>
        e.resource?.id === PLASMACYTOMA ? { fullUrl: e.fullUrl, search: { mode: 'match' } } : e,
      ),
    },
  ],
  [
    // A batch's answer holds one entry per request it ran: with none, it answers no search.
    'a batch-response with no entries',
    { resourceType: 'Bundle', type: 'batch-response', entry: [] },
  ],
  [
    'a searchset whose outcome entry says the answer may be incomplete (warning)',
    withheld('warning', 'incomplete'),
  ],
  [
    'a searchset whose outcome entry says the answer may be incomplete (information)',
    withheld('information', 'incomplete'),
  ],
  [
    // A batch's answer holding the Conditions, one read's outcome saying it may lack some.
    "a batch-response holding the Conditions, an entry's response.outcome saying incomplete",
    {
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: (withheld('warning', 'incomplete').entry ?? [])
        .filter((e) => e.resource?.resourceType === 'Condition')
        .map((e, index) => ({
          resource: e.resource,
          response: {
            status: '200 OK',
            ...(index === 0 ? { outcome: outcome('warning', 'incomplete') } : {}),
          },
        })),
    },
  ],
];

const rulesOf = (body: unknown) =>
  expectValidHookResponse(body).cards.map((c) => [
    c.extension?.[CARD_EXTENSION.ruleId],
    c.indicator,
  ]);

describe('a Conditions search answer with results it does not hold is missing', () => {
  for (const [name, conditions] of missingShapes)
    it(`returns 412 naming prefetch.conditions and why, with no ids, for ${name}`, async () => {
      const response = await request(testApp()).post(SERVICE).send(skinExample({ conditions }));
      expect(response.status).toBe(412);
      const issue = (response.body as { issue: { diagnostics: string; expression: string[] }[] })
        .issue[0];
      expect(issue?.expression).toEqual(['prefetch.conditions']);
      expect(issue?.diagnostics).toMatch(/no resource|no entries|may be incomplete/);
      expect(issue?.diagnostics).toMatch(/no fhirServer/);
      expect(issue?.diagnostics).not.toContain(PATIENT);
    });

  describe('read afresh from an allowed fhirServer', () => {
    let server: StubFhirServer | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    for (const [name, conditions] of missingShapes)
      it(`answers the skin plasmacytoma's warning from the server for ${name}`, async () => {
        server = await serveExamplePatient(PATIENT);
        const app = testApp({
          fhirAccess: fhirAccessFor({
            allowedServers: [server.url],
            runnerFor: (url, token) => fhirKitRunner(url, token, { timeoutMs: 5000, maxPages: 5 }),
          }),
        });
        const body = { ...skinExample({ conditions }), fhirServer: server.url };
        const response = await request(app).post(SERVICE).send(body);
        expect(response.status).toBe(200);
        expect(rulesOf(response.body)).toEqual(SOFT_TISSUE);
        expect(server.requests.map((r) => r.path)).toEqual([`/fhir/Condition?patient=${PATIENT}`]);
      });

    it('fails the read (412) when the server too answers that it may be incomplete', async () => {
      server = await serveExamplePatient(PATIENT, {
        Condition: { body: withheld('warning', 'incomplete') },
      });
      const app = testApp({
        fhirAccess: fhirAccessFor({
          allowedServers: [server.url],
          runnerFor: (url, token) => fhirKitRunner(url, token, { timeoutMs: 5000, maxPages: 5 }),
        }),
      });
      const body = {
        ...skinExample({ conditions: withheld('warning', 'incomplete') }),
        fhirServer: server.url,
      };
      const response = await request(app).post(SERVICE).send(body);
      expect(response.status).toBe(412);
      const diagnostics = (response.body as { issue: { diagnostics: string }[] }).issue[0]
        ?.diagnostics;
      expect(diagnostics).toContain("the FHIR server's Condition search result is");
      expect(diagnostics).not.toContain(PATIENT);
    });
  });
});

describe('what stays read as sent', () => {
  const kept: [string, fhir4.Bundle][] = [
    [
      'an include entry with no resource beside the Conditions',
      {
        ...conditionsWithout(true),
        entry: [
          ...(conditionsWithout(true).entry ?? []),
          { fullUrl: `Patient/${PATIENT}`, search: { mode: 'include' } },
        ],
      },
    ],
    [
      'an outcome entry with no resource beside the Conditions',
      {
        ...conditionsWithout(true),
        entry: [...(conditionsWithout(true).entry ?? []), { search: { mode: 'outcome' } }],
      },
    ],
    [
      'an outcome entry whose warning is of another issue type (processing)',
      {
        ...conditionsWithout(true),
        entry: [
          ...(conditionsWithout(true).entry ?? []),
          { resource: outcome('warning', 'processing'), search: { mode: 'outcome' } },
        ],
      },
    ],
    [
      'a batch-response whose entries hold the Conditions beside a 200 response',
      {
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: (conditionsWithout(true).entry ?? []).map((e) => ({
          resource: e.resource,
          response: { status: '200 OK' },
        })),
      },
    ],
  ];
  for (const [name, conditions] of kept)
    it(`answers the example's warning for ${name}`, async () => {
      const response = await request(testApp()).post(SERVICE).send(skinExample({ conditions }));
      expect(response.status).toBe(200);
      expect(rulesOf(response.body)).toEqual(SOFT_TISSUE);
    });

  // FHIR R4 IssueType `suppressed`: "not returned due to business rules, consent or privacy
  // rules, or access permission constraints". A server withholds by its rules on every read:
  // refused, a patient with any record withheld would get 412 on every call, and lose the card
  // of the finding the server did send (H131). Read as sent, as other warnings are.
  for (const severity of ['warning', 'information'])
    it(`answers the sent plasmacytoma's warning beside a ${severity} that some results were withheld`, async () => {
      const bundle = conditionsWithout(true);
      const conditions = {
        ...bundle,
        entry: [
          ...(bundle.entry ?? []),
          { resource: outcome(severity, 'suppressed'), search: { mode: 'outcome' } },
        ],
      };
      const response = await request(testApp()).post(SERVICE).send(skinExample({ conditions }));
      expect(response.status).toBe(200);
      expect(rulesOf(response.body)).toEqual(SOFT_TISSUE);
    });

  it('reads the answer as sent when the plasmacytoma itself was withheld: 200, no card', async () => {
    const response = await request(testApp())
      .post(SERVICE)
      .send(skinExample({ conditions: withheld('warning', 'suppressed') }));
    expect(response.status).toBe(200);
    expect(rulesOf(response.body)).toEqual([]);
  });
});

describe('an imaging search answer with results it does not hold is missing', () => {
  // The imaging keys are optional: missing, the cards say so and propose no scan (H02, H24).
  it.each([
    ['imagingStudies', /Imaging studies could not be obtained/],
    ['imagingReports', /Imaging reports could not be obtained/],
  ])('says %s could not be obtained when its entry carries no resource', async (key, said) => {
    // Beside the example's own: without it, a finding citing a study the search lacks says so.
    const bundle = keyOf(key) as fhir4.Bundle;
    const type = key === 'imagingStudies' ? 'ImagingStudy' : 'DiagnosticReport';
    const emptied = {
      ...bundle,
      entry: [
        ...(bundle.entry ?? []),
        { fullUrl: `${type}/${PATIENT}-ct2`, search: { mode: 'match' } },
      ],
    };
    const response = await request(testApp())
      .post(SERVICE)
      .send(skinExample({ [key]: emptied }));
    expect(response.status).toBe(200);
    expect(rulesOf(response.body)).toEqual(SOFT_TISSUE);
    expect(expectValidHookResponse(response.body).cards[0]?.detail).toMatch(said);
  });

  it('says imaging studies could not be obtained when the server says they may be incomplete', async () => {
    const bundle = keyOf('imagingStudies') as fhir4.Bundle;
    const studies = {
      ...bundle,
      entry: [
        ...(bundle.entry ?? []),
        { resource: outcome('warning', 'incomplete'), search: { mode: 'outcome' } },
      ],
    };
    const response = await request(testApp())
      .post(SERVICE)
      .send(skinExample({ imagingStudies: studies }));
    expect(response.status).toBe(200);
    expect(expectValidHookResponse(response.body).cards[0]?.detail).toMatch(
      /Imaging studies could not be obtained/,
    );
  });
});

// FHIR R4 IssueType `suppressed`: "not returned due to business rules, consent or privacy
// rules, or access permission constraints". The answer is read as sent (above), and the explain
// trace says that results were withheld, naming the key and never the server's diagnostics
// (H131). The patient is the example `leptomeningeal-with-cns`, whose leptomeningeal disease
// raises `emd-leptomeningeal` (critical) (fhir-resources/examples/README.md).
describe('the explain trace says when the server withheld results', () => {
  const LEPTO = 'leptomeningeal-with-cns';
  const LEPTO_CARDS = [['emd-leptomeningeal', 'critical']];
  const WITHHELD_LINE =
    'prefetch.conditions: the FHIR server says it withheld some results (OperationOutcome issue suppressed: consent, privacy or access rules); a finding among them cannot raise a card';
  const SECRET = 'Condition/lepto-withheld-hiv withheld by consent';

  /** The example's Conditions search, with an outcome entry of this issue type. */
  function leptoConditions(code: string | undefined): fhir4.Bundle {
    const bundle = (readExampleRequest(LEPTO).prefetch as Record<string, fhir4.Bundle>)
      .conditions as fhir4.Bundle;
    if (code === undefined) return bundle;
    const outcome: fhir4.OperationOutcome = {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'warning', code: code as 'suppressed', diagnostics: SECRET }],
    };
    return {
      ...bundle,
      entry: [...(bundle.entry ?? []), { resource: outcome, search: { mode: 'outcome' } }],
    };
  }

  function leptoRequest(conditions: fhir4.Bundle | undefined, fhirServer?: string) {
    const body = readExampleRequest(LEPTO);
    const { conditions: _sent, ...others } = body.prefetch as Prefetch;
    return {
      ...body,
      prefetch: conditions ? { ...others, conditions } : others,
      ...(fhirServer ? { fhirServer } : {}),
    };
  }

  async function traceOf(body: object, access = fhirAccessFor({ allowedServers: [] })) {
    const result = await callService('emd-patient-view', body, {
      settings: defaultSettings,
      now: SCENARIO_NOW,
      locale: 'en',
      newUuid: randomUUID,
      fhirAccess: access,
      metrics: NO_METRICS,
      audit: undefined,
    });
    return result.evaluation.trace.map((line) => line.message);
  }

  it('still gives the critical card of the sent leptomeningeal disease, and says so in the trace', async () => {
    const body = leptoRequest(leptoConditions('suppressed'));
    const response = await request(testApp()).post(SERVICE).send(body);
    expect(response.status).toBe(200);
    expect(rulesOf(response.body)).toEqual(LEPTO_CARDS);
    const trace = await traceOf(body);
    expect(trace).toContain(WITHHELD_LINE);
    expect(trace.filter((line) => line === WITHHELD_LINE)).toHaveLength(1);
    expect(JSON.stringify(trace)).not.toContain('lepto-withheld-hiv');
  });

  for (const code of [undefined, 'informational', 'too-costly'])
    it(`says nothing of results withheld for ${code ? `a ${code} warning` : 'no outcome entry'}`, async () => {
      const trace = await traceOf(leptoRequest(leptoConditions(code)));
      expect(trace.join('\n')).not.toMatch(/withheld/);
    });

  describe('read from the FHIR server', () => {
    let server: StubFhirServer | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });
    const access = (url: string) =>
      fhirAccessFor({
        allowedServers: [url],
        runnerFor: (base, token) => fhirKitRunner(base, token, { timeoutMs: 5000, maxPages: 5 }),
      });

    it('gives the critical card and says the server withheld results', async () => {
      server = await serveExamplePatient(LEPTO, {
        Condition: { body: leptoConditions('suppressed') },
      });
      const body = leptoRequest(undefined, server.url);
      const response = await request(testApp({ fhirAccess: access(server.url) }))
        .post(SERVICE)
        .send(body);
      expect(response.status).toBe(200);
      expect(rulesOf(response.body)).toEqual(LEPTO_CARDS);
      const trace = await traceOf(body, access(server.url));
      expect(trace).toContain(WITHHELD_LINE);
      expect(JSON.stringify(trace)).not.toContain('lepto-withheld-hiv');
    });

    it("says nothing of it when a prefetch refused whole said so and the server's answer does not", async () => {
      server = await serveExamplePatient(LEPTO);
      // Refused whole (a history Bundle, H43): nothing of it is used, nor what it said.
      const body = leptoRequest({ ...leptoConditions('suppressed'), type: 'history' }, server.url);
      const trace = await traceOf(body, access(server.url));
      expect(trace.join('\n')).not.toMatch(/withheld/);
      expect(server.requests.map((r) => r.path)).toEqual([`/fhir/Condition?patient=${LEPTO}`]);
    });
  });
});
