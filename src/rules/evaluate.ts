/**
 * Entry point of the clinical logic: a pure function of (patient record, settings, hook
 * context, now) returning every rule's outcome with its explain trace.
 */
import { emdCnsImagingReview } from './emd-cns-imaging-review.js';
import { emdCns } from './emd-cns.js';
import { emdImagingOrder } from './emd-imaging-order.js';
import { emdImagingReview } from './emd-imaging-review.js';
import { emdLeptomeningeal } from './emd-leptomeningeal.js';
import { emdParaskeletal } from './emd-paraskeletal.js';
import { emdReportedNotListed } from './emd-reported-not-listed.js';
import { emdSoftTissue } from './emd-soft-tissue.js';
import { emdUnclassified } from './emd-unclassified.js';
import { derivePatientFacts, type PatientFacts } from './patient-facts.js';
import type { PatientRecord } from './patient-record.js';
import { atLevel, notFired, type RuleOutcome } from './rule-outcome.js';
import type { Rule } from './rule.js';
import type { HookContext, HookKind, RuleId, RuleSettings, TraceLine } from './types.js';

/** The rules each hook runs, in the order their cards are shown (most urgent first). */
export const RULES_BY_HOOK: Readonly<Record<HookKind, readonly Rule[]>> = {
  'patient-view': [
    emdLeptomeningeal,
    emdCns,
    emdSoftTissue,
    emdParaskeletal,
    emdUnclassified,
    emdReportedNotListed,
  ],
  'imaging-review': [emdCnsImagingReview, emdImagingReview, emdReportedNotListed],
  order: [emdImagingOrder],
};

export interface Evaluation {
  facts: PatientFacts;
  outcomes: readonly RuleOutcome[];
  /** Record-level trace: every Condition considered and what it counted as. */
  trace: readonly TraceLine[];
}

export interface EvaluationInput {
  record: PatientRecord;
  settings: RuleSettings;
  context: HookContext;
  now: Date;
  /** Runs each rule; the caller may wrap it (e.g. to time it), since rules never read a clock. */
  runRule?: <T>(ruleId: RuleId, evaluateRule: () => T) => T;
}

export function evaluate({
  record,
  settings,
  context,
  now,
  runRule = (_id, run) => run(),
}: EvaluationInput): Evaluation {
  const facts = derivePatientFacts(record, settings, now);
  const trace = [...record.trace, ...facts.myeloma.trace, ...facts.findings.trace];
  const rules = RULES_BY_HOOK[context.kind];
  if (!facts.myeloma.isMyelomaPatient) {
    // Rules page §3.1: no myeloma, no cards — a solitary plasmacytoma is a different disease.
    return {
      facts,
      outcomes: rules.map((rule) =>
        notFired(rule.id, 'the patient has no (non-refuted) myeloma Condition'),
      ),
      trace,
    };
  }
  trace.push({ message: `phase ${facts.phase.phase}: ${facts.phase.because}` });
  const outcomes = rules.map((rule) =>
    settings.disabledRules.has(rule.id)
      ? notFired(rule.id, 'switched off by configuration')
      : enforceNeverRules(
          configuredLevel(
            runRule(rule.id, () => rule.evaluate(facts, context, settings)),
            settings,
          ),
        ),
  );
  return { facts, outcomes, trace };
}

/** The site's configured level for this rule, if any, in place of the rules page's. */
function configuredLevel(outcome: RuleOutcome, settings: RuleSettings): RuleOutcome {
  const level = settings.indicators[outcome.ruleId];
  return level && outcome.fired ? atLevel(outcome, level) : outcome;
}

/**
 * Rules page §6, whatever the configuration says: no warning or critical card rests on
 * history, refuted, entered-in-error or text-only data. Findings are built only from coded,
 * non-excluded Conditions, so this guard should never bite; it is here so no later change
 * (an indicator override, a new rule) can break the promise.
 */
function enforceNeverRules(outcome: RuleOutcome): RuleOutcome {
  if (outcome.indicator !== 'warning' && outcome.indicator !== 'critical') return outcome;
  const restsOnData = outcome.findings.length > 0 || outcome.textOnly.length > 0;
  if (!restsOnData || outcome.findings.some((f) => !f.isHistory)) return outcome;
  return {
    ...outcome,
    indicator: 'info',
    explain: [
      ...outcome.explain,
      'held at info: no active coded finding supports a warning or critical card (rules page §6)',
    ],
  };
}
