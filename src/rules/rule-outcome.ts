/**
 * What a rule returns: whether it fired, at which level, on which evidence, and why; and how
 * its level follows from a base level (`atLevel`), which evaluate.ts applies again for a
 * level the site configures. Rules make their outcomes with ./build-outcome.ts.
 */
import type { Finding } from './finding.js';
import type { TextOnlyMention } from './text-only.js';
import type { HoldReason } from './source-guards.js';
import type { Indicator, RuleId } from './types.js';
import type { UncertainStatus } from './uncertain-status.js';

/** Why a card was lowered one level (rules page §2 "Status", §3.1). */
export type LoweringReason = 'finding-uncertain' | 'myeloma-uncertain';

/** For each lowering reason, the statuses behind it, so the card can name them (§2: "says so"). */
export interface UncertainBecause {
  /** Set with `finding-uncertain`: the distinct statuses of the findings feeding the card. */
  findings: readonly UncertainStatus[];
  /** Set with `myeloma-uncertain`: the distinct statuses of the myeloma Conditions. */
  myeloma: readonly UncertainStatus[];
}

export type { HoldReason };

/** The work-up a card offers (rules page §4, suggestions column). */
export interface Workup {
  /** PET/CT: whole body not covered by recent imaging. */
  wholeBodyImaging: boolean;
  /** MRI brain and whole spine with gadolinium: neuraxis not covered. */
  neuraxisMri: boolean;
  /**
   * Which of the two MRIs to propose when `neuraxisMri`: both, but on the order hooks not one
   * already drafted (rules page §4: "the preferred order, if not already drafted or recent").
   */
  neuraxisMriParts: { brain: boolean; spine: boolean };
  /** CSF cytology and flow cytometry: always offered on CNS and leptomeningeal cards. */
  csfWorkup: boolean;
}

/** An imaging report whose conclusion shows a finding. */
export interface FindingReport {
  reference: string;
  /** The report's name (its code); undefined when it has none: the card names it. */
  label: string | undefined;
  date: string | undefined;
}

/**
 * A finding imaging reports show that is not on the problem list: once, with every report that
 * shows it (rules page §2 "Duplicates"; ./reported-findings.ts), so the card proposes one
 * Condition for it.
 */
export interface ReportedFinding {
  /** Every report whose conclusion shows it, in record order; the Condition cites each. */
  reports: readonly FindingReport[];
  /**
   * The first report's conclusion code, with the codings later reports give it in other code
   * systems (H68), proposed as the new Condition's code.
   */
  code: fhir4.CodeableConcept;
  /** Body sites named by the first report's conclusion codes (every report names the same). */
  sites: readonly fhir4.CodeableConcept[];
  /**
   * Refuted finding Conditions that cite its reports or their studies (H87): they do not list it
   * (rules page §4), but the card must not say no Condition does. Set by the rule; absent = none.
   */
  refutedCiting?: readonly string[];
  /**
   * Conditions citing its reports or their studies that are not coded as a finding (another
   * cancer's metastasis; H87, another cause): the card names them. Absent = none.
   */
  citedNotAsFinding?: readonly CitingCondition[];
}

/** A Condition citing a report, by its reference and its code (the card names it by this). */
export interface CitingCondition {
  reference: string;
  code: fhir4.CodeableConcept | undefined;
}

/** The study a radiologist is reviewing (imaging-review hook). */
export interface ReviewedStudy {
  reference: string;
  /** ./labels.ts studyLabel: undefined when the record names the study in no way. */
  label: string | undefined;
  date: string | undefined;
}

export interface RuleOutcome {
  ruleId: RuleId;
  fired: boolean;
  /** Set when fired: the level after any lowering. */
  indicator: Indicator | undefined;
  /** Set when fired: the level before lowering (the rule's, or the configured one). */
  baseIndicator: Indicator | undefined;
  /** Why the card would be lowered; applied unless the base level is already info. */
  uncertainty: readonly LoweringReason[];
  /** The statuses behind `uncertainty`, whether or not the card could be lowered. */
  uncertainBecause: UncertainBecause;
  lowering: readonly LoweringReason[];
  /** Why the card can be info at most; applied (to `holds`) unless the base level is already info. */
  ceilings: readonly HoldReason[];
  holds: readonly HoldReason[];
  /** The findings the card lists. */
  findings: readonly Finding[];
  /** Uncoded plasmacytoma mentions the card lists (emd-unclassified only). */
  textOnly: readonly TextOnlyMention[];
  /** Paraskeletal findings a graver card outranks, listed on it on a line of their own (§6). */
  outranked: readonly Finding[];
  /** Resolved findings shown as history lines. */
  history: readonly Finding[];
  /** References of the resources that made the rule fire. */
  evidence: readonly string[];
  workup: Workup;
  /** emd-reported-not-listed: the report findings to add to the problem list. */
  reported: readonly ReportedFinding[];
  /** imaging-review rules: the study under review. */
  reviewedStudy: ReviewedStudy | undefined;
  explain: readonly string[];
}

/**
 * The outcome at base level `base` (the rule's own, or one configured by the site): lowered
 * one level for its uncertainty, once, and held at info for its ceilings, unless it is already
 * info; the explain trace says so.
 */
export function atLevel(outcome: RuleOutcome, base: Indicator): RuleOutcome {
  if (!outcome.fired) return outcome;
  // An info card cannot go lower; its findings still say "(unconfirmed)" one by one.
  const lowering = base === 'info' ? [] : outcome.uncertainty;
  const holds = base === 'info' ? [] : outcome.ceilings;
  const indicator = holds.length > 0 ? 'info' : lowering.length > 0 ? lower(base) : base;
  const explain = outcome.explain.filter(
    (line) => !line.startsWith('lowered from ') && !line.startsWith('held at info'),
  );
  if (lowering.length > 0)
    explain.push(
      `lowered from ${base} to ${lower(base)}: ${lowering.map((reason) => withStatuses(reason, outcome.uncertainBecause)).join(', ')}`,
    );
  if (holds.length > 0) explain.push(`held at info from ${base}: ${holds.join(', ')}`);
  return { ...outcome, baseIndicator: base, indicator, lowering, holds, explain };
}

/** A lowering reason with the statuses behind it, for the trace: `finding-uncertain (provisional)`. */
function withStatuses(reason: LoweringReason, because: UncertainBecause): string {
  const statuses = reason === 'finding-uncertain' ? because.findings : because.myeloma;
  return statuses.length > 0 ? `${reason} (${statuses.join(', ')})` : reason;
}

export function lower(indicator: Indicator): Indicator {
  switch (indicator) {
    case 'critical':
      return 'warning';
    case 'warning':
    case 'info':
      return 'info';
  }
}
