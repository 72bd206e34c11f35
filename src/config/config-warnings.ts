/** What a configuration weakens, said at every start and reload (issue: critical rules off are logged). */
import type { Config } from './config-schema.js';

export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  for (const [id, rule] of Object.entries(config.rules)) {
    const ack = rule.acknowledgement ? ` (acknowledged: "${rule.acknowledgement}")` : '';
    if (!rule.enabled) warnings.push(`rule ${id} is switched off by configuration${ack}`);
    else if (rule.indicator)
      warnings.push(`rule ${id} is set to ${rule.indicator} by configuration${ack}`);
  }
  return warnings;
}
