/**
 * Issue #13: history never carries an alarm (rules page §2 "Status", §6). A relapse that rests
 * only on history, or only on uncertain Conditions, never raises a warning; a card that fires
 * because of the phase cites the Conditions that set it; and one final guard at the output of
 * evaluate() holds at info any warning or critical card that no active, readable, coded,
 * non-refuted Condition backs — whatever the configuration says.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type Evaluation } from '../../src/rules/evaluate.js';
import type { RuleOutcome } from '../../src/rules/rule-outcome.js';
import type { HookContext, RuleId, RuleSettings } from '../../src/rules/types.js';
import {
  daysFrom,
  defaultRuleSettings,
  icd,
  imagingStudy,
  loinc,
  myeloma,
  NOW,
  PATIENT_ID,
  plasmacytoma,
  recordOf,
  SITE,
} from './fixtures.js';

const mrBrain = imagingStudy('mr', {
  started: daysFrom(NOW, -2),
  modality: ['MR'],
  procedure: [loinc('24590-2')],
});
const review: HookContext = {
  kind: 'imaging-review',
  patientId: PATIENT_ID,
  imagingStudyId: 'mr',
};
function run(
  resources: fhir4.Resource[],
  context: HookContext = review,
  overrides: Partial<RuleSettings> = {},
): Evaluation {
  const settings = { ...defaultRuleSettings, ...overrides };
  return evaluate({ record: recordOf([mrBrain, ...resources]), settings, context, now: NOW });
}
function outcome(evaluation: Evaluation, ruleId: RuleId): RuleOutcome {
  const found = evaluation.outcomes.find((o) => o.ruleId === ruleId);
  if (!found) expect.fail(`no outcome for ${ruleId}`);
  return found;
}
const cnsReview = (evaluation: Evaluation) => outcome(evaluation, 'emd-cns-imaging-review');

describe('a relapse resting only on history raises no warning', () => {
  const history: [string, Partial<fhir4.Condition>][] = [
    [
      'resolved and abated',
      {
        clinicalStatus: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
              code: 'resolved',
            },
          ],
        },
        abatementDateTime: '2019-06-01',
      },
    ],
    ['abated, status active', { abatementDateTime: '2020-01-01' }],
    ['resolved by text', { clinicalStatus: { text: 'resolved' } }],
  ];
  for (const [name, extra] of history) {
    it(`holds emd-cns-imaging-review at info for myeloma coded C90.02 but ${name}, and says why`, () => {
      const mm = myeloma('mm', { code: [icd('C90.02')], onset: '2015-01-01', extra });
      const card = cnsReview(run([mm]));
      expect([card.fired, card.indicator]).toEqual([true, 'info']);
      expect(card.holds).toEqual(['phase-history']);
      expect(card.explain.join('\n')).toMatch(/relapse rests only on history/);
    });
  }

  it('keeps a myeloma patient whose only myeloma Condition is history (rules page §3.1)', () => {
    const mm = myeloma('mm', { code: [icd('C90.02')], extra: { abatementDateTime: '2019-06-01' } });
    expect(run([mm]).facts.myeloma.isMyelomaPatient).toBe(true);
  });

  it('warns, citing the relapse Condition, when myeloma coded C90.02 is active (item 8)', () => {
    const card = cnsReview(run([myeloma('mm', { code: [icd('C90.02')] })]));
    expect(card.indicator).toBe('warning');
    expect(card.evidence).toEqual(['ImagingStudy/mr', 'Condition/mm']);
  });

  // Mutation testing (session 44): the history ceiling was asked of a card with findings too.
  it('warns for an active liver plasmacytoma beside a relapse resting on history (§4)', () => {
    const mm = myeloma('mm', {
      code: [icd('C90.02')],
      onset: '2015-01-01',
      extra: { abatementDateTime: '2019-06-01' },
    });
    const card = cnsReview(run([mm, plasmacytoma('liver', [SITE.liver])]));
    expect([card.fired, card.indicator]).toEqual([true, 'warning']);
    expect(card.holds).toEqual([]);
  });

  it('prefers an active relapse record to a historical one', () => {
    const old = myeloma('old', {
      code: [icd('C90.02')],
      extra: { abatementDateTime: '2019-06-01' },
    });
    const now = myeloma('now', { code: [icd('C90.02')] });
    const card = cnsReview(run([old, now]));
    expect(card.indicator).toBe('warning');
    // Mutation testing (session 44): only the record the phase rests on is evidence (rules page
    // §4, "the resources that made it fire"), not the historical one beside it.
    expect(card.evidence).toEqual(['ImagingStudy/mr', 'Condition/now']);
  });
});

describe('a phase set by an uncertain finding lowers the cards that rest on it', () => {
  const inRemission = myeloma('mm', { code: [icd('C90.01')], onset: '2015-01-01' });

  it('lowers emd-cns-imaging-review to info when an unconfirmed liver finding during remission sets the relapse', () => {
    const liver = plasmacytoma('liver', [SITE.liver], { verificationStatus: 'unconfirmed' });
    const card = cnsReview(run([inRemission, liver]));
    expect(card.indicator).toBe('info');
    expect(card.lowering).toEqual(['finding-uncertain']);
  });

  it('holds it at info when the relapse rests only on an unconfirmed paraskeletal finding', () => {
    const spine = plasmacytoma('l3', [SITE.lumbarSpine], { verificationStatus: 'provisional' });
    const card = cnsReview(run([inRemission, spine]));
    expect(card.indicator).toBe('info');
    expect(card.holds).toEqual(['phase-uncertain']);
    expect(card.evidence).toEqual(['ImagingStudy/mr', 'Condition/l3', 'Condition/mm']);
  });

  it('warns when a confirmed paraskeletal finding during remission sets the relapse, citing both', () => {
    const spine = plasmacytoma('l3', [SITE.lumbarSpine]);
    const card = cnsReview(run([inRemission, spine]));
    expect(card.indicator).toBe('warning');
    expect(card.evidence).toEqual(['ImagingStudy/mr', 'Condition/l3', 'Condition/mm']);
  });

  // Mutation testing (session 44): no test set the relapse by a confirmed finding coded in the
  // relapse value set alone, nor by a remission beside findings of mixed certainty.
  it('warns when a confirmed spine plasmacytoma coded C90.32 sets the relapse (§3.2)', () => {
    const mm = myeloma('mm', { onset: '2015-01-01' });
    const spine = plasmacytoma('l3', [SITE.lumbarSpine], { code: [icd('C90.32')] });
    const card = cnsReview(run([mm, spine]));
    expect([card.fired, card.indicator, card.holds]).toEqual([true, 'warning', []]);
  });

  it('warns when one of two paraskeletal findings during remission is confirmed (§3.2)', () => {
    const l3 = plasmacytoma('l3', [SITE.lumbarSpine]);
    const t4 = plasmacytoma('t4', [SITE.thoracicSpine], { verificationStatus: 'provisional' });
    const card = cnsReview(run([inRemission, t4, l3]));
    expect([card.fired, card.indicator, card.holds]).toEqual([true, 'warning', []]);
  });

  it('holds it at info when the only relapse record is a provisional myeloma beside a confirmed one', () => {
    const confirmed = myeloma('mm', { onset: '2015-01-01' });
    const relapse = myeloma('mm2', { code: [icd('C90.02')], verificationStatus: 'provisional' });
    const card = cnsReview(run([confirmed, relapse]));
    expect(card.indicator).toBe('info');
    expect(card.holds).toEqual(['phase-uncertain']);
  });
});

describe('the output guard of evaluate() (rules page §6)', () => {
  const pv: HookContext = { kind: 'patient-view', patientId: PATIENT_ID };
  const mm = myeloma('mm', { onset: '2019-05-01' });

  it('holds at info a card raised by configuration that no Condition backs, and reports it', () => {
    const pet = imagingStudy('pet', { started: daysFrom(NOW, -2), modality: ['PT', 'CT'] });
    const context: HookContext = { ...review, imagingStudyId: 'pet' };
    const evaluation = run([mm, pet], context, { indicators: { 'emd-imaging-review': 'warning' } });
    const card = outcome(evaluation, 'emd-imaging-review');
    expect(card.indicator).toBe('info');
    expect(card.holds).toEqual(['output-guard']);
    expect(card.explain.join('\n')).toMatch(/output guard/);
    expect(evaluation.guardActions).toEqual([{ ruleId: 'emd-imaging-review', guard: 'output' }]);
  });

  it('keeps §2 lowering: an unconfirmed CNS finding gives a warning, and the guard does not act', () => {
    const brain = plasmacytoma('brain', [SITE.brain], { verificationStatus: 'unconfirmed' });
    const evaluation = run([mm, brain], pv);
    expect(outcome(evaluation, 'emd-cns').indicator).toBe('warning');
    expect(evaluation.guardActions).toEqual([]);
  });

  it('does not act on a critical card backed by an active confirmed finding', () => {
    const evaluation = run([mm, plasmacytoma('brain', [SITE.brain])], pv);
    expect(outcome(evaluation, 'emd-cns').indicator).toBe('critical');
    expect(evaluation.guardActions).toEqual([]);
  });
});
