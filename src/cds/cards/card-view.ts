/**
 * The values a card template can use, computed from a rule outcome. Record text stays raw
 * here; the renderer escapes it for Markdown. Dates are ISO (YYYY-MM-DD) in every locale.
 */
import type { PatientFacts } from '../../rules/patient-facts.js';
import type { RuleOutcome } from '../../rules/rule-outcome.js';
import type { LocalNames } from '../../rules/local-names.js';
import type { Wording } from './wording.js';
import { isoDate } from '../../rules/time.js';
import { STATUS_VIEW_NAMES, statusView, type StatusView } from './status-view.js';
import { findingView, type FindingView } from './finding-view.js';
import { imagingView, type ImagingView } from './imaging-view.js';
import { reportedView, type ReportedView } from './reported-view.js';

export interface CardView {
  lowered: boolean;
  loweredFinding: boolean;
  loweredMyeloma: boolean;
  loweredBoth: boolean;
  /** The statuses of the findings behind the card, when they are all uncertain (`loweredFinding`). */
  findingStatus: StatusView;
  /** The statuses of the myeloma Conditions, when they are all uncertain, lowered or not. */
  myelomaStatus: StatusView;
  myelomaUncertain: boolean;
  /** The statuses of the records a relapse rests on, when they are all uncertain. */
  relapseStatus: StatusView;
  /** The card is information only, for any of the reasons below. */
  held: boolean;
  /** Why the card is information only (rule-outcome.ts HoldReason), one flag a reason. */
  heldUnreadable: boolean;
  heldTextOnly: boolean;
  heldPhaseHistory: boolean;
  heldPhaseUncertain: boolean;
  heldGuard: boolean;
  findings: FindingView[];
  /** Paraskeletal findings this graver card outranks, on a line of their own (§6). */
  outranked: FindingView[];
  hasOutranked: boolean;
  hasFindings: boolean;
  /** The study under review (imaging-review hook), as a one-element list for a section. */
  study: { label: string; date: string | undefined }[];
  /**
   * emd-reported-not-listed: each finding the problem list lacks, once, with its reports; one
   * a finding of `outcome.reported`, in its order, as its suggestion's label reads them too.
   */
  reported: ReportedView[];
  /** Some reported finding is cited only by a refuted Condition (H87): the header says so. */
  hasRefutedReported: boolean;
  /** Some reported finding is cited by a Condition not coded as a finding: the header says so. */
  hasCitedNotAsFinding: boolean;
  textOnly: {
    text: string;
    uncertain: boolean;
    uncoded: boolean;
    statusUnreadable: boolean;
    status: StatusView;
  }[];
  history: FindingView[];
  hasHistory: boolean;
  phase: { isDiagnosis: boolean; isRelapsed: boolean; isUnknown: boolean };
  imaging: ImagingView;
  gaps: string[];
}

/** Every name a template may use (checked at load): view fields, item fields, and `.`. */
export const CARD_VIEW_NAMES: ReadonlySet<string> = new Set([
  '.',
  'lowered',
  'loweredFinding',
  'loweredMyeloma',
  'loweredBoth',
  'findingStatus',
  'myelomaStatus',
  'myelomaUncertain',
  'relapseStatus',
  'status',
  ...STATUS_VIEW_NAMES,
  'held',
  'heldUnreadable',
  'heldTextOnly',
  'heldPhaseHistory',
  'heldPhaseUncertain',
  'heldGuard',
  'findings',
  'outranked',
  'hasOutranked',
  'statusUnreadable',
  'hasFindings',
  'study',
  'reported',
  'hasRefutedReported',
  'refutedOnly',
  'hasCitedNotAsFinding',
  'citedNotAsFinding',
  'citingNames',
  'finding',
  'reports',
  'textOnly',
  'text',
  'uncoded',
  'history',
  'hasHistory',
  'label',
  'sites',
  'hasSites',
  'classLabel',
  'date',
  'sources',
  'atypical',
  'partlyAtypical',
  'atypicalSites',
  'hasUnreadSites',
  'unreadSites',
  'uncertain',
  'phase.isDiagnosis',
  'phase.isRelapsed',
  'phase.isUnknown',
  'imaging.isKnown',
  'imaging.lookbackDays',
  'imaging.wholeBodyCovered',
  'imaging.wholeBodyStudies',
  'imaging.wholeBodyUndated',
  'imaging.neuraxisCovered',
  'imaging.neuraxisStudies',
  'imaging.neuraxisUndated',
  'gaps',
]);

