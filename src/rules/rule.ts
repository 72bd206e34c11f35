import type { PatientFacts } from './patient-facts.js';
import type { RuleOutcome } from './rule-outcome.js';
import type { HookContext, RuleId, RuleSettings } from './types.js';

/** One clinical rule of the rules page §4: a pure function of the patient's facts. */
export interface Rule {
  id: RuleId;
  evaluate(facts: PatientFacts, context: HookContext, settings: RuleSettings): RuleOutcome;
}
