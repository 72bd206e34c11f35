/**
 * One Condition in two versions in the same record (a read and a search made moments apart, a
 * history Bundle, an export that keeps each version), against the rules page: the record reads
 * the patient's data as it stands (§2), so a later version that says entered-in-error, refuted
 * or resolved is what counts (§2 Status, §6: no warning or critical card from such data), and
 * a later version that confirms the finding or moves it to this patient counts as well. Which
 * version is later comes from `meta.versionId` when both are whole numbers, else from
 * `meta.lastUpdated` (a UUID version id, as some servers write, tells no order).
 *
 * Each row names a Bundle of test/fixtures/record-versions/: a patient with confirmed myeloma
 * (C90.00, onset 2023-03-14) and a brain plasmacytoma (C90.20, SNOMED CT 12738006, onset
 * 2026-08-28) whose two versions are as the row says, in the order the row says. A confirmed
 * active brain plasmacytoma gives `emd-cns` critical (§4); a provisional one, warning (§2).
 * Played from the Bundle and over HTTP from its prefetch request (both versions in the
 * Condition search), as ./partial-dates.test.ts plays its Bundles.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildPatientRecord, flattenResources } from '../../src/rules/patient-record.js';
import { expectValidHookResponse, patientViewRequest, testApp } from '../support/app.js';
import { cardSummary, fixtureBundles } from './fixture-bundles.js';

interface VersionScenario {
  bundle: string;
  why: string;
  cards: string[];
}

const scenarios: VersionScenario[] = [
  {
    bundle: 'later-version-entered-in-error',
    why: '§2, §6: version 2 entered in error, after a confirmed version 1: ignored entirely, no card',
    cards: [],
  },
  {
    bundle: 'later-version-entered-in-error-first',
    why: '§2, §6: the same two versions, the later one arriving first: no card',
    cards: [],
  },
  {
    bundle: 'later-version-resolved',
    why: '§2: version 2 resolved with an abatement: history, which never raises a card of its own',
    cards: [],
  },
  {
    bundle: 'later-version-refuted-by-last-updated',
    why: '§2, §6: UUID version ids, the later by lastUpdated refuted: no card',
    cards: [],
  },
  {
    bundle: 'later-version-confirmed',
    why: '§2, §4: version 1 provisional, version 2 confirmed: the finding is confirmed, critical',
    cards: ['emd-cns critical'],
  },
  {
    bundle: 'later-version-this-patient',
    why: "§2, §4: version 1 another patient's, version 2 this patient's: this patient's CNS finding",
    cards: ['emd-cns critical'],
  },
];

const { read, firedFromBundle, cardsOverHttp } = fixtureBundles('record-versions');

describe.each(scenarios)('$bundle', (scenario) => {
  it(`evaluated from its transaction Bundle: ${scenario.why}`, () => {
    expect(firedFromBundle(scenario.bundle)).toEqual(scenario.cards);
  });

  it('gives the same cards over HTTP from its prefetch request', async () => {
    expect(cardSummary(await cardsOverHttp(scenario.bundle))).toEqual(scenario.cards);
  });
});

describe('the trace says which version was read', () => {
  it('names the version read and the one set aside, once however often each arrives', () => {
    const bundle = read('later-version-entered-in-error');
    // As a Bundle given for several prefetch keys arrives: each copy three times.
    const record = buildPatientRecord(
      'later-version-entered-in-error',
      flattenResources([bundle, bundle, bundle]),
    );
    expect(
      record.trace.filter(
        (line) => line.reference === 'Condition/later-version-entered-in-error-brain',
      ),
    ).toEqual([
      {
        reference: 'Condition/later-version-entered-in-error-brain',
        message:
          'arrived in more than one version: version 2, the latest, is read; set aside: version 1',
      },
    ]);
  });

  it('reads the first to arrive, and says nothing tells which is latest, when neither carries a version', () => {
    const condition = (verificationStatus: string): fhir4.Condition => ({
      resourceType: 'Condition',
      id: 'pc',
      subject: { reference: 'Patient/p1' },
      verificationStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
            code: verificationStatus,
          },
        ],
      },
    });
    const first = condition('confirmed');
    const record = buildPatientRecord('p1', [
      { resource: first },
      { resource: condition('entered-in-error') },
      // The same text again: the same resource, nothing to choose.
      { resource: condition('confirmed') },
    ]);
    expect(record.conditions.map((c) => c.resource)).toEqual([first]);
    expect(record.trace).toEqual([
      {
        reference: 'Condition/pc',
        message:
          'arrived more than once with different content, and nothing (meta.versionId, meta.lastUpdated) tells which is latest: the first to arrive is read',
      },
    ]);
  });
});

/**
 * An export that keeps each version may give each its version-specific fullUrl
 * (`…/Condition/x/_history/2`; FHIR R4's bdl-8 forbids it in a Bundle, exports write it all the
 * same). Those are versions of one resource, not two resources of two servers (H30): the later
 * one is read, as above. Each Bundle of test/fixtures/record-versions/versioned-fullurls-*.json
 * is a collection with absolute fullUrls: the patient, confirmed myeloma and two versions of a
 * brain plasmacytoma, as the row says.
 */
