/**
 * The SQL of each schema migration (./migrations.ts lists them, in order), in both dialects.
 * Released migrations are history: a change is a new function and a new number, never an
 * edit here.
 *
 * Timestamps are TEXT in both dialects, always written as `Date#toISOString()` (UTC,
 * milliseconds, `Z`), so string order is time order and the same SQL compares them in
 * both. Booleans are INTEGER 0/1 for the same reason (SQLite has no BOOLEAN type).
 */

export type Dialect = 'sqlite' | 'postgres';

/** SQLite STRICT tables refuse a value of the wrong type, as PostgreSQL does. */
const tableSuffix: Record<Dialect, string> = { sqlite: ' STRICT', postgres: '' };

/**
 * The card audit and its feedback (migration 1). `feedback.outcome_timestamp` is kept as the
 * client sent it (it is part of the idempotency key); `outcome_at` is the same instant in UTC,
 * for ordering.
 */
export function initialSchema(dialect: Dialect): string {
  return `
CREATE TABLE card_audit (
  card_uuid TEXT PRIMARY KEY,
  rule_id TEXT NOT NULL,
  service_id TEXT NOT NULL,
  hook TEXT NOT NULL,
  hook_instance TEXT NOT NULL,
  indicator TEXT NOT NULL CHECK (indicator IN ('info', 'warning', 'critical')),
  served_at TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  patient_key TEXT NOT NULL,
  evidence_keys TEXT NOT NULL
)${tableSuffix[dialect]};
CREATE INDEX card_audit_rule_patient ON card_audit (rule_id, patient_key);
CREATE INDEX card_audit_served_at ON card_audit (served_at);

CREATE TABLE feedback (
  card_uuid TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'overridden')),
  outcome_timestamp TEXT NOT NULL,
  outcome_at TEXT NOT NULL,
  service_id TEXT NOT NULL,
  accepted_suggestions TEXT NOT NULL,
  override_reason_system TEXT,
  override_reason_code TEXT,
  user_comment TEXT,
  received_at TEXT NOT NULL,
  unknown_card INTEGER NOT NULL CHECK (unknown_card IN (0, 1)),
  PRIMARY KEY (card_uuid, outcome, outcome_timestamp)
)${tableSuffix[dialect]};
CREATE INDEX feedback_received_at ON feedback (received_at);
`;
}

/**
 * State the workers of one deployment share (src/store/shared-state.ts): JWT ids seen, and
 * requests counted per caller and rate-limit window. Times are epoch milliseconds here:
 * these rows are compared, never shown, and live minutes, not years.
 */
export function sharedStateSchema(dialect: Dialect): string {
  const epochMs = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  return `
CREATE TABLE replay_guard (
  key TEXT PRIMARY KEY,
  expires_at ${epochMs} NOT NULL
)${tableSuffix[dialect]};
CREATE INDEX replay_guard_expires_at ON replay_guard (expires_at);

CREATE TABLE rate_window (
  key TEXT NOT NULL,
  window_start ${epochMs} NOT NULL,
  hits INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
)${tableSuffix[dialect]};
CREATE INDEX rate_window_start ON rate_window (window_start);
`;
}

/**
 * Issue #14: feedback is bound to the client that received the card. `client_key` names
 * the verified CDS client (issuer and tenant; '' when authentication is off, and for rows
 * written before this migration). Feedback from another client is kept but flagged, and
 * the client is part of its idempotency key, so another client's copy cannot pre-empt the
 * real answer. SQLite cannot change a primary key in place: the table is rebuilt.
 */
export function feedbackClientSchema(dialect: Dialect): string {
  const addCardClient = `ALTER TABLE card_audit ADD COLUMN client_key TEXT NOT NULL DEFAULT '';`;
  if (dialect === 'postgres')
    return `
${addCardClient}
ALTER TABLE feedback ADD COLUMN client_key TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN other_client INTEGER NOT NULL DEFAULT 0 CHECK (other_client IN (0, 1));
ALTER TABLE feedback DROP CONSTRAINT feedback_pkey;
ALTER TABLE feedback ADD PRIMARY KEY (card_uuid, outcome, outcome_timestamp, client_key);
`;
  return `
${addCardClient}
CREATE TABLE feedback_v3 (
  card_uuid TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'overridden')),
  outcome_timestamp TEXT NOT NULL,
  outcome_at TEXT NOT NULL,
  service_id TEXT NOT NULL,
  accepted_suggestions TEXT NOT NULL,
  override_reason_system TEXT,
  override_reason_code TEXT,
  user_comment TEXT,
  received_at TEXT NOT NULL,
  unknown_card INTEGER NOT NULL CHECK (unknown_card IN (0, 1)),
  client_key TEXT NOT NULL,
  other_client INTEGER NOT NULL CHECK (other_client IN (0, 1)),
  PRIMARY KEY (card_uuid, outcome, outcome_timestamp, client_key)
)${tableSuffix.sqlite};
INSERT INTO feedback_v3 SELECT card_uuid, outcome, outcome_timestamp, outcome_at, service_id,
  accepted_suggestions, override_reason_system, override_reason_code, user_comment,
  received_at, unknown_card, '', 0 FROM feedback;
DROP TABLE feedback;
ALTER TABLE feedback_v3 RENAME TO feedback;
CREATE INDEX feedback_received_at ON feedback (received_at);
`;
}

