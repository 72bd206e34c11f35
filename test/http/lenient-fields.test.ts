/**
 * H102, H103: an element that only dates or names a resource is read leniently (a null or ""
 * as absent, an everyday date spelling as its date, any other date as undatable, an id with
 * `_` as written), so one such element no longer makes the Conditions missing (412, no card).
 * H111–H113: nor does a null in a code, site, status or reference (read as absent), an
 * abatement in an everyday spelling or in text that is no date (an abatement: history), or an
 * STU3 string status (its code, or status text); nor a null item of a list the rules read (left
 * out, H111). H119: an abatementPeriod's dates are read as abatementDateTime's. A wrong type
 * where a card is decided (a code, status, site, subject, reference or abatement) still gives
 * 412 (H37), naming that field, not the date beside it. The patient is the example
 * `leptomeningeal-with-cns` (fhir-resources/examples/README.md): its meningeal plasmacytoma
 * gives the leptomeningeal card (rules page §4), with prefetch and from a FHIR server.
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
const PATIENT = 'leptomeningeal-with-cns';
const PLASMACYTOMA = `${PATIENT}-pc1`;
/** Rules page §4: leptomeningeal outranks parenchymal CNS; one critical card. */
const LEPTOMENINGEAL = [['emd-leptomeningeal', 'critical']];
/** §4: with the meningeal finding history or ignored, the temporal lobe lesion's critical card. */
const CNS = [['emd-cns', 'critical']];

type Entry = { resource: Record<string, unknown> };
type Prefetch = Record<string, { entry?: Entry[] } | null>;

/** The example's Conditions, its meningeal plasmacytoma changed by `change`. */
function conditionsWith(
  change: (plasmacytoma: Record<string, unknown>) => Record<string, unknown>,
): Entry[] {
  const prefetch = readExampleRequest(PATIENT).prefetch as Prefetch;
  return (prefetch['conditions']?.entry ?? []).map((entry) =>
    entry.resource['id'] === PLASMACYTOMA ? { ...entry, resource: change(entry.resource) } : entry,
  );
}

function withPlasmacytoma(
  change: (plasmacytoma: Record<string, unknown>) => Record<string, unknown>,
) {
  const body = readExampleRequest(PATIENT);
  const prefetch = body.prefetch as Prefetch;
  prefetch['conditions'] = { ...prefetch['conditions'], entry: conditionsWith(change) };
  return body;
}

/** The example's request with one more Condition among its prefetched ones. */
function withConditionAdded(resource: Record<string, unknown>) {
  const body = readExampleRequest(PATIENT);
  const prefetch = body.prefetch as Prefetch;
  prefetch['conditions'] = {
    ...prefetch['conditions'],
    entry: [...(prefetch['conditions']?.entry ?? []), { resource }],
  };
  return body;
}

const rulesOf = (body: unknown) =>
  expectValidHookResponse(body).cards.map((c) => [
    c.extension?.[CARD_EXTENSION.ruleId],
    c.indicator,
  ]);

/** The plasmacytoma's code, with each coding's display and the text as given. */
const codeWith = (plasmacytoma: Record<string, unknown>, display: unknown, text: unknown) => {
  const code = plasmacytoma['code'] as { coding: object[] };
  return { coding: code.coding.map((c) => ({ ...c, display })), text };
};

/** An onset written with a space for T, read as the date it spells: beside each problem below. */
const SPACED_ONSET = { onsetDateTime: '2026-10-20 08:00:00' };
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';

