import type { Indicator, RuleId } from './types.js';

/**
 * The level each rule fires at before configuration and lowering, as the rules page sets it
 * (../shared/spec/emd-rules.md §4; each rule file passes the same level to `fired`, which
 * test/config/config-view.test.ts checks): to tell a changed level from a restated one, for
 * discovery and for the console's rules view. Clinical data, so it lives with the rules.
 */
export const RULES_PAGE_LEVELS: Readonly<Record<RuleId, Indicator>> = {
  'emd-leptomeningeal': 'critical',
  'emd-cns': 'critical',
  'emd-soft-tissue': 'warning',
  'emd-paraskeletal': 'info',
  'emd-unclassified': 'info',
  'emd-imaging-review': 'info',
  'emd-cns-imaging-review': 'warning',
  'emd-reported-not-listed': 'info',
  'emd-imaging-order': 'info',
};
