/**
 * Shared vocabulary of the EMD rules (../shared/spec/emd-rules.md). Pure types: the rules
 * run unchanged in the service, the CLI and the EMD timeline app in the browser (the console's
 * dry run runs them in the service).
 */
import type { LenientReading } from './lenient-readings.js';
import type { NegationCues } from './negation.js';
import type { ContextCues } from './text-context.js';
import type { StatusWords } from './status-words.js';
import type { Terminology } from './terminology.js';

export const RULE_IDS = [
  'emd-leptomeningeal',
  'emd-cns',
  'emd-soft-tissue',
  'emd-paraskeletal',
  'emd-unclassified',
  'emd-imaging-review',
  'emd-cns-imaging-review',
  'emd-reported-not-listed',
  'emd-imaging-order',
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

/** The kinds of hook the rules know; the CDS layer maps hook names onto them. */
export type HookKind = 'patient-view' | 'imaging-review' | 'order';

/** What the hook call is about, beyond the patient (CDS Hooks context, already validated). */
export type HookContext =
  | { kind: 'patient-view'; patientId: string }
  | {
      kind: 'imaging-review';
      patientId: string;
      /** The study the radiologist is reviewing. */
      imagingStudyId: string;
    }
  | {
      kind: 'order';
      patientId: string;
      /** Draft orders the rules should look at (order-select: the selections; order-sign: all). */
      draftOrders: readonly DraftOrder[];
      /**
       * The call's other draft orders (order-select: those not selected; order-sign: none).
       * They never make a rule fire, but an order already drafted is not proposed again.
       */
      otherDraftOrders: readonly DraftOrder[];
    };

/** A draft order of an order hook's call, and the reference a card cites it by. */
export interface DraftOrder {
  resource: fhir4.ServiceRequest;
  /**
   * `ServiceRequest/<id>`, or the Bundle entry's `fullUrl` for a draft not yet saved (no id):
   * its only name. Undefined when it has neither.
   */
  reference: string | undefined;
  /**
   * What the lenient reading made of it (H153, as of a record's resource: H134's code as a
   * number, H102's null display …), when it read any so; `resource` is then its copy as read.
   */
  readings?: readonly LenientReading[] | undefined;
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
  /** H88: cues that make a pattern's match say there is no plasmacytoma ("no evidence of"). */
  textOnlyNegation: NegationCues;
  /** H100, H101: cues that make a match a relative's, a past or a suspected disease. */
  textOnlyContext: ContextCues;
  /**
   * H136: a myeloma diagnosis written as text only, named in the explain trace when no myeloma
   * is read (rules page §3.1); no card. Absent: no such line.
   */
  myelomaTextPatterns?: readonly RegExp[];
  /**
   * H135: another disease named in words (lymphoma, carcinoma, 淋巴瘤, 癌 …), for the explain
   * trace's note on a coded finding whose own text names one; no card. Absent: no such note.
   */
  otherDiseaseTextPatterns?: readonly RegExp[];
  /** Issue #13: words a status given only as text is read as (towards history or ignored only). */
  statusWords: StatusWords;
  /** Rules switched off by configuration; absent means all on. */
  disabledRules: ReadonlySet<RuleId>;
  /** Card levels a site set in place of the rules page's (before lowering; §6 still holds). */
  indicators: Readonly<Partial<Record<RuleId, Indicator>>>;
}

export type { TraceLine } from './trace-line.js';