describe('one element that only dates or names the finding: 200 and its card (H102, H103)', () => {
  const lenient: [string, (c: Record<string, unknown>) => Record<string, unknown>][] = [
    ['an onset with a space for T', (c) => ({ ...c, ...SPACED_ONSET })],
    [
      'an onset with +0800 for +08:00',
      (c) => ({ ...c, onsetDateTime: '2026-10-20T08:00:00+0800' }),
    ],
    ['an onset with slashes', (c) => ({ ...c, onsetDateTime: '2026/10/20' })],
    ['an onset that is no date', (c) => ({ ...c, onsetDateTime: 'spring 2026' })],
    ['an onset that is a number', (c) => ({ ...c, onsetDateTime: 20261020 })],
    [
      'an onset of null and a recordedDate of ""',
      (c) => ({ ...c, onsetDateTime: null, recordedDate: '' }),
    ],
    [
      'an onsetPeriod whose start is null',
      (c) => ({ ...c, onsetDateTime: undefined, onsetPeriod: { start: null } }),
    ],
    ['code.text null and each display null', (c) => ({ ...c, code: codeWith(c, null, null) })],
    [
      'a body site text of null',
      (c) => ({ ...c, bodySite: [{ ...(c['bodySite'] as object[])[0], text: null }] }),
    ],
    ['an id with underscores', (c) => ({ ...c, id: 'ZY_2026_001' })],
    ['an id of null', (c) => ({ ...c, id: null })],
  ];
  it.each(lenient)('answers 200 with the critical card for %s', async (_name, change) => {
    const response = await request(testApp()).post(SERVICE).send(withPlasmacytoma(change));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual(LEPTOMENINGEAL);
  });

  it('cites a finding whose id has underscores by that id, exactly', async () => {
    const body = withPlasmacytoma((c) => ({ ...c, id: 'ZY_2026_001' }));
    const response = await request(testApp()).post(SERVICE).send(body);
    const [card] = expectValidHookResponse(response.body).cards;
    expect(card?.extension?.[CARD_EXTENSION.evidence]).toContain('Condition/ZY_2026_001');
  });
});

describe('a malformed Condition no rule reads is still left out (H37)', () => {
  it('leaves out a hypertension entry with an STU3 status whose code.text and display are null', async () => {
    const hypertension = {
      resourceType: 'Condition',
      id: 'legacy-htn',
      subject: { reference: `Patient/${PATIENT}` },
      clinicalStatus: 'active',
      code: {
        coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'I10', display: null }],
        text: null,
      },
    };
    const response = await request(testApp()).post(SERVICE).send(withConditionAdded(hypertension));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual(LEPTOMENINGEAL);
  });
});

describe('a null where a code, site, status or reference belongs: 200 and the card (H111)', () => {
  const site = (c: Record<string, unknown>) => (c['bodySite'] as { coding: object[] }[])[0];
  const nulls: [string, (c: Record<string, unknown>) => Record<string, unknown>][] = [
    [
      'a second code coding whose system is null',
      (c) => ({
        ...c,
        code: {
          coding: [...codeWith(c, undefined, undefined).coding, { system: null, code: 'X' }],
        },
      }),
    ],
    [
      'a second code coding whose code is null',
      (c) => ({
        ...c,
        code: {
          coding: [
            ...codeWith(c, undefined, undefined).coding,
            { system: 'urn:oid:1.2', code: null },
          ],
        },
      }),
    ],
    [
      'a second site coding whose system is null',
      (c) => ({
        ...c,
        bodySite: [{ coding: [...(site(c)?.coding ?? []), { system: null, code: 'HIS-0042' }] }],
      }),
    ],
    [
      'a verification coding whose system is null',
      (c) => ({ ...c, verificationStatus: { coding: [{ system: null, code: 'confirmed' }] } }),
    ],
    [
      'a clinicalStatus whose coding is null',
      (c) => ({ ...c, clinicalStatus: { coding: null, text: 'Active' } }),
    ],
    ['an evidence detail of null', (c) => ({ ...c, evidence: [{ detail: null }] })],
    [
      'an evidence reference of null',
      (c) => ({ ...c, evidence: [{ detail: [{ reference: null, display: 'MRI' }] }] }),
    ],
    [
      'a second body site whose coding is null',
      (c) => ({ ...c, bodySite: [site(c), { coding: null, text: 'leptomeninges' }] }),
    ],
  ];
  it.each(nulls)('answers 200 with the critical card for %s', async (_name, change) => {
    const response = await request(testApp()).post(SERVICE).send(withPlasmacytoma(change));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual(LEPTOMENINGEAL);
  });

  it('answers 200 with the critical card beside a hypertension entry whose coding system is null', async () => {
    const hypertension = {
      resourceType: 'Condition',
      id: 'htn',
      subject: { reference: `Patient/${PATIENT}` },
      code: {
        coding: [
          { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'I10' },
          { system: null, code: 'HIS-1' },
        ],
      },
    };
    const response = await request(testApp()).post(SERVICE).send(withConditionAdded(hypertension));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual(LEPTOMENINGEAL);
  });
});