const versionedUrlScenarios: VersionScenario[] = [
  {
    bundle: 'versioned-fullurls-later-first',
    why: '§2, §6: version 2 (entered in error) arrives before version 1 (confirmed): no card',
    cards: [],
  },
  {
    bundle: 'versioned-fullurls-no-meta',
    why: '§2, §6: no meta; version 2 (entered in error) after version 1 only by the fullUrl: no card',
    cards: [],
  },
  {
    bundle: 'versioned-fullurls-confirmed',
    why: '§2, §4: no meta; version 1 provisional, version 2 confirmed: the critical CNS card',
    cards: ['emd-cns critical'],
  },
];

describe.each(versionedUrlScenarios)('$bundle', (scenario) => {
  it(`evaluated from its collection Bundle: ${scenario.why}`, () => {
    expect(firedFromBundle(scenario.bundle)).toEqual(scenario.cards);
  });

  it('gives the same cards over HTTP with the entries as the Conditions prefetch', async () => {
    const bundle = read(scenario.bundle);
    const [patient, ...conditions] = bundle.entry ?? [];
    const response = await request(testApp())
      .post('/cds-services/emd-patient-view')
      .send(
        patientViewRequest(scenario.bundle, {
          patient: patient?.resource,
          conditions: { resourceType: 'Bundle', type: 'searchset', entry: conditions },
        }),
      );
    expect(response.status).toBe(200);
    expect(cardSummary(expectValidHookResponse(response.body).cards)).toEqual(scenario.cards);
  });
});

describe('versions under version-specific fullUrls, in the trace', () => {
  it('names the version each fullUrl gives when meta gives none', () => {
    const record = buildPatientRecord(
      'versioned-fullurls-no-meta',
      flattenResources([read('versioned-fullurls-no-meta')]),
    );
    expect(
      record.trace.filter(
        (line) => line.reference === 'Condition/versioned-fullurls-no-meta-brain',
      ),
    ).toEqual([
      {
        reference: 'Condition/versioned-fullurls-no-meta-brain',
        message:
          'arrived in more than one version: version 2, the latest, is read; set aside: version 1',
      },
    ]);
  });

  it("keeps two servers' namesakes apart: the same Type/id under two bases is two resources (H30)", () => {
    const bundle = read('versioned-fullurls-confirmed');
    const entries = (bundle.entry ?? []).map((entry) =>
      entry.fullUrl?.endsWith('/_history/1')
        ? { ...entry, fullUrl: entry.fullUrl.replace('ehr.example.org', 'other.example.org') }
        : entry,
    );
    const twoServers: fhir4.Bundle = { ...bundle, entry: entries };
    const record = buildPatientRecord(
      'versioned-fullurls-confirmed',
      flattenResources([twoServers]),
    );
    expect(record.conditions.map((condition) => condition.reference).sort()).toEqual([
      'Condition/versioned-fullurls-confirmed-brain',
      'Condition/versioned-fullurls-confirmed-mm',
      // The second to arrive is cited by its fullUrl (H30).
      'https://ehr.example.org/fhir/Condition/versioned-fullurls-confirmed-brain/_history/2',
    ]);
  });
});
