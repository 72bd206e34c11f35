/**
 * What a card's templates must keep, rule by rule, as the shipped wording (config/wording/)
 * says it: whether the summary says the card was lowered, and which lists of the card view the
 * detail names the items of. ./check-kept-parts.ts checks a wording file against it.
 */
import type { RuleId } from '../../rules/types.js';

/** A list of the card view whose items the card rests on, and how the shipped detail shows it. */
export interface ListedPart {
  list: 'findings' | 'textOnly' | 'reported';
  /** What the card lists, for the message. */
  what: string;
  /** What the shipped detail of the rule writes for it (config/wording/en.yaml, zh-CN.yaml). */
  putBack: string;
}

export interface KeptParts {
  /** The shipped summary carries `{{#lowered}} ({{> loweredTag}}){{/lowered}}`. */
  summarySaysLowered: boolean;
  /** The lists the shipped detail names each item of. */
  listed: readonly ListedPart[];
}

const FINDINGS_PARTIAL: ListedPart = {
  list: 'findings',
  what: 'findings',
  putBack: '{{> findings}}',
};
/** The imaging-review cards fire for a patient with no finding too, and then say nothing of it. */
const FINDINGS_IF_ANY: ListedPart = {
  ...FINDINGS_PARTIAL,
  putBack: '{{#hasFindings}}{{> findings}}{{/hasFindings}}',
};

/**
 * What each rule's shipped templates say, in both shipped locales (test/cards/kept-parts.test.ts
 * removes each part from each). Every shipped detail has `{{> lowering}}` (those of
 * `emd-imaging-review` and `emd-reported-not-listed` since issue #13), so it is asked of every
 * rule. Only the four finding cards' summaries name the lowering: `emd-cns-imaging-review` can be
 * lowered from warning too, and its shipped summary does not say so, so it is not asked here.
 */
export const KEPT_PARTS: Readonly<Record<RuleId, KeptParts>> = {
  'emd-leptomeningeal': { summarySaysLowered: true, listed: [FINDINGS_PARTIAL] },
  'emd-cns': { summarySaysLowered: true, listed: [FINDINGS_PARTIAL] },
  'emd-soft-tissue': { summarySaysLowered: true, listed: [FINDINGS_PARTIAL] },
  'emd-paraskeletal': { summarySaysLowered: true, listed: [FINDINGS_PARTIAL] },
  'emd-unclassified': {
    summarySaysLowered: false,
    listed: [
      { list: 'findings', what: 'findings', putBack: '{{#findings}}…{{/findings}}' },
      {
        list: 'textOnly',
        what: 'plasmacytomas recorded as text only',
        putBack: '{{#textOnly}}…{{/textOnly}}',
      },
    ],
  },
  'emd-imaging-review': { summarySaysLowered: false, listed: [FINDINGS_IF_ANY] },
  'emd-cns-imaging-review': { summarySaysLowered: false, listed: [FINDINGS_IF_ANY] },
  'emd-reported-not-listed': {
    summarySaysLowered: false,
    listed: [
      {
        list: 'reported',
        what: 'findings the imaging reports show',
        putBack: '{{#reported}}…{{/reported}}',
      },
    ],
  },
  'emd-imaging-order': { summarySaysLowered: false, listed: [FINDINGS_PARTIAL] },
};

export const LOWERED_TAG = '{{#lowered}} ({{> loweredTag}}){{/lowered}}';