describe('a null item in a list the rules read: 200 and the card (H111)', () => {
  const sites = (c: Record<string, unknown>) => c['bodySite'] as object[];
  const codings = (c: Record<string, unknown>) => (c['code'] as { coding: object[] }).coding;
  const nullItems: [string, (c: Record<string, unknown>) => Record<string, unknown>][] = [
    ['a body site list ending in null', (c) => ({ ...c, bodySite: [...sites(c), null] })],
    [
      'a code coding list ending in null',
      (c) => ({ ...c, code: { coding: [...codings(c), null] } }),
    ],
    ['an evidence list of null', (c) => ({ ...c, evidence: [null] })],
    ['an evidence detail list of null', (c) => ({ ...c, evidence: [{ detail: [null] }] })],
    [
      'a verification coding list beginning with null',
      (c) => ({
        ...c,
        verificationStatus: { coding: [null, { system: VERIFICATION, code: 'confirmed' }] },
      }),
    ],
  ];
  it.each(nullItems)('answers 200 with the critical card for %s', async (_name, change) => {
    const response = await request(testApp()).post(SERVICE).send(withPlasmacytoma(change));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual(LEPTOMENINGEAL);
  });

  // Rules page §3.3: a finding with no body site is unclassified (info); §4: the temporal lobe
  // lesion then gives emd-cns, as no leptomeningeal finding is left. A null is never a site.
  it('reads a body site list of null only as no site: unclassified, beside the CNS card', async () => {
    const response = await request(testApp())
      .post(SERVICE)
      .send(withPlasmacytoma((c) => ({ ...c, bodySite: [null] })));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual([...CNS, ['emd-unclassified', 'info']]);
  });

  // Rules page §2: a refuted Condition is ignored entirely, whatever nulls its list holds.
  it('reads a refuted status whose coding list begins with null as refuted: only the CNS card', async () => {
    const response = await request(testApp())
      .post(SERVICE)
      .send(
        withPlasmacytoma((c) => ({
          ...c,
          verificationStatus: { coding: [null, { system: VERIFICATION, code: 'refuted' }] },
        })),
      );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual(CNS);
  });
});

describe('abatementPeriod read as abatementDateTime is (H119)', () => {
  // Rules page §2: has an abatement → history; H96: one dated after now is not one yet; H106:
  // one dated before the Condition's onset (2026-10-05) says nothing of when it abated.
  it.each([
    ['starting after now, its zone without a colon', { start: '2027-03-01T00:00:00+0800' }],
    ['starting before the onset, its zone without a colon', { start: '2020-01-01T00:00:00+0800' }],
    // H122: a period holding nothing says nothing, as a null one (H69): read by its status.
    ['with a null start and end (an empty period)', { start: null, end: null }],
    ['with a blank start and no end (an empty period)', { start: ' ' }],
  ])('answers the critical card for the meningeal plasmacytoma %s', async (_name, period) => {
    const response = await request(testApp())
      .post(SERVICE)
      .send(withPlasmacytoma((c) => ({ ...c, abatementPeriod: period })));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual(LEPTOMENINGEAL);
  });

  it.each([
    ['spelled with a space', { start: '2026-10-25 00:00:00' }],
    ['with a null start and an end in slashes', { start: null, end: '2026/10/30' }],
    [
      'starting in text that is no date, ending after now',
      { start: 'after RT', end: '2027-03-01' },
    ],
  ])(
    'answers only the CNS card for the meningeal plasmacytoma abated %s',
    async (_name, period) => {
      const response = await request(testApp())
        .post(SERVICE)
        .send(withPlasmacytoma((c) => ({ ...c, abatementPeriod: period })));
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(rulesOf(response.body)).toEqual(CNS);
    },
  );
});

describe('an STU3 string status: 200, read as its code or as text (H113)', () => {
  it.each([
    ['clinicalStatus "active"', { clinicalStatus: 'active' }],
    ['clinicalStatus " Active "', { clinicalStatus: ' Active ' }],
    ['verificationStatus "confirmed"', { verificationStatus: 'confirmed' }],
  ])('answers 200 with the critical card for %s', async (_name, fields) => {
    const response = await request(testApp())
      .post(SERVICE)
      .send(withPlasmacytoma((c) => ({ ...c, ...fields })));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual(LEPTOMENINGEAL);
  });

  // Rules page §2: refuted and entered-in-error are ignored entirely; resolved is history. §4:
  // the temporal lobe lesion then gives emd-cns, as no active leptomeningeal finding is left.
  it.each([
    ['clinicalStatus "resolved"', { clinicalStatus: 'resolved' }],
    ['verificationStatus "refuted"', { verificationStatus: 'refuted' }],
    ['verificationStatus "entered-in-error"', { verificationStatus: 'Entered in Error' }],
  ])('answers 200 with only the CNS card for %s', async (_name, fields) => {
    const response = await request(testApp())
      .post(SERVICE)
      .send(withPlasmacytoma((c) => ({ ...c, ...fields })));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual(CNS);
  });
});

