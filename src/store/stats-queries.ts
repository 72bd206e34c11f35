/**
 * The SQL of the alert statistics (both stores run it, as ./queries.ts): cards served and
 * silent per rule and service, how they were answered, and per UTC day.
 */
import type { Dialect } from './migration-sql.js';
import { toInstant, type SqlValue } from './queries.js';

/** The code under which the statistics count override reasons the card did not offer. */
export const REASON_NOT_OFFERED = '(not offered)';

/**
 * How long after a hook call an EHR's retry of it (the same hookInstance) is still told apart
 * from a new call: the stats read the cards this long either side of their period.
 */
export const RETRY_WINDOW_MS = 3_600_000;

/**
 * The cards around the period (statsParams widens it by RETRY_WINDOW_MS), each numbered
 * within its invocation: CDS Hooks 2.0 §Calling a CDS Service makes hookInstance the id of
 * one hook call, so an EHR that retries a call (after a timeout, with a new JWT) sends it
 * again, and the service audits the rule's card again under a new uuid. The cards of one
 * client, hookInstance, service, rule and mode are one card: the latest (copy = 1), the
 * answer the EHR kept, counts, in the period it was served in; its level is the one shown.
 * Several services may be called with one hookInstance (one hook, several services), hence
 * the service in the key; the client, so that no client's hookInstance merges another's; and
 * the patient, which a retry keeps, so that an EHR that wrongly sends one hookInstance for
 * several calls merges no two patients' cards.
 */
const invocationCards = (extra = '') => `copies AS (
      SELECT card_uuid, rule_id, service_id, indicator, silent, client_key, hook_instance,
        patient_key, served_at,${extra === '' ? '' : ` ${extra},`} ROW_NUMBER() OVER (
          PARTITION BY client_key, hook_instance, patient_key, service_id, rule_id, silent
          ORDER BY served_at DESC, card_uuid DESC) AS copy
      FROM card_audit WHERE served_at >= ? AND served_at < ?
    )`;

/**
 * Whether a card could be accepted: 1 when it offered at least one suggestion (CDS Hooks 2.0
 * §Feedback: `accepted` names the suggestions accepted, so a card without one can only be
 * overridden or left unanswered), 0 when it offered none, NULL when it was recorded before
 * the audit kept what a card offered (migration 6): not known, never taken as 0. `offered`
 * is JSON text in both dialects (./queries.ts cardParams), read with each one's function.
 */
const HAS_SUGGESTION: Record<Dialect, string> = {
  sqlite: `CASE WHEN offered IS NULL THEN NULL
        WHEN json_array_length(offered, '$.suggestions') > 0 THEN 1 ELSE 0 END AS has_suggestion`,
  postgres: `CASE WHEN offered IS NULL THEN NULL
        WHEN json_array_length(CAST(offered AS json) -> 'suggestions') > 0 THEN 1 ELSE 0 END
        AS has_suggestion`,
};

/**
 * The characters of an override reason's system and code the statistics read (one more than
 * they show, to tell a cut one): a client's own reason is its text, stored as sent, and no
 * client may make the answer long by sending a long one.
 */
export const REASON_TEXT_SHOWN = 200;
const REASON_TEXT_READ = REASON_TEXT_SHOWN + 1;

/** How many reasons not offered are listed per rule and service; the rest count as others. */
export const REASONS_NOT_OFFERED_LISTED = 10;

/**
 * Text order by code point in both dialects, for ties in the ranking of reasons: SQLite's
 * default (BINARY) is; PostgreSQL's default follows the database's locale, so the two stores
 * would cut the ten at different reasons.
 */
const CODE_POINT_ORDER: Record<Dialect, string> = { sqlite: '', postgres: ' COLLATE "C"' };

/**
 * The latest answer from the card's own client to any card of an invocation (feedback may
 * name the first card of a retried call, if the EHR showed that one), by outcomeTimestamp.
 */
const LATEST_ANSWER = `latest AS (
      SELECT c.client_key, c.hook_instance, c.patient_key, c.service_id, c.rule_id, f.outcome,
        CASE WHEN f.reason_not_offered = 1 THEN NULL ELSE f.override_reason_system END
          AS override_reason_system,
        CASE WHEN f.reason_not_offered = 1 THEN '${REASON_NOT_OFFERED}' ELSE f.override_reason_code END
          AS override_reason_code,
        f.reason_not_offered AS not_offered,
        SUBSTR(f.override_reason_system, 1, ${String(REASON_TEXT_READ)}) AS given_system,
        SUBSTR(f.override_reason_code, 1, ${String(REASON_TEXT_READ)}) AS given_code,
        ROW_NUMBER() OVER (PARTITION BY c.client_key, c.hook_instance, c.patient_key,
          c.service_id, c.rule_id
          ORDER BY f.outcome_at DESC, f.received_at DESC, f.outcome DESC) AS rank
      FROM feedback f JOIN copies c ON c.card_uuid = f.card_uuid
      WHERE f.client_key = c.client_key AND c.silent = 0
    )`;

const SAME_INVOCATION = `l.client_key = s.client_key AND l.hook_instance = s.hook_instance
      AND l.patient_key = s.patient_key AND l.service_id = s.service_id AND l.rule_id = s.rule_id`;

/** The period's instants, `[from, to]`: the parameters of SQL.otherClientStats. */
export function periodParams(from: string, to: string): [string, string] {
  return [toInstant(from, 'from'), toInstant(to, 'to')];
}

