/** The API's per-rule-and-service and per-day-and-rule counts, folded for the charts. */
import type { DailyRuleStats, RuleStats } from './types.js';
import { DAY_MS } from '../../src/rules/time.js';

/**
 * Per rule, all services together: every count is the sum of the services' (cards by level,
 * silent and suppressed cards, other clients' feedback, the cards that could be accepted). A
 * reason given on the cards of several services is one reason: its counts are added, so the
 * ranked reasons table shows it once, at its total; so is a reason no card offered (each
 * service's ten most frequent, and their others added). The row keeps the first service's id.
 * The API's answer is not changed.
 */
export function byRule(stats: readonly RuleStats[]): RuleStats[] {
  const rules = new Map<string, RuleStats>();
  for (const s of stats) {
    const r = rules.get(s.ruleId);
    if (r) addStats(r, s);
    else rules.set(s.ruleId, copyOf(s));
  }
  return [...rules.values()];
}

function copyOf(s: RuleStats): RuleStats {
  return {
    ...s,
    overrideReasons: s.overrideReasons.map((x) => ({ ...x })),
    acceptance: { ...s.acceptance },
    reasonsNotOffered: {
      reasons: s.reasonsNotOffered.reasons.map((x) => ({ ...x })),
      others: s.reasonsNotOffered.others,
    },
    byIndicator: { ...s.byIndicator },
    silent: { cards: s.silent.cards, byIndicator: { ...s.silent.byIndicator } },
    suppressed: { cards: s.suppressed.cards, byIndicator: { ...s.suppressed.byIndicator } },
  };
}

function addStats(r: RuleStats, s: RuleStats): void {
  r.served += s.served;
  r.accepted += s.accepted;
  r.overridden += s.overridden;
  r.unanswered += s.unanswered;
  r.otherClientFeedback += s.otherClientFeedback;
  addLevels(r.byIndicator, s.byIndicator);
  r.silent.cards += s.silent.cards;
  addLevels(r.silent.byIndicator, s.silent.byIndicator);
  r.suppressed.cards += s.suppressed.cards;
  addLevels(r.suppressed.byIndicator, s.suppressed.byIndicator);
  for (const reason of s.overrideReasons) addReason(r.overrideReasons, reason);
  r.acceptance.couldAccept += s.acceptance.couldAccept;
  r.acceptance.accepted += s.acceptance.accepted;
  r.acceptance.noSuggestion += s.acceptance.noSuggestion;
  r.acceptance.unknown += s.acceptance.unknown;
  for (const reason of s.reasonsNotOffered.reasons) addReason(r.reasonsNotOffered.reasons, reason);
  r.reasonsNotOffered.others += s.reasonsNotOffered.others;
}

type Levels = RuleStats['byIndicator'];

function addLevels(into: Levels, from: Levels): void {
  into.info += from.info;
  into.warning += from.warning;
  into.critical += from.critical;
}

type OverrideReason = RuleStats['overrideReasons'][number];

function addReason<Reason extends OverrideReason>(reasons: Reason[], reason: Reason): void {
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
