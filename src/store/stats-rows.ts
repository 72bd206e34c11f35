/**
 * The grouped rows of the stats queries (./queries.ts), folded into one entry per rule and
 * service, or per day and rule. Both stores share them.
 */
import type { DailyRuleStats, IndicatorCounts, RuleStats } from './store.js';

export interface StatsRow {
  rule_id: string;
  service_id: string;
  indicator: keyof IndicatorCounts;
  /** 1 for the cards of a silent rule (issue #17) */
  silent: number;
  outcome: 'accepted' | 'overridden' | null;
  override_reason_system: string | null;
  override_reason_code: string | null;
  cards: number;
}

const NO_REASON = '(none)';

const noCards = (): IndicatorCounts => ({ info: 0, warning: 0, critical: 0 });

export interface OtherClientRow {
  rule_id: string;
  service_id: string;
  feedback: number;
}

/** Folds the grouped rows into one entry per rule and service, sorted by rule then service. */
export function toRuleStats(
  rows: readonly StatsRow[],
  otherClientRows: readonly OtherClientRow[] = [],
): RuleStats[] {
  const byRule = new Map<string, RuleStats>();
  for (const row of rows) {
    const key = JSON.stringify([row.rule_id, row.service_id]);
    let stats = byRule.get(key);
    if (stats === undefined) {
      stats = {
        ruleId: row.rule_id,
        serviceId: row.service_id,
        served: 0,
        accepted: 0,
        overridden: 0,
        unanswered: 0,
        overrideReasons: [],
        otherClientFeedback: 0,
        byIndicator: noCards(),
        silent: { cards: 0, byIndicator: noCards() },
      };
      byRule.set(key, stats);
    }
    if (row.silent === 1) {
      stats.silent.cards += row.cards;
      stats.silent.byIndicator[row.indicator] += row.cards;
      continue;
    }
    stats.served += row.cards;
    stats.byIndicator[row.indicator] += row.cards;
    if (row.outcome === null) {
      stats.unanswered += row.cards;
    } else if (row.outcome === 'accepted') {
      stats.accepted += row.cards;
    } else {
      stats.overridden += row.cards;
      addReason(stats.overrideReasons, row, row.cards);
    }
  }
  for (const row of otherClientRows) {
    const stats = byRule.get(JSON.stringify([row.rule_id, row.service_id]));
    if (stats) stats.otherClientFeedback += row.feedback;
  }
  for (const stats of byRule.values()) {
    stats.overrideReasons.sort((a, b) => b.count - a.count || compare(a.code, b.code));
  }
  return [...byRule.values()].sort(
    (a, b) => compare(a.ruleId, b.ruleId) || compare(a.serviceId, b.serviceId),
  );
}

function addReason(reasons: RuleStats['overrideReasons'], row: StatsRow, count: number): void {
  // A system without a code names no reason, so it counts as "(none)" too.
  const code = row.override_reason_code ?? NO_REASON;
  const system =
    row.override_reason_code === null ? undefined : (row.override_reason_system ?? undefined);
  const same = reasons.find((r) => r.code === code && r.system === system);
  if (same === undefined) {
    reasons.push({ system, code, count });
  } else {
    same.count += count;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface DailyStatsRow {
  day: string;
  rule_id: string;
  outcome: 'accepted' | 'overridden' | null;
  cards: number;
}

/** Folds the grouped rows into one entry per day and rule, sorted by day then rule. */
export function toDailyStats(rows: readonly DailyStatsRow[]): DailyRuleStats[] {
  const byDay = new Map<string, DailyRuleStats>();
  for (const row of rows) {
    const key = JSON.stringify([row.day, row.rule_id]);
    let stats = byDay.get(key);
    if (stats === undefined) {
      stats = {
        day: row.day,
        ruleId: row.rule_id,
        served: 0,
        accepted: 0,
        overridden: 0,
        unanswered: 0,
      };
      byDay.set(key, stats);
    }
    const cards = row.cards;
    stats.served += cards;
    if (row.outcome === null) stats.unanswered += cards;
    else if (row.outcome === 'accepted') stats.accepted += cards;
    else stats.overridden += cards;
  }
  return [...byDay.values()].sort((a, b) => compare(a.day, b.day) || compare(a.ruleId, b.ruleId));
}
