/**
 * A myeloma or plasma cell leukaemia Condition whose body site is a CNS, leptomeningeal or
 * soft-tissue / organ site (H86). Rules page §3.3 makes findings of plasmacytoma and
 * involvement codes only, so no card by the letter; §6 "never drops a finding silently", so
 * the trace names the site and how the record would say it. A bone or bone-marrow site adds
 * nothing. Each expected line is typed by hand from docs/clinical-safety.md H86.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import {
  condition,
  defaultRuleSettings,
  icd,
  NOW,
  PATIENT_ID,
  recordOf,
  SITE,
} from './fixtures.js';

function evaluationOf(code: string, site: fhir4.Coding) {
  const mm = condition('mm', { code: [icd(code)], sites: [site], onset: '2025-01-01' });
  return evaluate({
    record: recordOf([mm]),
    settings: defaultRuleSettings,
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  });
}

const linesOf = (evaluation: ReturnType<typeof evaluationOf>) =>
  evaluation.trace.filter((line) => line.reference === 'Condition/mm').map((line) => line.message);

const NOT_READ =
  'it is not read as a finding (rules page §3.3: only plasmacytoma and CNS / leptomeningeal involvement codes make findings), so it raises no card';

describe('a myeloma Condition naming a CNS, leptomeningeal or organ site (H86)', () => {
  it('plasma cell leukaemia in the CSF: a leptomeningeal line, and no card', () => {
    const evaluation = evaluationOf('C90.10', SITE.cerebrospinalFluid);
    expect(linesOf(evaluation)).toEqual([
      'myeloma Condition (https://fhir.emd-cds.org/ValueSet/plasma-cell-leukemia)',
      `the myeloma Condition names body site 65216001 (Cerebrospinal fluid), a leptomeningeal site (https://fhir.emd-cds.org/ValueSet/site-leptomeningeal); ${NOT_READ}; if it records leptomeningeal involvement, record a Condition coded as such: a code in the leptomeningealInvolvement value set (shipped empty: a site adds concepts such as myelomatous meningitis, docs/configuring.md §3), or a plasmacytoma code with this site`,
    ]);
    expect(evaluation.outcomes.filter((o) => o.fired)).toEqual([]);
  });

  it('myeloma in relapse in the brain: a CNS line', () => {
    expect(linesOf(evaluationOf('C90.02', SITE.brain))).toContain(
      `the myeloma Condition names body site 12738006 (Brain structure), a CNS site (https://fhir.emd-cds.org/ValueSet/site-cns); ${NOT_READ}; if it records CNS involvement, record a Condition coded as such: a code in the cnsInvolvement value set (shipped empty: a site adds concepts such as CNS myeloma, docs/configuring.md §3), or a plasmacytoma code with this site`,
    );
  });

  it('myeloma in the liver: an EMD line', () => {
    expect(linesOf(evaluationOf('C90.00', SITE.liver))).toContain(
      `the myeloma Condition names body site 10200004 (Liver structure), a soft-tissue / organ (EMD) site (https://fhir.emd-cds.org/ValueSet/site-soft-tissue-organ); ${NOT_READ}; if it records soft-tissue / organ (EMD) involvement, record a Condition coded as such: a plasmacytoma code (C90.2x, C90.3x) with this site`,
    );
  });

  for (const [name, site] of [
    ['bone marrow', SITE.boneMarrow],
    ['bone', SITE.bone],
    ['thoracic spine', SITE.thoracicSpine],
  ] as const)
    it(`myeloma in the ${name}: no line beside the myeloma Condition's own`, () => {
      expect(linesOf(evaluationOf('C90.00', site))).toEqual([
        'myeloma Condition (https://fhir.emd-cds.org/ValueSet/multiple-myeloma)',
      ]);
    });
});

describe('a Condition coded as myeloma and as a plasmacytoma, with a CSF site (H91)', () => {
  it('is read as a finding: no "not read as a finding" line, and its critical card fires', () => {
    const both = condition('mm', {
      code: [icd('C90.01'), icd('C90.20')],
      sites: [SITE.cerebrospinalFluid],
      onset: '2025-01-01',
    });
    const evaluation = evaluate({
      record: recordOf([both]),
      settings: defaultRuleSettings,
      context: { kind: 'patient-view', patientId: PATIENT_ID },
      now: NOW,
    });
    expect(linesOf(evaluation).filter((line) => line.includes(NOT_READ))).toEqual([]);
    expect(evaluation.outcomes.filter((o) => o.fired).map((o) => [o.ruleId, o.indicator])).toEqual([
      ['emd-leptomeningeal', 'critical'],
    ]);
  });
});
