/**
 * The SQL both stores run (written with `?` placeholders; the PostgreSQL store numbers
 * them), and the conversions between records and rows.
 */
import type { CardAuditRecord, DailyRuleStats, FeedbackRecord, RuleStats } from './store.js';

export const SQL = {
  insertCard: `INSERT INTO card_audit (card_uuid, rule_id, service_id, hook, hook_instance,
      indicator, served_at, config_hash, patient_key, evidence_keys, client_key)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (card_uuid) DO NOTHING`,
  cardClient: 'SELECT client_key FROM card_audit WHERE card_uuid = ?',
  insertFeedback: `INSERT INTO feedback (card_uuid, outcome, outcome_timestamp, outcome_at,
      service_id, accepted_suggestions, override_reason_system, override_reason_code,
      user_comment, received_at, unknown_card, client_key, other_client)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (card_uuid, outcome, outcome_timestamp, client_key) DO NOTHING`,
  // Only the card's own client's overrides suppress it (issue #14).
  lastOverride: `SELECT f.outcome_at, c.evidence_keys
    FROM feedback f JOIN card_audit c ON c.card_uuid = f.card_uuid
    WHERE c.rule_id = ? AND c.patient_key = ? AND f.outcome = 'overridden' AND f.outcome_at >= ?
      AND f.other_client = 0
    ORDER BY f.outcome_at DESC, f.received_at DESC
    LIMIT 1`,
  // Each served card counts once, by its latest feedback from its own client, so that
  // served = accepted + overridden + unanswered even when a card was answered twice.
  stats: `WITH served AS (
      SELECT card_uuid, rule_id, service_id FROM card_audit WHERE served_at >= ? AND served_at < ?
    ), latest AS (
      SELECT f.card_uuid, f.outcome, f.override_reason_system, f.override_reason_code,
        ROW_NUMBER() OVER (PARTITION BY f.card_uuid
          ORDER BY f.outcome_at DESC, f.received_at DESC, f.outcome DESC) AS rank
      FROM feedback f JOIN served s ON s.card_uuid = f.card_uuid
      WHERE f.other_client = 0
    )
    SELECT s.rule_id, s.service_id, l.outcome, l.override_reason_system, l.override_reason_code,
      CAST(COUNT(*) AS INTEGER) AS cards
    FROM served s LEFT JOIN latest l ON l.card_uuid = s.card_uuid AND l.rank = 1
    GROUP BY s.rule_id, s.service_id, l.outcome, l.override_reason_system, l.override_reason_code`,
  // Feedback from other clients on the period's cards, shown apart from the counts above.
  otherClientStats: `SELECT c.rule_id, c.service_id, CAST(COUNT(*) AS INTEGER) AS feedback
    FROM feedback f JOIN card_audit c ON c.card_uuid = f.card_uuid
    WHERE c.served_at >= ? AND c.served_at < ? AND f.other_client = 1
    GROUP BY c.rule_id, c.service_id`,
  // As stats, by UTC day: served_at is always written as toISOString(), so its first ten
  // characters are the UTC date, in both dialects.
  dailyStats: `WITH served AS (
      SELECT card_uuid, rule_id, SUBSTR(served_at, 1, 10) AS day
      FROM card_audit WHERE served_at >= ? AND served_at < ?
    ), latest AS (
      SELECT f.card_uuid, f.outcome,
        ROW_NUMBER() OVER (PARTITION BY f.card_uuid
          ORDER BY f.outcome_at DESC, f.received_at DESC, f.outcome DESC) AS rank
      FROM feedback f JOIN served s ON s.card_uuid = f.card_uuid
      WHERE f.other_client = 0
    )
    SELECT s.day, s.rule_id, l.outcome, CAST(COUNT(*) AS INTEGER) AS cards
    FROM served s LEFT JOIN latest l ON l.card_uuid = s.card_uuid AND l.rank = 1
    GROUP BY s.day, s.rule_id, l.outcome`,
  purgeFeedback: 'DELETE FROM feedback WHERE received_at < ?',
  purgeCards: 'DELETE FROM card_audit WHERE served_at < ?',
  appliedMigrations: 'SELECT version FROM schema_migrations ORDER BY version',
  recordMigration: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
} as const;

export type SqlValue = string | number | null;

/**
 * The same instant as `Date#toISOString()` gives it, so that stored timestamps compare as
 * strings. Throws on a value that is not a date-time.
 */
export function toInstant(value: string, what: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new TypeError(`${what} is not an RFC 3339 date-time`);
  }
  return new Date(time).toISOString();
}

export function cardParams(card: CardAuditRecord): SqlValue[] {
  return [
    card.cardUuid,
    card.ruleId,
    card.serviceId,
    card.hook,
    card.hookInstance,
    card.indicator,
    toInstant(card.servedAt, 'servedAt'),
    card.configHash,
    card.patientKey,
    JSON.stringify(card.evidenceKeys),
    card.clientKey,
  ];
}

export function feedbackParams(
  feedback: FeedbackRecord,
  isUnknownCard: boolean,
  isOtherClient: boolean,
): SqlValue[] {
  return [
    feedback.cardUuid,
    feedback.outcome,
    feedback.outcomeTimestamp,
    toInstant(feedback.outcomeTimestamp, 'outcomeTimestamp'),
    feedback.serviceId,
    JSON.stringify(feedback.acceptedSuggestions),
    feedback.overrideReasonSystem ?? null,
    feedback.overrideReasonCode ?? null,
    feedback.userComment ?? null,
    toInstant(feedback.receivedAt, 'receivedAt'),
    isUnknownCard ? 1 : 0,
    feedback.clientKey,
    isOtherClient ? 1 : 0,
  ];
}

export interface LastOverrideRow {
  outcome_at: string;
  evidence_keys: string;
}

export function toLastOverride(row: LastOverrideRow): {
  overriddenAt: string;
  evidenceKeys: string[];
} {
  return { overriddenAt: row.outcome_at, evidenceKeys: JSON.parse(row.evidence_keys) as string[] };
}

export interface StatsRow {
  rule_id: string;
  service_id: string;
  outcome: 'accepted' | 'overridden' | null;
  override_reason_system: string | null;
  override_reason_code: string | null;
  cards: number;
}

const NO_REASON = '(none)';

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
      };
      byRule.set(key, stats);
    }
    stats.served += row.cards;
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