describe('abatementDateTime in an everyday spelling or no date: 200 (H112)', () => {
  // Rules page §2: a Condition that has an abatement is history; it raises no card of its own,
  // and §4 gives the temporal lobe lesion its emd-cns card.
  it.each([['2026-10-25 00:00:00'], ['2026-10-25T00:00:00+0800'], ['2026/10/25'], ['after RT']])(
    'answers 200 with only the CNS card for the meningeal plasmacytoma abated %j',
    async (written) => {
      const response = await request(testApp())
        .post(SERVICE)
        .send(withPlasmacytoma((c) => ({ ...c, abatementDateTime: written })));
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(rulesOf(response.body)).toEqual(CNS);
    },
  );
});

/**
 * The example's plasmacytoma as XML-to-JSON converters write an element that repeats once: its
 * code's coding, its (first) site and that site's coding each one object, not a list.
 */
const asConverted = (c: Record<string, unknown>) => {
  const [site] = c['bodySite'] as { coding: object[] }[];
  const { coding } = c['code'] as { coding: object[] };
  return { ...c, code: { coding: coding[0] }, bodySite: { ...site, coding: site?.coding[0] } };
};

/** A hypertension entry whose SNOMED CT code an exporter typed as a number. */
const HYPERTENSION_CODED_AS_NUMBER = {
  resourceType: 'Condition',
  id: 'htn',
  subject: { reference: `Patient/${PATIENT}` },
  code: { coding: [{ system: 'http://snomed.info/sct', code: 38341003 }] },
};

describe('a code as a JSON number, a one-item list as its item: 200 and the card (H134)', () => {
  it('answers 200 with the critical card for a plasmacytoma whose code, site and site coding are each one object', async () => {
    const body = withPlasmacytoma(asConverted);
    const response = await request(testApp()).post(SERVICE).send(body);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual(LEPTOMENINGEAL);
  });

  it('answers 200 with the critical card beside a hypertension entry whose code is a JSON number', async () => {
    const body = withConditionAdded(HYPERTENSION_CODED_AS_NUMBER);
    const response = await request(testApp()).post(SERVICE).send(body);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual(LEPTOMENINGEAL);
  });

  it('reads a refuted status whose coding is one object as refuted: only the CNS card', async () => {
    const body = withPlasmacytoma((c) => ({
      ...c,
      verificationStatus: {
        coding: {
          system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
          code: 'refuted',
        },
      },
    }));
    const response = await request(testApp()).post(SERVICE).send(body);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual(CNS);
  });
});

