/**
 * A dry run (`emd-cds evaluate`, the console) gives each prefetch key the Bundle's resources of
 * its type, each other entry's place kept so that a problem is named at the file's own index.
 * H131: a search answer's result that carries no resource is refused (FHIR R4 bdl-5: an entry
 * "must be a resource unless there's a request or response"), so a place kept must not read as
 * one; a transaction's request with no resource (a DELETE) is no one's data; and a searchset
 * whose result carries no resource is refused as over HTTP, never read as fewer Conditions.
 * Expected card from the rules page §4: an active `emd` finding (liver) → emd-soft-tissue,
 * warning.
 */
import { describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { evaluateBundle } from '../../src/cds/dry-run.js';
import { ServiceError } from '../../src/errors.js';
import { defaultSettings, SCENARIO_NOW } from '../support/app.js';

const subject = { reference: 'Patient/p1' };
const ICD_10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const myeloma = {
  resourceType: 'Condition',
  id: 'mm',
  subject,
  code: { coding: [{ system: ICD_10_CM, code: 'C90.02' }] },
  onsetDateTime: '2024-01-01',
};
const liverPlasmacytoma = {
  resourceType: 'Condition',
  id: 'pc1',
  subject,
  code: { coding: [{ system: ICD_10_CM, code: 'C90.20' }] },
  bodySite: [{ coding: [{ system: 'http://snomed.info/sct', code: '10200004' }] }],
  onsetDateTime: '2026-10-20',
};
const ct = {
  resourceType: 'ImagingStudy',
  id: 'ct1',
  subject,
  status: 'available',
  started: '2026-10-18',
};

const evaluate = (bundle: object) =>
  evaluateBundle(bundle as fhir4.Bundle, defaultSettings, {
    hook: 'patient-view',
    patientId: 'p1',
    studyId: undefined,
    locale: 'en',
    now: SCENARIO_NOW,
  });
const rulesOf = (result: Awaited<ReturnType<typeof evaluate>>) =>
  result.response.cards.map((c) => [c.extension?.[CARD_EXTENSION.ruleId], c.indicator]);

describe('a dry run of a Bundle whose entries are of several types', () => {
  it('gives the card, the study and the Conditions each read by its own key', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: myeloma }, { resource: ct }, { resource: liverPlasmacytoma }],
    };
    expect(rulesOf(await evaluate(bundle))).toEqual([['emd-soft-tissue', 'warning']]);
  });

  it("reads past a transaction's DELETE, which holds a request and no resource", async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: myeloma, request: { method: 'PUT', url: 'Condition/mm' } },
        { request: { method: 'DELETE', url: 'Condition/old' } },
        { resource: liverPlasmacytoma, request: { method: 'PUT', url: 'Condition/pc1' } },
      ],
    };
    expect(rulesOf(await evaluate(bundle))).toEqual([['emd-soft-tissue', 'warning']]);
  });

  // H145: a DELETE elsewhere records a deletion (a history's entries relabelled): read past,
  // the Condition it deleted was read as live from its earlier version. Refused as over HTTP.
  it("refuses a searchset holding a history's DELETE, never reading the deleted Condition", async () => {
    const brainPlasmacytoma = {
      ...liverPlasmacytoma,
      bodySite: [{ coding: [{ system: 'http://snomed.info/sct', code: '12738006' }] }],
    };
    const bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        { request: { method: 'DELETE', url: 'Condition/pc1' }, response: { status: '204' } },
        { resource: brainPlasmacytoma, request: { method: 'POST', url: 'Condition' } },
        { resource: myeloma, request: { method: 'POST', url: 'Condition' } },
      ],
    };
    const failure = evaluate(bundle);
    await expect(failure).rejects.toMatchObject({
      issues: [
        expect.objectContaining({
          expression: ['prefetch.conditions'],
          diagnostics: expect.stringContaining(
            'entry[0] records a deletion (request.method DELETE)',
          ) as unknown,
        }),
      ],
    });
  });

  it("reads past a transaction's DELETE that carries a resource: a request, no one's data", async () => {
    const oldBrain = {
      ...liverPlasmacytoma,
      id: 'old',
      bodySite: [{ coding: [{ system: 'http://snomed.info/sct', code: '12738006' }] }],
    };
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: myeloma, request: { method: 'PUT', url: 'Condition/mm' } },
        { resource: oldBrain, request: { method: 'DELETE', url: 'Condition/old' } },
        { resource: liverPlasmacytoma, request: { method: 'PUT', url: 'Condition/pc1' } },
      ],
    };
    expect(rulesOf(await evaluate(bundle))).toEqual([['emd-soft-tissue', 'warning']]);
  });

  it('refuses a searchset whose result carries no resource, naming prefetch.conditions', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        { resource: myeloma, search: { mode: 'match' } },
        { fullUrl: 'Condition/pc1', search: { mode: 'match' } },
      ],
    };
    const failure = evaluate(bundle);
    await expect(failure).rejects.toBeInstanceOf(ServiceError);
    await expect(failure).rejects.toMatchObject({
      issues: [
        expect.objectContaining({
          expression: ['prefetch.conditions'],
          diagnostics: expect.stringContaining(
            'entry[1] is a search result with no resource (FHIR R4 bdl-5)',
          ) as unknown,
        }),
      ],
    });
  });
});
