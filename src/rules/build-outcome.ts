/**
 * How a rule makes its outcome (./rule-outcome.ts): `notFired` with the reason, or `fired`
 * with what feeds the card. `fired` gathers the evidence, the reasons to lower the card
 * (rules page §2 "Status", §3.1) and the ceilings of its sources (§6, ./source-guards.ts),
 * then sets the level with `atLevel`. Also the two finding helpers the EMD rules share.
 */
import type { Finding } from './finding.js';
import type { TextOnlyMention } from './text-only.js';
import type { PatientFacts } from './patient-facts.js';
import type { PhaseFacts } from './phase.js';
import {
  atLevel,
  type LoweringReason,
  type ReportedFinding,
  type ReviewedStudy,
  type RuleOutcome,
  type UncertainBecause,
  type Workup,
} from './rule-outcome.js';
import { sourceCeilings } from './source-guards.js';
import type { Indicator, RuleId } from './types.js';
import { distinctStatuses } from './uncertain-status.js';

const CERTAIN: UncertainBecause = Object.freeze({ findings: [], myeloma: [] });
const NO_PARTS = Object.freeze({ brain: false, spine: false });
const NO_WORKUP: Workup = {
  wholeBodyImaging: false,
  neuraxisMri: false,
  neuraxisMriParts: NO_PARTS,
  csfWorkup: false,
};

/**
 * The neuraxis MRI a card proposes (rules page §3.4, §4): "MRI brain + whole spine" whenever
 * the neuraxis is not covered by recent MR of both, as one work-up. On the order hooks
 * (`drafted` given), "if not already drafted": an MRI drafted in the same session is left out,
 * so accepting the suggestion never drafts it twice.
 */
export function neuraxisWorkup(
  facts: PatientFacts,
  drafted: { brain: boolean; spine: boolean } = NO_PARTS,
): Pick<Workup, 'neuraxisMri' | 'neuraxisMriParts'> {
  const { isKnown, neuraxis } = facts.imaging;
  if (!isKnown || neuraxis.isCovered) return { neuraxisMri: false, neuraxisMriParts: NO_PARTS };
  const parts = { brain: !drafted.brain, spine: !drafted.spine };
  return { neuraxisMri: parts.brain || parts.spine, neuraxisMriParts: parts };
}

export function notFired(ruleId: RuleId, why: string): RuleOutcome {
  return {
    ruleId,
    fired: false,
    indicator: undefined,
    baseIndicator: undefined,
    uncertainty: [],
    uncertainBecause: CERTAIN,
    lowering: [],
    ceilings: [],
    holds: [],
    findings: [],
    outranked: [],
    textOnly: [],
    history: [],
    evidence: [],
    workup: NO_WORKUP,
    reported: [],
    reviewedStudy: undefined,
    explain: [why],
  };
}

/**
 * A fired rule's outcome. The card is lowered one level when the findings feeding it are all
 * uncertain (and nothing else made it fire), or when the only myeloma Conditions are; it is
 * lowered once, whatever the number of reasons, and says each reason.
 */
export function fired(
  ruleId: RuleId,
  base: Indicator,
  facts: PatientFacts,
  feeding: {
    findings: readonly Finding[];
    textOnly?: readonly TextOnlyMention[];
    workup?: Partial<Workup>;
    reported?: readonly ReportedFinding[];
    reviewedStudy?: ReviewedStudy;
    /** The rule also fired for a reason that is not a finding or the phase (e.g. a whole-body study). */
    hasCertainReason?: boolean;
    /** The rule fired because of the phase (relapsed): its Conditions become evidence. */
    phase?: PhaseFacts;
    /** Other resources that made it fire (the draft orders of emd-imaging-order). */
    cited?: readonly string[];
    outranked?: readonly Finding[];
  },
  why: string,
): RuleOutcome {
  const textOnly = feeding.textOnly ?? [];
  // What sets the card's level: its coded findings when it has any. A text-only mention can
  // feed an info card at most (rules page §2, §6), so it never keeps a card fed by uncertain
  // findings from being lowered, whatever level a site gives the rule.
  const feeds = feeding.findings.length > 0 ? feeding.findings : textOnly;
  const phase = feeding.phase;
  const certainReason = feeding.hasCertainReason === true || phase?.support === 'active';
  const everyFeedIsUncertain =
    !certainReason && feeds.length > 0 && feeds.every((f) => f.isUncertain);
  const uncertainty: LoweringReason[] = [];
  if (everyFeedIsUncertain) uncertainty.push('finding-uncertain');
  if (facts.myeloma.isUncertain) uncertainty.push('myeloma-uncertain');
  const explain = [why];
  const unreadable = feeding.findings.filter((f) => f.isUncertain && f.statusUnreadable);
  if (unreadable.length > 0)
    explain.push(`status could not be read: ${referencesOf(unreadable)} (counts as unconfirmed)`);
  const { ceilings, explain: guarded } = sourceCeilings({
    findings: feeding.findings,
    textOnly,
    phase,
    hasCertainReason: feeding.hasCertainReason === true,
  });
  explain.push(...guarded);
  for (const gap of facts.record.dataGaps)
    explain.push(`${gap} data could not be obtained: checks that need it were not made`);
  return atLevel(
    {
      ruleId,
      fired: true,
      indicator: base,
      baseIndicator: base,
      uncertainty,
      uncertainBecause: {
        findings: everyFeedIsUncertain
          ? distinctStatuses(feeds.map((f) => f.uncertainBecause))
          : [],
        myeloma: facts.myeloma.uncertainBecause,
      },
      lowering: [],
      ceilings,
      holds: [],
      findings: feeding.findings,
      outranked: feeding.outranked ?? [],
      textOnly,
      history: facts.findings.history,
      evidence: [
        ...new Set([
          ...feeding.findings.flatMap((f) => [
            ...f.references,
            ...f.sources.map((s) => s.reference),
          ]),
          ...textOnly.map((t) => t.reference),
          ...(feeding.reported ?? []).flatMap((r) => r.reports.map((report) => report.reference)),
          ...(feeding.reviewedStudy ? [feeding.reviewedStudy.reference] : []),
          ...(phase?.basis ?? []),
          ...(feeding.cited ?? []),
        ]),
      ],
      workup: { ...NO_WORKUP, ...feeding.workup },
      reported: feeding.reported ?? [],
      reviewedStudy: feeding.reviewedStudy,
      explain,
    },
    base,
  );
}

export function activeOfClass(
  facts: PatientFacts,
  findingClass: Finding['findingClass'],
): Finding[] {
  return facts.findings.active.filter((f) => f.findingClass === findingClass);
}

export function referencesOf(findings: readonly Finding[]): string {
  return findings.flatMap((f) => f.references).join(', ');
}
