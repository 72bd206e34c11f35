/**
 * `emd-reported-not-listed` (rules page §4) classifies each finding code of a report once per
 * call (§3.3): the merge of one report's codes coded twice (H68) and the merge of one finding
 * across reports (H59) share that class, rather than the second classifying the merged code
 * again. A class comes from §3.3's first match, whose step 1 asks whether the code is in the
 * leptomeningeal involvement value set: so each classification of a code at sites outside the
 * leptomeningeal value set asks that once, and the count of those questions is the count of
 * classifications. The card is the same either way (test/rules/reported-findings.test.ts, the
 * decision table).
 */
import { describe, expect, it, vi } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import {
  defaultRuleSettings,
  icd,
  icdo3,
  liverPlasmacytomaReport,
  myeloma,
  NOW,
  PATIENT_ID,
  recentPetCt,
  recordOf,
  SITE,
  terminologyAdding,
} from './fixtures.js';

/** A terminology of its own (the shipped value sets), so spying on it touches no other test. */
const terminology = terminologyAdding({});

/** How often one call asks whether codings holding C90.20 are in the leptomeningeal value set. */
function leptomeningealQuestions(conclusionCode: fhir4.CodeableConcept[]): number {
  const match = vi.spyOn(terminology, 'match');
  const asked = () =>
    match.mock.calls.filter(
      ([role, codings]) =>
        role === 'leptomeningealInvolvement' && codings?.some((c) => c.code === 'C90.20'),
    ).length;
  const report = { ...liverPlasmacytomaReport('r1', ['ImagingStudy/s1']), conclusionCode };
  const outcome = evaluate({
    record: recordOf([myeloma('mm', { code: [icd('C90.02')] }), recentPetCt('s1'), report]),
    settings: { ...defaultRuleSettings, terminology },
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  }).outcomes.find((o) => o.ruleId === 'emd-reported-not-listed');
  // One Condition to propose, coded C90.20 and 9734/3, at the liver (H68).
  expect(outcome?.reported.map((f) => f.code.coding?.map((c) => c.code))).toEqual([
    ['C90.20', '9734/3'],
  ]);
  const count = asked();
  match.mockRestore();
  return count;
}

describe('a report’s finding codes are classified once per call (§3.3)', () => {
  it('C90.20 and 9734/3 as two conclusion codes at the liver: C90.20 once', () => {
    const codes = [{ coding: [icd('C90.20')] }, { coding: [icdo3('9734/3')] }];
    expect(leptomeningealQuestions([...codes, { coding: [SITE.liver] }])).toBe(1);
  });

  it('C90.20 and 9734/3 as codings of one conclusion code at the liver: once', () => {
    const code = { coding: [icd('C90.20'), icdo3('9734/3')] };
    expect(leptomeningealQuestions([code, { coding: [SITE.liver] }])).toBe(1);
  });
});