describe('what decides a card is still malformed data: 412 naming it (H37)', () => {
  const decisive: [string, (c: Record<string, unknown>) => Record<string, unknown>, RegExp][] = [
    // H134 reads a whole number as its digits; one whose digits JSON may have changed is not.
    [
      'a code that is a fraction',
      (c) => ({
        ...c,
        code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 90.2 }] },
      }),
      /\(code\.coding\[0\]\.code:/,
    ],
    [
      'a code that is a number beyond 2^53',
      (c) => ({
        ...c,
        code: { coding: [{ system: 'http://snomed.info/sct', code: 12345678901234567000 }] },
      }),
      /\(code\.coding\[0\]\.code:/,
    ],
    ['a status that is a number', (c) => ({ ...c, clinicalStatus: 7 }), /\(clinicalStatus:/],
    [
      'a coding system that is a number',
      (c) => ({
        ...c,
        code: { coding: [{ system: 7, code: 'C90.20' }] },
      }),
      /\(code\.coding\[0\]\.system:/,
    ],
    // H134 reads one object where a list belongs as that list; a string is neither.
    ['a body site that is a string', (c) => ({ ...c, bodySite: 'meninges' }), /\(bodySite:/],
    ['a subject that is a string', (c) => ({ ...c, subject: `Patient/${PATIENT}` }), /\(subject:/],
    [
      'an evidence reference that is a number',
      (c) => ({ ...c, evidence: [{ detail: [{ reference: 7 }] }] }),
      /\(evidence\[0\]\.detail\[0\]\.reference:/,
    ],
    // An abatement decides history (rules page §2): null or "" says nothing, and a number is a
    // wrong type; neither is read (H69's residual, H112).
    [
      'an abatement that is a number',
      (c) => ({ ...c, abatementDateTime: 20261025 }),
      /\(abatementDateTime:/,
    ],
    ['an abatement of null', (c) => ({ ...c, abatementDateTime: null }), /\(abatementDateTime:/],
    ['an abatement of ""', (c) => ({ ...c, abatementDateTime: '' }), /\(abatementDateTime:/],
    // H119: an abatementPeriod's date of a wrong type, as abatementDateTime's (H112).
    [
      'an abatementPeriod start that is a number',
      (c) => ({ ...c, abatementPeriod: { start: 20261025 } }),
      /\(abatementPeriod\.start:/,
    ],
    ['an id with a slash and a space', (c) => ({ ...c, id: 'ZY 2026/001' }), /\(id:/],
    ['an id of 257 characters', (c) => ({ ...c, id: `ZY_${'1'.repeat(254)}` }), /\(id:/],
  ];
  it.each(decisive)(
    'returns 412 naming the field of a plasmacytoma with %s, beside an onset read leniently',
    async (_name, change, named) => {
      const body = withPlasmacytoma((c) => change({ ...c, ...SPACED_ONSET }));
      const response = await request(testApp()).post(SERVICE).send(body);
      expect(response.status, JSON.stringify(response.body)).toBe(412);
      const { issue } = response.body as { issue: { diagnostics: string; expression: string[] }[] };
      expect(issue[0]?.expression).toEqual(['prefetch.conditions']);
      expect(issue[0]?.diagnostics).toMatch(named);
      expect(issue[0]?.diagnostics).not.toContain('onsetDateTime');
    },
  );
});

describe('the same from a FHIR server (H102, H103)', () => {
  let server: StubFhirServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function callWith(conditions: object[]) {
    server = await serveExamplePatient(PATIENT, { Condition: { body: searchset(conditions) } });
    const { prefetch: _sent, ...rest } = readExampleRequest(PATIENT);
    const app = testApp({
      fhirAccess: fhirAccessFor({
        allowedServers: [server.url],
        runnerFor: (url, token) => fhirKitRunner(url, token, { timeoutMs: 5000, maxPages: 5 }),
      }),
    });
    return request(app)
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
  }

  it('answers 200 with the critical card for a plasmacytoma with a spaced onset, null names and an id with underscores', async () => {
    const conditions = conditionsWith((c) => ({
      ...c,
      ...SPACED_ONSET,
      id: 'ZY_2026_001',
      code: codeWith(c, null, null),
    })).map((e) => e.resource);
    const response = await callWith(conditions);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual(LEPTOMENINGEAL);
  });

  it('answers 200 with the critical card for a plasmacytoma with an STU3 string status and null systems (H111, H113)', async () => {
    const conditions = conditionsWith((c) => ({
      ...c,
      ...SPACED_ONSET,
      clinicalStatus: 'active',
      verificationStatus: { coding: [{ system: null, code: 'confirmed' }] },
      code: { coding: [...codeWith(c, undefined, undefined).coding, { system: null, code: 'X' }] },
    })).map((e) => e.resource);
    const response = await callWith(conditions);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual(LEPTOMENINGEAL);
  });

  it('answers 200 with the critical card for a plasmacytoma with null items and an abatementPeriod after now (H111, H119)', async () => {
    const conditions = conditionsWith((c) => ({
      ...c,
      bodySite: [...(c['bodySite'] as object[]), null],
      evidence: [null],
      abatementPeriod: { start: '2027-03-01T00:00:00+0800' },
    })).map((e) => e.resource);
    const response = await callWith(conditions);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual(LEPTOMENINGEAL);
  });

  it('answers 200 with the critical card for a plasmacytoma written as XML converters write it, beside a code as a number (H134)', async () => {
    const conditions = [
      ...conditionsWith(asConverted).map((e) => e.resource),
      HYPERTENSION_CODED_AS_NUMBER,
    ];
    const response = await callWith(conditions);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rulesOf(response.body)).toEqual(LEPTOMENINGEAL);
  });

  it('returns 412 for a plasmacytoma with a status that is a number beside a spaced onset', async () => {
    const conditions = conditionsWith((c) => ({
      ...c,
      ...SPACED_ONSET,
      clinicalStatus: 7,
    })).map((e) => e.resource);
    const response = await callWith(conditions);
    expect(response.status).toBe(412);
    expect(JSON.stringify(response.body)).toMatch(/clinicalStatus/);
  });
});
