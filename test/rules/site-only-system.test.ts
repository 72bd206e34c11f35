/**
 * H105: a hospital that uses one local code system for everything and adds only its local
 * site codes to the site value sets. Rules page §2 "Text only": "A Condition with no coding
 * from a known system … where its text matches the configurable plasmacytoma patterns … raises
 * `emd-unclassified` (info) asking for it to be coded". A system only a site value set uses
 * says nothing of what a diagnosis coded in it is, so such a plasmacytoma is still text-only:
 * the site's site code must not take away its only card (the informatics probe, session 36).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import {
  condition,
  defaultRuleSettings,
  icd,
  local,
  myeloma,
  NOW,
  PATIENT_ID,
  recordOf,
  terminologyAdding,
} from './fixtures.js';

const SITE_SOFT_TISSUE = 'https://fhir.emd-cds.org/ValueSet/site-soft-tissue-organ';
const PLASMACYTOMA = 'https://fhir.emd-cds.org/ValueSet/extramedullary-plasmacytoma';

/** A plasmacytoma the hospital codes in its own system, with a code in no value set. */
const localPlasmacytoma = condition('pc1', {
  code: [local('ZL-0042')],
  text: '髓外浆细胞瘤',
  sites: [local('PERIRENAL-FAT')],
  clinicalStatus: 'active',
  verificationStatus: 'confirmed',
  onset: '2026-10-20',
});

function play(added: Record<string, fhir4.Coding[]>) {
  const result = evaluate({
    record: recordOf([myeloma('mm', { code: [icd('C90.02')] }), localPlasmacytoma]),
    settings: { ...defaultRuleSettings, terminology: terminologyAdding(added) },
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  });
  return {
    fired: result.outcomes.filter((o) => o.fired).map((o) => `${o.ruleId}: ${o.indicator}`),
    trace: result.trace.map((line) => line.message),
  };
}

describe('a local system only the site value sets use does not make a diagnosis coded in it known (H105)', () => {
  it('before the site adds anything: emd-unclassified (info), asking for the code', () => {
    expect(play({}).fired).toEqual(['emd-unclassified: info']);
  });

  it('after it adds its local site code to a site value set: still emd-unclassified (info)', () => {
    const { fired, trace } = play({ [SITE_SOFT_TISSUE]: [local('PERIRENAL-FAT')] });
    expect(fired).toEqual(['emd-unclassified: info']);
    expect(trace).toContainEqual(
      expect.stringContaining(
        'has no coding from a known system (only codes in a system only site, imaging or order value sets use: https://ehr.example.org/CodeSystem/local)',
      ),
    );
  });

  it('once it adds a local plasmacytoma code to a plasmacytoma value set, the system is known for diagnoses', () => {
    // The same system now names diagnoses; this code is in no value set, so by §2 it is coded
    // in a known system and not text-only (the trace says so); the listed code would be read.
    const { fired } = play({
      [SITE_SOFT_TISSUE]: [local('PERIRENAL-FAT')],
      [PLASMACYTOMA]: [local('ZL-0001')],
    });
    expect(fired).toEqual([]);
  });

  it('and a plasmacytoma coded with the listed local code at the listed local site is true EMD (warning)', () => {
    const listed = { ...localPlasmacytoma, code: { coding: [local('ZL-0001')] } };
    const result = evaluate({
      record: recordOf([myeloma('mm', { code: [icd('C90.02')] }), listed]),
      settings: {
        ...defaultRuleSettings,
        terminology: terminologyAdding({
          [SITE_SOFT_TISSUE]: [local('PERIRENAL-FAT')],
          [PLASMACYTOMA]: [local('ZL-0001')],
        }),
      },
      context: { kind: 'patient-view', patientId: PATIENT_ID },
      now: NOW,
    });
    expect(
      result.outcomes.filter((o) => o.fired).map((o) => `${o.ruleId}: ${o.indicator}`),
    ).toEqual(['emd-soft-tissue: warning']);
  });
});
