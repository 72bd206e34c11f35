/** The API's per-rule-and-service and per-day-and-rule counts, folded for the charts. */
import type { DailyRuleStats, RuleStats } from './types.js';

/** Per rule, all services together. */
export function byRule(stats: readonly RuleStats[]): RuleStats[] {
  const rules = new Map<string, RuleStats>();
  for (const s of stats) {
    const r = rules.get(s.ruleId);
    if (!r) {
      rules.set(s.ruleId, { ...s, overrideReasons: [...s.overrideReasons] });
      continue;
    }
    r.served += s.served;
    r.accepted += s.accepted;
    r.overridden += s.overridden;
    r.unanswered += s.unanswered;
    r.overrideReasons.push(...s.overrideReasons);
  }
  return [...rules.values()];
}

/** All rules together, per day. */
export function byDay(daily: readonly DailyRuleStats[]): DailyRuleStats[] {
  const days = new Map<string, DailyRuleStats>();
  for (const d of daily) {
    const day = days.get(d.day) ?? {
      ...d,
      ruleId: '',
      served: 0,
      accepted: 0,
      overridden: 0,
      unanswered: 0,
    };
    day.served += d.served;
    day.accepted += d.accepted;
    day.overridden += d.overridden;
    day.unanswered += d.unanswered;
    days.set(d.day, day);
  }
  return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}
