/** What a configuration weakens, said at every start and reload (issue: critical rules off are logged). */
import type { Indicator, RuleId } from '../rules/types.js';
import type { Config } from './config-schema.js';

/**
 * The level each rule fires at before configuration and lowering, as the rules page sets it
 * (../shared/spec/emd-rules.md §4; each rule file passes the same level to `fired`, which
 * test/config/config-view.test.ts checks): to tell a changed level from a restated one, and
 * for the console's rules view.
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

export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  for (const [id, rule] of Object.entries(config.rules) as [
    RuleId,
    NonNullable<Config['rules'][RuleId]>,
  ][]) {
    const ack = rule.acknowledgement ? ` (acknowledged: "${rule.acknowledgement}")` : '';
    if (!rule.enabled) {
      warnings.push(`rule ${id} is switched off by configuration${ack}`);
      continue;
    }
    if (rule.mode === 'silent')
      warnings.push(`rule ${id} is silent by configuration: audited, never shown${ack}`);
    if (rule.indicator && rule.indicator !== RULES_PAGE_LEVELS[id])
      warnings.push(`rule ${id} is set to ${rule.indicator} by configuration${ack}`);
  }
  return warnings;
}