/** What a card view is built with besides the outcome, the facts and the wording. */
export interface CardViewOptions {
  lookbackDays: number;
  /** Names of record concepts in the card's language (../../rules/local-names.ts). */
  names: LocalNames;
}

export function buildCardView(
  outcome: RuleOutcome,
  facts: PatientFacts,
  wording: Wording,
  { lookbackDays, names }: CardViewOptions,
): CardView {
  const { phase } = facts.phase;
  const loweredFinding = outcome.lowering.includes('finding-uncertain');
  const loweredMyeloma = outcome.lowering.includes('myeloma-uncertain');
  const feeds = outcome.findings.length + outcome.textOnly.length;
  const reviewed = outcome.reviewedStudy;
  return {
    lowered: outcome.lowering.length > 0,
    loweredFinding,
    loweredMyeloma,
    loweredBoth: loweredFinding && loweredMyeloma,
    findingStatus: statusView(outcome.uncertainBecause.findings, feeds > 1),
    myelomaStatus: statusView(outcome.uncertainBecause.myeloma),
    myelomaUncertain: outcome.uncertainBecause.myeloma.length > 0,
    relapseStatus: statusView(facts.phase.uncertainBecause),
    ...heldView(outcome.holds),
    findings: outcome.findings.map((finding) => findingView(finding, wording, names, phase)),
    outranked: outcome.outranked.map((finding) => findingView(finding, wording, names, phase)),
    hasOutranked: outcome.outranked.length > 0,
    hasFindings: outcome.findings.length > 0,
    study: reviewed
      ? [
          {
            label: reviewed.label ?? wording.unnamedLabels.ImagingStudy,
            date: isoDate(reviewed.date),
          },
        ]
      : [],
    reported: outcome.reported.map((finding) => reportedView(finding, wording, names)),
    hasRefutedReported: outcome.reported.some(
      (finding) => (finding.refutedCiting ?? []).length > 0,
    ),
    hasCitedNotAsFinding: outcome.reported.some(
      (finding) => (finding.citedNotAsFinding ?? []).length > 0,
    ),
    textOnly: outcome.textOnly.map(textOnlyView),
    history: outcome.history.map((finding) => findingView(finding, wording, names, 'unknown')),
    hasHistory: outcome.history.length > 0,
    phase: {
      isDiagnosis: phase === 'diagnosis',
      isRelapsed: phase === 'relapsed',
      isUnknown: phase === 'unknown',
    },
    imaging: imagingView(facts, wording, lookbackDays, names),
    gaps: [...facts.record.dataGaps].map((gap) => wording.gapNotes[gap]),
  };
}

type HeldView = Pick<
  CardView,
  | 'held'
  | 'heldUnreadable'
  | 'heldTextOnly'
  | 'heldPhaseHistory'
  | 'heldPhaseUncertain'
  | 'heldGuard'
>;

/** Whether the card is information only, and one flag for each reason it is. */
function heldView(holds: RuleOutcome['holds']): HeldView {
  return {
    held: holds.length > 0,
    heldUnreadable: holds.includes('status-unreadable'),
    heldTextOnly: holds.includes('text-only'),
    heldPhaseHistory: holds.includes('phase-history'),
    heldPhaseUncertain: holds.includes('phase-uncertain'),
    heldGuard: holds.includes('output-guard'),
  };
}

/** A plasmacytoma recorded as text only or in a local code system. */
function textOnlyView(entry: RuleOutcome['textOnly'][number]): CardView['textOnly'][number] {
  return {
    text: entry.text,
    uncertain: entry.isUncertain,
    uncoded: entry.isUncoded,
    statusUnreadable: entry.statusUnreadable,
    status: statusView(entry.uncertainBecause),
  };
}
