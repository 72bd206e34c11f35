/** The API's per-rule-and-service and per-day-and-rule counts, folded for the charts. */
import type { DailyRuleStats, RuleStats } from './types.js';
import { DAY_MS } from '../../src/rules/time.js';

/**
 * Per rule, all services together. A reason given on the cards of several services is one
 * reason: its counts are added, so the ranked reasons table shows it once, at its total.
 */
export function byRule(stats: readonly RuleStats[]): RuleStats[] {
  const rules = new Map<string, RuleStats>();
  for (const s of stats) {
    const r = rules.get(s.ruleId);
    if (!r) {
      rules.set(s.ruleId, { ...s, overrideReasons: s.overrideReasons.map((x) => ({ ...x })) });
      continue;
    }
    r.served += s.served;
    r.accepted += s.accepted;
    r.overridden += s.overridden;
    r.unanswered += s.unanswered;
    for (const reason of s.overrideReasons) addReason(r.overrideReasons, reason);
  }
  return [...rules.values()];
}

type OverrideReason = RuleStats['overrideReasons'][number];

function addReason(reasons: OverrideReason[], reason: OverrideReason): void {
  const same = reasons.find((r) => r.system === reason.system && r.code === reason.code);
  if (same) same.count += reason.count;
  else reasons.push({ ...reason });
}

/** All rules together, for every UTC day of [first, last] (days without cards count zero). */
export function byDay(
  daily: readonly DailyRuleStats[],
  period: { first: string; last: string },
): DailyRuleStats[] {
  const days = new Map<string, DailyRuleStats>();
  const zero = (day: string) => ({
    day,
    ruleId: '',
    served: 0,
    accepted: 0,
    overridden: 0,
    unanswered: 0,
  });
  // At most a year of empty days is filled in, so a mistyped period cannot hang the page.
  const first = Date.parse(period.first);
  const last = Math.min(Date.parse(period.last), first + 366 * DAY_MS);
  for (let time = first; time <= last; time += DAY_MS) {
    const day = new Date(time).toISOString().slice(0, 10);
    days.set(day, zero(day));
  }
  for (const d of daily) {
    const day = days.get(d.day) ?? zero(d.day);
    day.served += d.served;
    day.accepted += d.accepted;
    day.overridden += d.overridden;
    day.unanswered += d.unanswered;
    days.set(d.day, day);
  }
  return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}
