/**
 * H109 on a report (records probe 10): an imaging report whose conclusion is coded with a
 * national or local extension of a finding's value-set code (China's national clinical edition
 * `C90.200x001` under ICD-10-CM's URI; ICD-O-3 with a fifth morphology digit, `97320/3`) is in
 * no value set (rules page §2: a code matches by system + code). §6: never drop a finding
 * silently: the explain trace names the conclusion, the code it extends and what to do. No card.
 * Expected lines are typed from the rules page and the value sets' codes, not computed.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import {
  daysFrom,
  defaultRuleSettings,
  icd,
  icdo3,
  myeloma,
  NOW,
  PATIENT_ID,
  RAD,
  recordOf,
  SITE,
} from './fixtures.js';

const mm = myeloma('mm', { code: [icd('C90.02')], onset: '2023-03-14' });

function report(conclusions: fhir4.Coding[][]): fhir4.DiagnosticReport {
  return {
    resourceType: 'DiagnosticReport',
    id: 'r1',
    status: 'final',
    category: [{ coding: [RAD] }],
    subject: { reference: `Patient/${PATIENT_ID}` },
    code: { text: 'PET/CT report' },
    effectiveDateTime: daysFrom(NOW, -20),
    conclusionCode: conclusions.map((coding) => ({ coding })),
  };
}

function outcomeOf(conclusions: fhir4.Coding[][]) {
  const outcome = evaluate({
    record: recordOf([mm, report(conclusions)]),
    settings: defaultRuleSettings,
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  }).outcomes.find((o) => o.ruleId === 'emd-reported-not-listed');
  if (!outcome) throw new Error('emd-reported-not-listed did not run');
  return outcome;
}

describe('a report concluding a finding in an extension of its value-set code (H109)', () => {
  it('names a national ICD-10-CM extension and the code it extends, and raises no card', () => {
    const outcome = outcomeOf([[icd('C90.200x001')], [SITE.liver]]);
    expect(outcome.fired).toBe(false);
    expect(outcome.explain).toContain(
      'DiagnosticReport/r1: conclusion ICD-10-CM C90.200x001 extends value-set code C90.20 with characters of its own (a national or local extension), and is in no loaded value set: it was not read, so the report is not checked against the problem list; add C90.200x001 to the extramedullaryPlasmacytoma value set if it means C90.20, or have the feed send C90.20 (docs/configuring.md, example h)',
    );
  });

  it('names an ICD-O-3 morphology with a fifth digit', () => {
    const outcome = outcomeOf([[icdo3('97340/3')], [SITE.liver]]);
    expect(outcome.explain.join('\n')).toContain(
      'DiagnosticReport/r1: conclusion ICD-O-3 97340/3 extends value-set code 9734/3',
    );
  });

  it("says nothing of an extension of a code that is no finding's (myeloma's C90.00)", () => {
    const outcome = outcomeOf([[icd('C90.000x001')], [SITE.liver]]);
    expect(outcome.explain.join('\n')).not.toContain('extends value-set code');
  });

  it('reads the value-set code itself as before: the report is proposed', () => {
    expect(outcomeOf([[icd('C90.20')], [SITE.liver]]).fired).toBe(true);
  });
});
