/**
 * Critical rules, and the rule that keeps any finding from being dropped silently (rules
 * page §6), can only be weakened with a recorded decision: an `acknowledgement:` saying who
 * decided it and why. Switching one off, lowering its level, or running it silent (evaluated
 * and audited, never shown: docs/go-live.md) all count as weakening it.
 */
import type { Indicator, RuleId } from '../rules/types.js';

/** The parts of a rule's configuration the guard reads. */
interface GuardedRule {
  enabled: boolean;
  mode: 'live' | 'silent';
  indicator?: Indicator | undefined;
  acknowledgement?: string | undefined;
}

const GUARDED = ['emd-leptomeningeal', 'emd-cns', 'emd-unclassified'] as const;

/** How a configuration weakens a guarded rule, if it does. */
function weakening(
  id: (typeof GUARDED)[number],
  rule: GuardedRule,
): 'off' | 'silent' | 'lowered' | undefined {
  if (!rule.enabled) return 'off';
  // A silent rule shows nothing to the clinician: for them it is as good as switched off.
  if (rule.mode === 'silent') return 'silent';
  // emd-unclassified is an info card by the rules page; its level is not guarded.
  if (id !== 'emd-unclassified' && rule.indicator !== undefined && rule.indicator !== 'critical')
    return 'lowered';
  return undefined;
}

function messageFor(id: (typeof GUARDED)[number], how: 'off' | 'silent' | 'lowered'): string {
  const decision = 'needs an acknowledgement (who decided it and why)';
  if (how === 'silent')
    return id === 'emd-unclassified'
      ? `emd-unclassified keeps unclassifiable findings from being dropped silently: silencing it (mode: silent) ${decision}`
      : `${id} is a critical rule: silencing it (mode: silent) ${decision}`;
  return id === 'emd-unclassified'
    ? `emd-unclassified keeps unclassifiable findings from being dropped silently: switching it off ${decision}`
    : `${id} is a critical rule: switching it off or lowering it ${decision}`;
}

/** One issue per guarded rule weakened without an acknowledgement, at its `acknowledgement` path. */
export function unacknowledgedWeakenings(
  rules: Readonly<Partial<Record<RuleId, GuardedRule>>>,
): { path: string[]; message: string }[] {
  return GUARDED.flatMap((id) => {
    const rule = rules[id];
    const how = rule && weakening(id, rule);
    if (!how || rule.acknowledgement) return [];
    return [{ path: ['rules', id, 'acknowledgement'], message: messageFor(id, how) }];
  });
}
