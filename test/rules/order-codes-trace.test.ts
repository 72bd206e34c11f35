/**
 * `emd-imaging-order` and the orders of the session (rules page §4: "the preferred order, if
 * not already drafted or recent"). An imaging order of this patient already ordered, drafted,
 * `active` or `on-hold` (CDS Hooks order-sign: orders being re-signed "would typically have a
 * status other than 'draft'"), is not proposed again, and the trace names it (H80); a draft
 * makes the rule fire only when it is coded in an imaging order value set, and a draft of this
 * patient in none is named with its codes. Each expected line is typed by hand.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import type { RuleOutcome } from '../../src/rules/rule-outcome.js';
import {
  defaultRuleSettings,
  draftOrder,
  icd,
  loinc,
  myeloma,
  NOW,
  orderContext,
  plasmacytoma,
  recentPetCt,
  recordOf,
  sct,
  SITE,
} from './fixtures.js';

const mm = myeloma('mm', { code: [icd('C90.02')], onset: '2024-01-01' });
const liver = plasmacytoma('liver', [SITE.liver], { onset: '2026-10-20' });
const brain = plasmacytoma('brain', [SITE.brain], { onset: '2026-10-20' });
const wholeBodyCt = draftOrder('ct', loinc('46305-9'));
const CPT = 'http://www.ama-assn.org/go/cpt';

const withStatus = (order: fhir4.ServiceRequest, status: fhir4.ServiceRequest['status']) => ({
  ...order,
  status,
});

function outcomeOf(
  resources: fhir4.Resource[],
  drafts: fhir4.ServiceRequest[],
  others: fhir4.ServiceRequest[] = [],
): RuleOutcome {
  const evaluation = evaluate({
    record: recordOf(resources),
    settings: defaultRuleSettings,
    context: orderContext(drafts, others),
    now: NOW,
  });
  const outcome = evaluation.outcomes.find((o) => o.ruleId === 'emd-imaging-order');
  if (!outcome) expect.fail('no emd-imaging-order outcome');
  return outcome;
}

describe('an imaging order already placed in the session is not proposed again (H80)', () => {
  for (const status of ['active', 'on-hold'] as const) {
    const pet = withStatus(draftOrder('pet', sct('443271005')), status);

    it(`order-select: a PET/CT ${status}, not selected, stops the PET/CT proposal and is named`, () => {
      const outcome = outcomeOf([mm, liver], [wholeBodyCt], [pet]);
      expect(outcome.fired).toBe(true);
      expect(outcome.workup.wholeBodyImaging).toBe(false);
      expect(outcome.explain).toEqual([
        'draft imaging order(s) ServiceRequest/ct for a patient with EMD or CNS disease',
        `already ordered in this session, so not proposed again: ServiceRequest/pet (${status})`,
      ]);
    });

    it(`order-sign: a PET/CT ${status} being re-signed does not make the card fire`, () => {
      // §4 "a draft imaging ServiceRequest" fires the rule; a placed order only stops a proposal.
      expect(outcomeOf([mm, liver], [pet]).fired).toBe(false);
    });
  }

  it('an active MRI brain leaves only the whole spine to propose', () => {
    const mrBrain = withStatus(draftOrder('mr', loinc('24590-2')), 'active');
    expect(outcomeOf([mm, brain], [wholeBodyCt, mrBrain]).workup.neuraxisMriParts).toEqual({
      brain: false,
      spine: true,
    });
  });

  it('does not name a placed PET/CT when a recent PET/CT covers the whole body anyway', () => {
    // §3.4: recent imaging, not the order, is why nothing is proposed; the trace says no more.
    const pet = withStatus(draftOrder('pet', sct('443271005')), 'active');
    const outcome = outcomeOf([mm, liver, recentPetCt('pet0')], [wholeBodyCt], [pet]);
    expect(outcome.workup.wholeBodyImaging).toBe(false);
    expect(outcome.explain).toEqual([
      'draft imaging order(s) ServiceRequest/ct for a patient with EMD or CNS disease',
    ]);
  });

  for (const status of ['revoked', 'completed', 'entered-in-error', 'unknown'] as const)
    it(`a PET/CT ${status} is not an order placed: PET/CT is still proposed`, () => {
      const pet = withStatus(draftOrder('pet', sct('443271005')), status);
      const outcome = outcomeOf([mm, liver], [wholeBodyCt], [pet]);
      expect(outcome.workup.wholeBodyImaging).toBe(true);
      expect(outcome.explain.join(' ')).not.toContain('already ordered');
    });

  it("another patient's active PET/CT does not stop the proposal", () => {
    const pet = withStatus(draftOrder('pet', sct('443271005'), 'p2'), 'active');
    expect(outcomeOf([mm, liver], [wholeBodyCt], [pet]).workup.wholeBodyImaging).toBe(true);
  });
});

describe('the trace of a draft in no imaging order value set', () => {
  const NO_IMAGING = "no draft imaging order of this patient's among the orders";
  const WHAT_TO_DO =
    'if it orders imaging, a site adds its code to that value set or to one it includes, such as orderPetCt (docs/configuring.md, example a)';

  it('names a PET/CT drafted under CPT 78815 and its code, and does not fire', () => {
    const pet = draftOrder('pet1', { system: CPT, code: '78815', display: 'PET with CT' });
    const outcome = outcomeOf([mm, liver], [pet]);
    expect(outcome.fired).toBe(false);
    expect(outcome.explain).toEqual([
      NO_IMAGING,
      `ServiceRequest/pet1 is a draft of this patient's, but its codes (78815 in ${CPT}) are in no imagingOrder value set (https://fhir.emd-cds.org/ValueSet/imaging-order); ${WHAT_TO_DO}`,
    ]);
  });

  it('says that a code sent with no system cannot be added, and names a draft with no code', () => {
    const bare = draftOrder('o1', { code: '78815' });
    const textOnly: fhir4.ServiceRequest = { ...draftOrder('o2'), code: { text: 'PET/CT' } };
    expect(outcomeOf([mm, liver], [bare, textOnly]).explain).toEqual([
      NO_IMAGING,
      `ServiceRequest/o1 is a draft of this patient's, but its codes (78815 in no system) are in no imagingOrder value set (https://fhir.emd-cds.org/ValueSet/imaging-order); ${WHAT_TO_DO}; 78815 has no code system, so no value set can hold it: the source must send each code with its system`,
      "ServiceRequest/o2 is a draft of this patient's with no code, so it is not read as an imaging order",
    ]);
  });

  it("names neither another patient's draft nor an order that is not a draft", () => {
    const others = draftOrder('o1', { system: CPT, code: '78815' }, 'p2');
    const active = withStatus(draftOrder('o2', { system: CPT, code: '78815' }), 'active');
    expect(outcomeOf([mm, liver], [others, active]).explain).toEqual([NO_IMAGING]);
  });
});
