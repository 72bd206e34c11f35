/**
 * The SQL both stores run (written with `?` placeholders; the PostgreSQL store numbers
 * them), and the conversions between records and rows.
 */
import type {
  CardAuditRecord,
  CardOffer,
  FeedbackRecord,
  HookCallCount,
  ServedCard,
  SuppressedCardCount,
} from './store.js';

export const SQL = {
  insertCard: `INSERT INTO card_audit (card_uuid, rule_id, service_id, hook, hook_instance,
      indicator, served_at, config_hash, patient_key, evidence_keys, client_key, silent, offered)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (card_uuid) DO NOTHING`,
  // A silent card was never shown (issue #17): feedback naming it is for an unknown card.
  cardClient: 'SELECT client_key FROM card_audit WHERE card_uuid = ? AND silent = 0',
  // A repeat is the same card, outcome and moment from the same client: the moment compared as
  // the instant (outcome_at, always toISOString()), since RFC 3339 writes one instant many
  // ways and a client that retries may write it another way. The key stays as migration 3
  // made it, so rows written before compare the same way.
  insertFeedback: `INSERT INTO feedback (card_uuid, outcome, outcome_timestamp, outcome_at,
      service_id, accepted_suggestions, override_reason_system, override_reason_code,
      user_comment, received_at, unknown_card, client_key, other_client, reason_not_offered)
    SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
    WHERE NOT EXISTS (SELECT 1 FROM feedback
      WHERE card_uuid = ? AND outcome = ? AND outcome_at = ? AND client_key = ?)
    ON CONFLICT (card_uuid, outcome, outcome_timestamp, client_key) DO NOTHING`,
  // Only the card's own client's overrides suppress it (issue #14); silent cards never do.
  // (Feedback naming a silent card's uuid is stored as for an unknown card, but it still
  // joins that card here, hence c.silent = 0.) The client is compared here, on reading, and
  // not through the other_client mark: feedback stored while its card was unknown (the card
  // spooled on another node, replayed since) was marked by no one.
  // And only for the calling client's cards (H75): a patient id is unique within one EHR
  // (issuer and tenant) only, so another client's patient of the same id is someone else.
  // The index on (rule_id, patient_key) already narrows the rows to one patient id's cards
  // of one rule; client_key only filters those, so it needs no index of its own.
  lastOverride: `SELECT f.outcome_at, c.evidence_keys
    FROM feedback f JOIN card_audit c ON c.card_uuid = f.card_uuid
    WHERE c.rule_id = ? AND c.patient_key = ? AND c.client_key = ? AND f.outcome = 'overridden'
      AND f.outcome_at >= ? AND f.client_key = c.client_key AND c.silent = 0
    ORDER BY f.outcome_at DESC, f.received_at DESC
    LIMIT 1`,
  // Each node adds its own calls to the hour's row.
  addHookCalls: `INSERT INTO hook_call_count (hour_start, service_id, calls) VALUES (?, ?, ?)
    ON CONFLICT (hour_start, service_id) DO UPDATE SET calls = hook_call_count.calls + excluded.calls`,
  // As addHookCalls, each node adding its own.
  addSuppressedCards: `INSERT INTO suppressed_card_count (hour_start, service_id, rule_id,
      indicator, cards) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (hour_start, service_id, rule_id, indicator)
    DO UPDATE SET cards = suppressed_card_count.cards + excluded.cards`,
  // A spooled batch of counts (./count-spool.ts) claims its id in the transaction that adds
  // its counts: no row changed means an earlier replay added them already.
  claimHookCallBatch: `INSERT INTO hook_call_batch (batch_id, applied_at) VALUES (?, ?)
    ON CONFLICT (batch_id) DO NOTHING`,
  // The hours overlapping [from, to): the caller passes `from` rounded down to its hour.
  hookCalls: `SELECT service_id, CAST(SUM(calls) AS INTEGER) AS calls FROM hook_call_count
    WHERE hour_start >= ? AND hour_start < ? GROUP BY service_id ORDER BY service_id`,
  appliedMigrations: 'SELECT version FROM schema_migrations ORDER BY version',
  recordMigration: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
} as const;

export type SqlValue = string | number | null;

/** The served (not silent) cards among `count` uuids, with what each offered. */
export function servedCardsSql(count: number): string {
  const uuids = Array.from({ length: count }, () => '?').join(', ');
  return `SELECT card_uuid, service_id, offered FROM card_audit
    WHERE silent = 0 AND card_uuid IN (${uuids})`;
}

export interface ServedCardRow {
  card_uuid: string;
  service_id: string;
  offered: string | null;
}

export function toServedCard(row: ServedCardRow): ServedCard {
  return {
    cardUuid: row.card_uuid,
    serviceId: row.service_id,
    offered: row.offered === null ? undefined : (JSON.parse(row.offered) as CardOffer),
  };
}

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
    card.silent === true ? 1 : 0,
    card.offered === undefined ? null : JSON.stringify(card.offered),
  ];
}

export function feedbackParams(
  feedback: FeedbackRecord,
  isUnknownCard: boolean,
  isOtherClient: boolean,
): SqlValue[] {
  const outcomeAt = toInstant(feedback.outcomeTimestamp, 'outcomeTimestamp');
  return [
    feedback.cardUuid,
    feedback.outcome,
    feedback.outcomeTimestamp,
    outcomeAt,
    feedback.serviceId,
    JSON.stringify(feedback.acceptedSuggestions),
    feedback.overrideReasonSystem ?? null,
    feedback.overrideReasonCode ?? null,
    feedback.userComment ?? null,
    toInstant(feedback.receivedAt, 'receivedAt'),
    isUnknownCard ? 1 : 0,
    feedback.clientKey,
    isOtherClient ? 1 : 0,
    feedback.reasonNotOffered === true ? 1 : 0,
    // The repeat check (SQL.insertFeedback's NOT EXISTS).
    feedback.cardUuid,
    feedback.outcome,
    outcomeAt,
    feedback.clientKey,
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

export interface HookCallRow {
  service_id: string;
  calls: number;
}

export function hookCallParams(count: HookCallCount): SqlValue[] {
  return [toInstant(count.hourStart, 'hourStart'), count.serviceId, count.calls];
}

export function suppressedCardParams(count: SuppressedCardCount): SqlValue[] {
  return [
    toInstant(count.hourStart, 'hourStart'),
    count.serviceId,
    count.ruleId,
    count.indicator,
    count.cards,
  ];
}

/** The hours overlapping [from, to): `from` rounded down to its hour, and `to`. */
export function hourParams(from: string, to: string): SqlValue[] {
  return [hourStartOf(toInstant(from, 'from')), toInstant(to, 'to')];
}

/** The start of the UTC hour holding `instant`, as `Date#toISOString()` writes it. */
export function hourStartOf(instant: string): string {
  const time = Date.parse(instant);
  return new Date(time - (time % 3_600_000)).toISOString();
}
