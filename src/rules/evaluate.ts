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
import { readConditionStatus } from './condition-status.js';
import { myelomaTextLines } from './myeloma-text-lines.js';
import { noticingSpellings } from './read-spellings.js';
import { unreadCodeLines } from './unread-codes.js';
import { unreadConditions } from './unread-conditions.js';
import { unreadSiteConditionLines } from './unread-site-conditions.js';
import { orderReadingLines } from './session-orders.js';
import type { UnreadCondition } from './unread-kinds.js';
import { derivePatientFacts, type PatientFacts } from './patient-facts.js';
import type { PatientRecord } from './patient-record.js';
import { notFired } from './build-outcome.js';
import { atLevel, type RuleOutcome } from './rule-outcome.js';
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

/** A guard at the output that changed a card: a rule has a gap (the caller logs it, rules cannot). */
export interface GuardAction {
  ruleId: RuleId;
  guard: 'output';
}

export interface Evaluation {
  facts: PatientFacts;
  outcomes: readonly RuleOutcome[];
  /** Cards the output guard held at info; empty when every rule kept §6 at its source. */
  guardActions: readonly GuardAction[];
  /** Record-level trace: every Condition considered and what it counted as. */
  trace: readonly TraceLine[];
  /** The Conditions whose codes were not read that the trace names (H74, H76), as data. */
  unread: readonly UnreadCondition[];
}

export interface EvaluationInput {
  record: PatientRecord;
  settings: RuleSettings;
  context: HookContext;
  now: Date;
  /** Runs each rule; the caller may wrap it (e.g. to time it), since rules never read a clock. */
  runRule?: <T>(ruleId: RuleId, evaluateRule: () => T) => T;
}

export function evaluate(input: EvaluationInput): Evaluation {
  // H93, H97, H98: a system read through a near miss of a known one, a code read through its
  // spelling, a modality read as DICOM's, each named once, after the record's own lines, with
  // what the feed should send.
  const { value, lines } = noticingSpellings(() => evaluateRules(input));
  if (lines.length === 0) return value;
  const recordLines = input.record.trace.length;
  return {
    ...value,
    trace: [...value.trace.slice(0, recordLines), ...lines, ...value.trace.slice(recordLines)],
  };
}

function evaluateRules({
  record,
  settings,
  context,
  now,
  runRule = (_id, run) => run(),
}: EvaluationInput): Evaluation {
  const facts = derivePatientFacts(record, settings, now);
  // H153: the call's orders read leniently are named beside the record's resources so read.
  const trace = [
    ...record.trace,
    ...orderReadingLines(context),
    ...facts.myeloma.trace,
    ...facts.findings.trace,
  ];
  const rules = RULES_BY_HOOK[context.kind];
  // With myeloma, the findings' categories, already collected; without, those and the
  // diagnoses coded in systems the value sets do not use.
  const unread = unreadConditions(facts, settings);
  if (!facts.myeloma.isMyelomaPatient) {
    // Rules page §3.1: no myeloma, no cards — a solitary plasmacytoma is a different disease.
    // Say which diagnoses were coded in systems the value sets do not use (./unread-codes.ts).
    const unreadLines = unreadCodeLines(unread, trace, settings.terminology);
    trace.push(...unreadLines);
    // H136: and which were written as myeloma in words only, with no code to read.
    const named = new Set(unreadLines.map((line) => line.reference));
    trace.push(...myelomaTextLines(record, settings, named));
    return {
      facts,
      outcomes: rules.map((rule) =>
        notFired(rule.id, 'the patient has no (non-refuted) myeloma Condition'),
      ),
      guardActions: [],
      trace,
      unread,
    };
  }
  // H144: a diagnosis coded only in a system no value set uses, at a finding's site, is named.
  trace.push(...unreadSiteConditionLines(record, settings, trace));
  trace.push({ message: `phase ${facts.phase.phase}: ${facts.phase.because}` });
  const guardActions: GuardAction[] = [];
  const outcomes = rules.map((rule) => {
    if (settings.disabledRules.has(rule.id))
      return notFired(rule.id, 'switched off by configuration');
    const outcome = configuredLevel(
      runRule(rule.id, () => rule.evaluate(facts, context, settings)),
      settings,
    );
    const guarded = guardOutput(outcome, facts, settings);
    if (guarded !== outcome) guardActions.push({ ruleId: rule.id, guard: 'output' });
    return guarded;
  });
  return { facts, outcomes, guardActions, trace, unread };
}

/** The site's configured level for this rule, if any, in place of the rules page's. */
function configuredLevel(outcome: RuleOutcome, settings: RuleSettings): RuleOutcome {
  const level = settings.indicators[outcome.ruleId];
  return level && outcome.fired ? atLevel(outcome, level) : outcome;
}

/**
 * Rules page §6, whatever the configuration says (issue #13): every warning or critical card
 * must be backed by at least one Condition among its evidence that is active (not history),
 * has a readable status, is coded in a known system and is not refuted or entered in error.
 * Unconfirmed, provisional and differential ones do back a card: §2 lowers it one level, and
 * this guard enforces §6, not more. The rules keep §6 at their source, so this guard should
 * never act; when it does, it holds the card at info, says so, and evaluate() reports it.
 */
function guardOutput(
  outcome: RuleOutcome,
  facts: PatientFacts,
  settings: RuleSettings,
): RuleOutcome {
  if (outcome.indicator !== 'warning' && outcome.indicator !== 'critical') return outcome;
  const backed = outcome.evidence.some((reference) => {
    const entry = facts.record.resolve(reference);
    if (entry?.resource.resourceType !== 'Condition') return false;
    const condition = entry.resource as fhir4.Condition;
    const status = readConditionStatus(condition, settings.statusWords, facts.now);
    return (
      status.certainty !== 'excluded' &&
      !status.isHistory &&
      status.unreadable.length === 0 &&
      (condition.code?.coding ?? []).some((c) => settings.terminology.isKnownSystem(c.system))
    );
  });
  if (backed) return outcome;
  return {
    ...outcome,
    indicator: 'info',
    ceilings: [...outcome.ceilings, 'output-guard'],
    holds: [...outcome.holds, 'output-guard'],
    explain: [
      ...outcome.explain,
      `held at info: the output guard found no active Condition with a readable status, coded in a known system and not refuted, backing this ${outcome.indicator} card (rules page §6)`,
    ],
  };
}
