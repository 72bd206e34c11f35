/**
 * A plasmacytoma coded in remission (ICD-10-CM C90.21, C90.31: the myeloma-remission value set)
 * is history whatever its clinicalStatus says (H84; rules page §3.2 reads C90.x1 as "in
 * remission", §2 makes a Condition in remission history). The trace says so, and why. Each
 * expected line is typed by hand from docs/clinical-safety.md H84.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import {
  condition,
  defaultRuleSettings,
  icd,
  myeloma,
  NOW,
  PATIENT_ID,
  recordOf,
  SITE,
} from './fixtures.js';

const mm = myeloma('mm', { code: [icd('C90.01')], onset: '2022-01-01' });
const LIVER_CLASS =
  'class emd: body site 10200004 (Liver structure) is in https://fhir.emd-cds.org/ValueSet/site-soft-tissue-organ';

function evaluationOf(clinicalStatus: string | undefined, code = 'C90.21') {
  const pc1 = condition('pc1', {
    code: [icd(code)],
    sites: [SITE.liver],
    ...(clinicalStatus ? { clinicalStatus } : {}),
    onset: '2023-01-01',
  });
  return evaluate({
    record: recordOf([mm, pc1]),
    settings: defaultRuleSettings,
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  });
}

const lineOf = (evaluation: ReturnType<typeof evaluationOf>) =>
  evaluation.trace.find((line) => line.reference === 'Condition/pc1')?.message;

describe('a plasmacytoma coded in remission (H84)', () => {
  it('with no clinicalStatus is history, and the line says the code made it so', () => {
    const evaluation = evaluationOf(undefined);
    expect(lineOf(evaluation)).toBe(
      `history finding (coded in remission (C90.21)), ${LIVER_CLASS}; it has no clinicalStatus (read as active), but its code C90.21 says in remission, as rules page §3.2 reads C90.x1 (the code is the more specific statement): history, it raises no card of its own and sets no phase`,
    );
    expect(evaluation.outcomes.filter((o) => o.fired)).toEqual([]);
    expect(evaluation.trace).toContainEqual({
      message:
        'phase unknown: no active finding began within 90 days of the myeloma diagnosis, and nothing records a relapse',
    });
  });

  it('with clinicalStatus active is history, and the line names the status it overrides', () => {
    expect(lineOf(evaluationOf('active'))).toBe(
      `history finding (coded in remission (C90.21)), ${LIVER_CLASS}; its clinicalStatus reads active, but its code C90.21 says in remission, as rules page §3.2 reads C90.x1 (the code is the more specific statement): history, it raises no card of its own and sets no phase`,
    );
  });

  it('with clinicalStatus resolved is history by both, with no further words', () => {
    expect(lineOf(evaluationOf('resolved'))).toBe(
      `history finding (clinicalStatus resolved, coded in remission (C90.21)), ${LIVER_CLASS}`,
    );
  });

  it('coded C90.20 (not in remission) stays an active finding', () => {
    expect(lineOf(evaluationOf(undefined, 'C90.20'))).toBe(`active finding, ${LIVER_CLASS}`);
  });
});
