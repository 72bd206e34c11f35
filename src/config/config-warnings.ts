/** What a configuration weakens, said at every start and reload (issue: critical rules off are logged). */
import { RULES_PAGE_LEVELS } from '../rules/rules-page-levels.js';
import type { RuleId } from '../rules/types.js';
import type { Config } from './config-schema.js';

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
