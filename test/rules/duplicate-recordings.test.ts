/**
 * Rules page §2 "Duplicates": the same finding recorded several times (same class and site,
 * e.g. one problem-list entry plus encounter diagnoses) is listed once, with all its references.
 * What one recording says of the relapse (§3.2: coded in the relapse value set, or clinicalStatus
 * relapse) is said of the finding. Written after mutation testing (session 44): the merge of
 * recordings that differ in these went unchecked.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type Evaluation } from '../../src/rules/evaluate.js';
import type { HookContext, RuleId } from '../../src/rules/types.js';
import {
  defaultRuleSettings,
  icd,
  icdo3,
  liverPlasmacytomaReport,
  local,
  myeloma,
  NOW,
  PATIENT_ID,
  plasmacytoma,
  recordOf,
  SITE,
} from './fixtures.js';

const context: HookContext = { kind: 'patient-view', patientId: PATIENT_ID };
const run = (resources: fhir4.Resource[]): Evaluation =>
  evaluate({ record: recordOf(resources), settings: defaultRuleSettings, context, now: NOW });
const card = (evaluation: Evaluation, ruleId: RuleId) =>
  evaluation.outcomes.find((o) => o.ruleId === ruleId && o.fired);
// Diagnosed years ago: no finding is near the diagnosis, so only a relapse sets a phase.
const mm = myeloma('mm', { onset: '2015-01-01' });

describe('recordings of one finding are listed once (rules page §2 "Duplicates")', () => {
  it('lists once two recordings of one finding that name its sites in another order', () => {
    const problem = plasmacytoma('problem', [SITE.liver, SITE.kidney], { onset: '2026-09-01' });
    const encounter = plasmacytoma('encounter', [SITE.kidney, SITE.liver], {
      onset: '2026-09-03',
    });
    const evaluation = run([mm, problem, encounter]);
    const findings = card(evaluation, 'emd-soft-tissue')?.findings ?? [];
    expect(findings.map((f) => f.references)).toEqual([
      ['Condition/problem', 'Condition/encounter'],
    ]);
    expect(evaluation.facts.phase.phase).toBe('unknown');
  });

  it('is relapsed when one recording of the finding is coded in relapse (C90.22, §3.2)', () => {
    const problem = plasmacytoma('problem', [SITE.liver]);
    const encounter = plasmacytoma('encounter', [SITE.liver], { code: [icd('C90.22')] });
    expect(run([mm, problem, encounter]).facts.phase.phase).toBe('relapsed');
  });

  it('is relapsed when one recording of the finding has clinicalStatus relapse (§3.2)', () => {
    const problem = plasmacytoma('problem', [SITE.liver]);
    const encounter = plasmacytoma('encounter', [SITE.liver], { clinicalStatus: 'relapse' });
    expect(run([mm, problem, encounter]).facts.phase.phase).toBe('relapsed');
  });

  // Issue #13 (src/rules/source-guards.ts): a card no readable status backs is info at most.
  it('holds at info a brain finding whose every recording has a status that cannot be read', () => {
    const unread = { clinicalStatus: { coding: [local('A1')] } };
    const evaluation = run([
      mm,
      plasmacytoma('problem', [SITE.brain], { extra: unread }),
      plasmacytoma('encounter', [SITE.brain], { extra: unread }),
    ]);
    const cns = card(evaluation, 'emd-cns');
    expect([cns?.indicator, cns?.holds]).toEqual(['info', ['status-unreadable']]);
  });

  // §4 emd-reported-not-listed: not proposed when a finding Condition "has the same code and
  // site". The duplicates' merged finding answers for each recording's codes, not the first's.
  it("counts a report as listed by the second recording's code (C90.20 at the liver)", () => {
    const problem = plasmacytoma('problem', [SITE.liver], { code: [icdo3('9734/3')] });
    const encounter = plasmacytoma('encounter', [SITE.liver]);
    const report = liverPlasmacytomaReport('dr', []);
    const evaluation = run([mm, problem, encounter, report]);
    expect(card(evaluation, 'emd-soft-tissue')?.findings.map((f) => f.references)).toEqual([
      ['Condition/problem', 'Condition/encounter'],
    ]);
    expect(card(evaluation, 'emd-reported-not-listed')).toBeUndefined();
  });
});