/**
 * The fleet (issue #16, src/store/fleet-registry.ts; migration 4): what every node must agree
 * on (the audit key's fingerprint, never the key) and which nodes are running, by heartbeat.
 */
export function fleetSchema(dialect: Dialect): string {
  return `
CREATE TABLE fleet_identity (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  recorded_at TEXT NOT NULL
)${tableSuffix[dialect]};

CREATE TABLE fleet_node (
  node_id TEXT PRIMARY KEY,
  host TEXT NOT NULL,
  port INTEGER NOT NULL,
  version TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  started_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  stopped_at TEXT
)${tableSuffix[dialect]};
`;
}

/**
 * Silent mode (issue #17, migration 5): a silent rule's card is audited as if served, marked
 * `silent` (it never left the service, so no feedback or suppression reads it); and hook
 * calls are counted per UTC hour and service, for "cards per 100 hook calls". Counts are
 * added (each node adds its own), so one row can hold several nodes' calls.
 */
export function silentModeSchema(dialect: Dialect): string {
  return `
ALTER TABLE card_audit ADD COLUMN silent INTEGER NOT NULL DEFAULT 0 CHECK (silent IN (0, 1));

CREATE TABLE hook_call_count (
  hour_start TEXT NOT NULL,
  service_id TEXT NOT NULL,
  calls INTEGER NOT NULL,
  PRIMARY KEY (hour_start, service_id)
)${tableSuffix[dialect]};
`;
}

/**
 * What each card offered (migration 6): its suggestions' uuids and its override reasons, so
 * that feedback can be checked against the card it answers (docs/integrating.md §4). NULL on
 * cards recorded before: their feedback cannot be checked, and is taken as before. Feedback
 * whose override reason the card did not offer (CDS Hooks 2.0 lets the client add its own)
 * is kept and marked `reason_not_offered`.
 */
export function cardOfferSchema(): string {
  return `
ALTER TABLE card_audit ADD COLUMN offered TEXT;
ALTER TABLE feedback ADD COLUMN reason_not_offered INTEGER NOT NULL DEFAULT 0 CHECK (reason_not_offered IN (0, 1));
`;
}

/**
 * Cards suppression hid (migration 7): what the service would have shown but for an
 * override (src/cds/suppression.ts), per UTC hour, service, rule and level, so that a team
 * tuning `suppressAfterOverrideDays` sees what it hides. Counted in memory with the hook
 * calls and added with them (src/store/call-tally.ts): no write on the hook call's path.
 * Counts only: nothing of the patient or the card.
 */
export function suppressedCardsSchema(dialect: Dialect): string {
  return `
CREATE TABLE suppressed_card_count (
  hour_start TEXT NOT NULL,
  service_id TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  indicator TEXT NOT NULL CHECK (indicator IN ('info', 'warning', 'critical')),
  cards INTEGER NOT NULL,
  PRIMARY KEY (hour_start, service_id, rule_id, indicator)
)${tableSuffix[dialect]};
`;
}

/**
 * Hook-call counts replayed from a node's spool (migration 8, src/store/count-spool.ts): the
 * id of each spooled batch, recorded in the transaction that adds its counts. Counts are
 * added, not keyed, so without it a batch replayed again (the node died between the store's
 * commit and the spool's delete) would count its calls twice; with it the repeat adds
 * nothing. Only spooled batches have an id (a few per minute of an outage, not one per
 * flush); the retention purge deletes them by `applied_at` (src/store/retention-purge.ts).
 */
export function countBatchSchema(dialect: Dialect): string {
  return `
CREATE TABLE hook_call_batch (
  batch_id TEXT PRIMARY KEY,
  applied_at TEXT NOT NULL
)${tableSuffix[dialect]};
CREATE INDEX hook_call_batch_applied_at ON hook_call_batch (applied_at);
`;
}
