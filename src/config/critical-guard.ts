/**
 * Critical rules, and the rule that keeps any finding from being dropped silently (rules
 * page §6), can only be weakened with a recorded decision: an `acknowledgement:` saying who
 * decided it and why. Switching one off, lowering its level, or running it silent (evaluated
 * and audited, never shown: docs/go-live.md) all count as weakening it. On any rule,
 * `suppressCritical: true` lets a critical card be hidden after an override: docs/configuring.md
 * §4 gives it "the same review as switching the rule off", so it needs the same record.
 */
import { RULE_IDS, type Indicator, type RuleId } from '../rules/types.js';

/** The parts of a rule's configuration the guard reads. */
interface GuardedRule {
  enabled: boolean;
  mode: 'live' | 'silent';
  indicator?: Indicator | undefined;
  acknowledgement?: string | undefined;
  suppressCritical?: boolean | undefined;
}

const GUARDED = ['emd-leptomeningeal', 'emd-cns', 'emd-unclassified'] as const;
type GuardedId = (typeof GUARDED)[number];
const isGuarded = (id: RuleId): id is GuardedId => (GUARDED as readonly RuleId[]).includes(id);

/** How a configuration weakens a guarded rule, if it does. */
function weakening(id: GuardedId, rule: GuardedRule): 'off' | 'silent' | 'lowered' | undefined {
  if (!rule.enabled) return 'off';
  // A silent rule shows nothing to the clinician: for them it is as good as switched off.
  if (rule.mode === 'silent') return 'silent';
  // emd-unclassified is an info card by the rules page; its level is not guarded.
  if (id !== 'emd-unclassified' && rule.indicator !== undefined && rule.indicator !== 'critical')
    return 'lowered';
  return undefined;
}

function messageFor(id: RuleId, how: 'off' | 'silent' | 'lowered'): string {
  const decision = 'needs an acknowledgement (who decided it and why)';
  if (how === 'silent')
    return id === 'emd-unclassified'
      ? `emd-unclassified keeps unclassifiable findings from being dropped silently: silencing it (mode: silent) ${decision}`
      : `${id} is a critical rule: silencing it (mode: silent) ${decision}`;
  return id === 'emd-unclassified'
    ? `emd-unclassified keeps unclassifiable findings from being dropped silently: switching it off ${decision}`
    : `${id} is a critical rule: switching it off or lowering it ${decision}`;
}

function suppressCriticalMessage(id: RuleId): string {
  return `${id}: suppressCritical: true hides critical cards after an override, which needs the same review as switching the rule off: it needs an acknowledgement (who decided it and why)`;
}

/** One issue per rule weakened without an acknowledgement, at its `acknowledgement` path. */
export function unacknowledgedWeakenings(
  rules: Readonly<Partial<Record<RuleId, GuardedRule>>>,
): { path: string[]; message: string }[] {
  return RULE_IDS.flatMap((id) => {
    const rule = rules[id];
    if (!rule || rule.acknowledgement) return [];
    const how = isGuarded(id) ? weakening(id, rule) : undefined;
    const message = how
      ? messageFor(id, how)
      : rule.suppressCritical
        ? suppressCriticalMessage(id)
        : undefined;
    return message ? [{ path: ['rules', id, 'acknowledgement'], message }] : [];
  });
}