/** The parameters of SQL.stats and SQL.dailyStats: the widened period, then the period. */
export function statsParams([start, end]: readonly [string, string]): SqlValue[] {
  const widen = (instant: string, ms: number) => new Date(Date.parse(instant) + ms).toISOString();
  return [widen(start, -RETRY_WINDOW_MS), widen(end, RETRY_WINDOW_MS), start, end];
}

// Each served card counts once, by its latest feedback from its own client, so that
// served = accepted + overridden + unanswered even when a card was answered twice. The
// cards one hook invocation gave one rule of one service for one patient count as one card (see
// invocationCards): an EHR that retries a call sends its hookInstance again; the latest copy
// says whether the card offered a suggestion. Silent cards come back on rows of their own
// (silent = 1), never with feedback. A reason the card did not offer (the client's own) counts
// under one code of its own, so no client can add codes to the card's list of reasons. The
// card's own client is judged on reading, as in SQL.lastOverride (./queries.ts).
// Parameters: statsParams.
const statsQuery = (dialect: Dialect) => `WITH ${invocationCards(HAS_SUGGESTION[dialect])},
    served AS (
      SELECT client_key, hook_instance, patient_key, service_id, rule_id, indicator, silent,
        has_suggestion
      FROM copies WHERE copy = 1 AND served_at >= ? AND served_at < ?
    ), ${LATEST_ANSWER}
    SELECT s.rule_id, s.service_id, s.indicator, s.silent, s.has_suggestion, l.outcome,
      l.override_reason_system, l.override_reason_code, CAST(COUNT(*) AS INTEGER) AS cards
    FROM served s LEFT JOIN latest l ON ${SAME_INVOCATION} AND l.rank = 1 AND s.silent = 0
    GROUP BY s.rule_id, s.service_id, s.indicator, s.silent, s.has_suggestion, l.outcome,
      l.override_reason_system, l.override_reason_code`;

// The reasons counted as "(not offered)" by the stats query, by the system and code the client
// sent (cut to REASON_TEXT_READ characters): per rule and service the most frequent
// REASONS_NOT_OFFERED_LISTED, ties by system then code, and one row (system and code NULL) for
// the cards of all the others. Bounded in rows and length however many codes a client makes
// up. Parameters: statsParams.
const reasonsNotOfferedQuery = (dialect: Dialect) => `WITH ${invocationCards()},
    served AS (
      SELECT client_key, hook_instance, patient_key, service_id, rule_id
      FROM copies WHERE copy = 1 AND served_at >= ? AND served_at < ? AND silent = 0
    ), ${LATEST_ANSWER},
    given AS (
      SELECT s.rule_id, s.service_id, l.given_system, l.given_code, COUNT(*) AS cards
      FROM served s JOIN latest l ON ${SAME_INVOCATION} AND l.rank = 1
      WHERE l.outcome = 'overridden' AND l.not_offered = 1
      GROUP BY s.rule_id, s.service_id, l.given_system, l.given_code
    ),
    ranked AS (
      SELECT rule_id, service_id, given_system, given_code, cards, ROW_NUMBER() OVER (
          PARTITION BY rule_id, service_id
          ORDER BY cards DESC, given_system${CODE_POINT_ORDER[dialect]},
            given_code${CODE_POINT_ORDER[dialect]}) AS place
      FROM given
    ),
    listed AS (
      SELECT rule_id, service_id, cards,
        CASE WHEN place <= ${String(REASONS_NOT_OFFERED_LISTED)} THEN given_system END AS system,
        CASE WHEN place <= ${String(REASONS_NOT_OFFERED_LISTED)} THEN given_code END AS code
      FROM ranked
    )
    SELECT rule_id, service_id, system, code, CAST(SUM(cards) AS INTEGER) AS cards
    FROM listed GROUP BY rule_id, service_id, system, code`;

/** The statistics' queries that read JSON or order text, in each dialect's words. */
export function statsSql(dialect: Dialect): { stats: string; reasonsNotOffered: string } {
  return { stats: statsQuery(dialect), reasonsNotOffered: reasonsNotOfferedQuery(dialect) };
}

export const STATS_SQL = {
  // Feedback from other clients on the period's cards, shown apart from the counts above.
  otherClientStats: `SELECT c.rule_id, c.service_id, CAST(COUNT(*) AS INTEGER) AS feedback
    FROM feedback f JOIN card_audit c ON c.card_uuid = f.card_uuid
    WHERE c.served_at >= ? AND c.served_at < ? AND f.client_key <> c.client_key AND c.silent = 0
    GROUP BY c.rule_id, c.service_id`,
  // As stats, by UTC day, cards served only: served_at is always written as toISOString(),
  // so its first ten characters are the UTC date, in both dialects. Parameters: statsParams.
  dailyStats: `WITH ${invocationCards()},
    served AS (
      SELECT client_key, hook_instance, patient_key, service_id, rule_id,
        SUBSTR(served_at, 1, 10) AS day
      FROM copies WHERE copy = 1 AND served_at >= ? AND served_at < ? AND silent = 0
    ), ${LATEST_ANSWER}
    SELECT s.day, s.rule_id, l.outcome, CAST(COUNT(*) AS INTEGER) AS cards
    FROM served s LEFT JOIN latest l ON ${SAME_INVOCATION} AND l.rank = 1
    GROUP BY s.day, s.rule_id, l.outcome`,
  // Cards suppression hid, over the hours overlapping the period (as SQL.hookCalls reads
  // the calls they were hidden in). Parameters: hourParams.
  suppressedCards: `SELECT rule_id, service_id, indicator, CAST(SUM(cards) AS INTEGER) AS cards
    FROM suppressed_card_count WHERE hour_start >= ? AND hour_start < ?
    GROUP BY rule_id, service_id, indicator`,
} as const;
