/**
 * The grouped rows of the stats queries (./queries.ts), folded into one entry per rule and
 * service, or per day and rule. Both stores share them.
 */
import { REASON_TEXT_SHOWN } from './stats-queries.js';
import type { DailyRuleStats, IndicatorCounts, RuleStats } from './store.js';

export interface StatsRow {
  rule_id: string;
  service_id: string;
  indicator: keyof IndicatorCounts;
  /** 1 for the cards of a silent rule (issue #17) */
  silent: number;
  /** 1 when the card offered a suggestion, 0 when none, null when not known (./stats-queries.ts) */
  has_suggestion: number | null;
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

export interface SuppressedRow {
  rule_id: string;
  service_id: string;
  indicator: keyof IndicatorCounts;
  cards: number;
}

/** A reason not offered as the client sent it (cut), or system and code null for the others. */
export interface NotOfferedRow {
  rule_id: string;
  service_id: string;
  system: string | null;
  code: string | null;
  cards: number;
}

/** Folds the grouped rows into one entry per rule and service, sorted by rule then service. */
export function toRuleStats(
  rows: readonly StatsRow[],
  otherClientRows: readonly OtherClientRow[] = [],
  suppressedRows: readonly SuppressedRow[] = [],
  notOfferedRows: readonly NotOfferedRow[] = [],
): RuleStats[] {
  const byRule = foldRows(rows, ruleKeyOf, noRuleStats, addRuleRow);
  for (const row of notOfferedRows) {
    const stats = byRule.get(ruleKeyOf(row));
    if (stats) addNotOffered(stats.reasonsNotOffered, row);
  }
  for (const row of otherClientRows) {
    const stats = byRule.get(ruleKeyOf(row));
    if (stats) stats.otherClientFeedback += row.feedback;
  }
  // A rule whose every card in the period was suppressed has no other row: it gets an entry.
  for (const row of suppressedRows) {
    const key = ruleKeyOf(row);
    const stats = byRule.get(key) ?? noRuleStats(row);
    byRule.set(key, stats);
    stats.suppressed.cards += row.cards;
    stats.suppressed.byIndicator[row.indicator] += row.cards;
  }
  for (const stats of byRule.values()) {
    stats.overrideReasons.sort((a, b) => b.count - a.count || compare(a.code, b.code));
    stats.reasonsNotOffered.reasons.sort(
      (a, b) => b.count - a.count || compare(a.system, b.system) || compare(a.code, b.code),
    );
  }
  return [...byRule.values()].sort(
    (a, b) => compare(a.ruleId, b.ruleId) || compare(a.serviceId, b.serviceId),
  );
}

function noRuleStats(row: { rule_id: string; service_id: string }): RuleStats {
  return {
    ruleId: row.rule_id,
    serviceId: row.service_id,
    ...noOutcomes(),
    overrideReasons: [],
    acceptance: { couldAccept: 0, accepted: 0, noSuggestion: 0, unknown: 0 },
    reasonsNotOffered: { reasons: [], others: 0 },
    otherClientFeedback: 0,
    byIndicator: noCards(),
    silent: { cards: 0, byIndicator: noCards() },
    suppressed: { cards: 0, byIndicator: noCards() },
  };
}

/** One rule of one service: the key the stats, other clients' and suppressed rows share. */
const ruleKeyOf = (row: { rule_id: string; service_id: string }): string =>
  JSON.stringify([row.rule_id, row.service_id]);

function addRuleRow(stats: RuleStats, row: StatsRow): void {
  // A silent rule's cards were never shown, so they count apart and have no outcome.
  if (row.silent === 1) {
    stats.silent.cards += row.cards;
    stats.silent.byIndicator[row.indicator] += row.cards;
    return;
  }
  stats.byIndicator[row.indicator] += row.cards;
  addOutcome(stats, row.outcome, row.cards);
  addAcceptance(stats.acceptance, row);
  if (row.outcome === 'overridden') addReason(stats.overrideReasons, row, row.cards);
}

function addAcceptance(acceptance: RuleStats['acceptance'], row: StatsRow): void {
  // Unknown stays unknown: a card recorded before its offer was kept is not guessed to have none.
  if (row.has_suggestion === null) acceptance.unknown += row.cards;
  else if (row.has_suggestion === 0) acceptance.noSuggestion += row.cards;
  else {
    acceptance.couldAccept += row.cards;
    if (row.outcome === 'accepted') acceptance.accepted += row.cards;
  }
}

function addNotOffered(into: RuleStats['reasonsNotOffered'], row: NotOfferedRow): void {
  if (row.system === null || row.code === null) into.others += row.cards;
  else into.reasons.push({ system: shown(row.system), code: shown(row.code), count: row.cards });
}

/**
 * A client's text as the statistics show it: its first REASON_TEXT_SHOWN characters (code
 * points, as the SQL's SUBSTR counts them), and "…" when the query read more.
 */
function shown(text: string): string {
  // Code points, not graphemes: the SQL cut the text by code point, and this cuts it the same.
  const characters = Array.from(text);
  return characters.length > REASON_TEXT_SHOWN
    ? `${characters.slice(0, REASON_TEXT_SHOWN).join('')}…`
    : text;
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
  const byDay = foldRows(
    rows,
    (row) => JSON.stringify([row.day, row.rule_id]),
    (row): DailyRuleStats => ({ day: row.day, ruleId: row.rule_id, ...noOutcomes() }),
    (stats, row) => {
      addOutcome(stats, row.outcome, row.cards);
    },
  );
  return [...byDay.values()].sort((a, b) => compare(a.day, b.day) || compare(a.ruleId, b.ruleId));
}

/** One entry per key, made from its first row, then each row added. */
function foldRows<Row, Entry>(
  rows: readonly Row[],
  keyOf: (row: Row) => string,
  start: (row: Row) => Entry,
  add: (entry: Entry, row: Row) => void,
): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  for (const row of rows) {
    const key = keyOf(row);
    let entry = entries.get(key);
    if (entry === undefined) {
      entry = start(row);
      entries.set(key, entry);
    }
    add(entry, row);
  }
  return entries;
}

/** The counts both folds keep: cards served, and what became of them. */
type OutcomeCounts = Pick<DailyRuleStats, 'served' | 'accepted' | 'overridden' | 'unanswered'>;

const noOutcomes = (): OutcomeCounts => ({ served: 0, accepted: 0, overridden: 0, unanswered: 0 });

function addOutcome(counts: OutcomeCounts, outcome: StatsRow['outcome'], cards: number): void {
  counts.served += cards;
  if (outcome === null) counts.unanswered += cards;
  else if (outcome === 'accepted') counts.accepted += cards;
  else counts.overridden += cards;
}
