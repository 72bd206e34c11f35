/**
 * Shared vocabulary of the EMD rules (../shared/spec/emd-rules.md). Pure types: the rules
 * run unchanged in the service, the CLI and the browser console.
 */
import type { Terminology } from './terminology.js';

export const RULE_IDS = [
  'emd-leptomeningeal',
  'emd-cns',
  'emd-soft-tissue',
  'emd-paraskeletal',
  'emd-unclassified',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** CDS Hooks card indicator, in order of increasing urgency (CDS Hooks 2.0 §Card). */
export const INDICATORS = ['info', 'warning', 'critical'] as const;
export type Indicator = (typeof INDICATORS)[number];

/** Rules page §3.3: the class of a finding, listed in order of precedence. */
export const FINDING_CLASSES = [
  'leptomeningeal',
  'paraskeletal',
  'cns',
  'emd',
  'unclassified',
] as const;
export type FindingClass = (typeof FINDING_CLASSES)[number];

/** Rules page §3.2. */
export type Phase = 'diagnosis' | 'relapsed' | 'unknown';

/** Which hook the rules are evaluated for; each hook runs its own set of rules. */
export type HookName = 'patient-view';

export interface HookContext {
  hook: HookName;
  patientId: string;
}

/** Everything a site may change without touching code, as one immutable snapshot. */
export interface RuleSettings {
  terminology: Terminology;
  /** Rules page §3.2: a finding within this many days (either side) of myeloma onset is "at diagnosis". */
  phaseWindowDays: number;
  /** Rules page §3.4: imaging within this many days counts as recent. */
  imagingLookbackDays: number;
  /** Rules page §2 "Text only": uncoded Conditions whose text matches raise emd-unclassified. */
  textOnlyPatterns: readonly RegExp[];
  /** Rules switched off by configuration; absent means all on. */
  disabledRules: ReadonlySet<RuleId>;
}

/** One line of the explain trace: why something counted, or did not. */
export interface TraceLine {
  /** The resource the line is about, as referenced in the record. */
  reference?: string;
  message: string;
}
