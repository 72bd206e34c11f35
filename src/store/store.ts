/**
 * Feedback and audit persistence behind one interface (house style: src/store/), with an
 * embedded SQLite store by default and PostgreSQL for scale-out.
 */

/** One card as served (CDS Hooks feedback and audit). No names, tokens, identifiers or resources. */
export interface CardAuditRecord {
  cardUuid: string;
  ruleId: string;
  serviceId: string;
  hook: string;
  hookInstance: string;
  indicator: 'info' | 'warning' | 'critical';
  /** ISO 8601 UTC */
  servedAt: string;
  configHash: string;
  /** HMAC of the patient id: pseudonymous, stable per deployment */
  patientKey: string;
  /** HMACs of the evidence references */
  evidenceKeys: string[];
  /** The verified CDS client that received the card (clientKeyOf); '' without authentication. */
  clientKey: string;
  /**
   * The card of a silent rule (issue #17): built and audited as if served, never returned.
   * Absent on records spooled before silent mode: those were served.
   */
  silent?: boolean;
  /** What the card offered, to check its feedback against; absent on records spooled before it was kept. */
  offered?: CardOffer;
}
/** What a card offered its user (CDS Hooks 2.0 §Card): its suggestions' uuids and override reasons. */
export interface CardOffer {
  suggestions: string[];
  overrideReasons: { system: string; code: string }[];
}
/** A card as served (silent ones excluded), for checking the feedback that names it. */
export interface ServedCard {
  cardUuid: string;
  serviceId: string;
  /** Undefined for cards recorded before the store kept it (migration 6): not checkable. */
  offered: CardOffer | undefined;
}
/** Hook calls one node answered for one service in one UTC hour (issue #17). */
export interface HookCallCount {
  /** The hour's first instant, ISO 8601 UTC (`2026-03-01T10:00:00.000Z`). */
  hourStart: string;
  serviceId: string;
  calls: number;
}
/**
 * Cards one node's suppression hid (src/cds/suppression.ts: overridden for this patient, no new
 * evidence) for one rule of one service, at one level, in one UTC hour: what the service would
 * have shown. Counts only, no patient.
 */
export interface SuppressedCardCount {
  /** The hour's first instant, ISO 8601 UTC, as in HookCallCount. */
  hourStart: string;
  serviceId: string;
  ruleId: string;
  indicator: keyof IndicatorCounts;
  cards: number;
}
export interface IndicatorCounts {
  info: number;
  warning: number;
  critical: number;
}
export interface FeedbackRecord {
  cardUuid: string;
  serviceId: string;
  outcome: 'accepted' | 'overridden';
  acceptedSuggestions: string[];
  overrideReasonSystem: string | undefined;
  overrideReasonCode: string | undefined;
  userComment: string | undefined;
  /** as sent by the client (RFC 3339) */
  outcomeTimestamp: string;
  receivedAt: string;
  /** The verified CDS client that sent the feedback (clientKeyOf); '' without authentication. */
  clientKey: string;
  /** The override reason is not one the card offered (the client's own): kept, counted apart. */
  reasonNotOffered?: boolean;
}
/** What recordFeedback did: rows stored (not repeats), and of those, how many are marked. */
export interface FeedbackTally {
  stored: number;
  duplicates: number;
  unknownCards: number;
  otherClient: number;
  /** stored with an override reason the card did not offer */
  unofferedReasons: number;
}
export interface RuleStats {
  ruleId: string;
  serviceId: string;
  served: number;
  accepted: number;
  overridden: number;
  /** cards served with no feedback */
  unanswered: number;
  /** override reasons, most frequent first; cards overridden with no coded reason count under code "(none)" */
  overrideReasons: { system: string | undefined; code: string; count: number }[];
  /**
   * The cards served (`served`) by whether a clinician could accept them (CDS Hooks 2.0
   * §Feedback: `accepted` names the suggestions accepted): `couldAccept` offered at least one
   * suggestion, and `accepted` of those were; `noSuggestion` offered none, so could only be
   * overridden or left unanswered; `unknown` were recorded before the audit kept what a card
   * offered (migration 6): couldAccept + noSuggestion + unknown = served.
   */
  acceptance: { couldAccept: number; accepted: number; noSuggestion: number; unknown: number };
  /**
   * The reasons counted under "(not offered)" in `overrideReasons`, by the system and code the
   * client sent: the most frequent 10, ties by system then code (each cut to 200 characters,
   * with "…"), and the cards overridden with any other in `others`. The counts add up to
   * the "(not offered)" count.
   */
  reasonsNotOffered: { reasons: { system: string; code: string; count: number }[]; others: number };
  /** feedback on these cards from a client other than the one that received them: kept, not counted above */
  otherClientFeedback: number;
  /** the cards served (`served`), by indicator */
  byIndicator: IndicatorCounts;
  /** cards of this rule while it was silent (issue #17): audited, never shown, no feedback */
  silent: { cards: number; byIndicator: IndicatorCounts };
  /**
   * cards suppression hid (an override, no new evidence): counted per hook call over the
   * UTC hours overlapping the period, as the hook calls are; never audited, no feedback
   */
  suppressed: { cards: number; byIndicator: IndicatorCounts };
}
/** One rule's cards served on one UTC day, each counted once by its latest feedback. */
export interface DailyRuleStats {
  /** YYYY-MM-DD (UTC) the cards were served */
  day: string;
  ruleId: string;
  served: number;
  accepted: number;
  overridden: number;
  unanswered: number;
}
/**
 * Who a CDS client is, for binding feedback to it: the verified issuer and tenant (JSON,
 * so no issuer or tenant can be made to look like another pair); '' without authentication.
 */
export function clientKeyOf(caller: { iss: string; tenant: string | undefined } | undefined) {
  return caller ? JSON.stringify([caller.iss, caller.tenant ?? null]) : '';
}

export interface Store {
  /** Creates or upgrades the schema (idempotent; numbered migrations recorded in a table). */
  migrate(): Promise<void>;
  /** All or nothing, committed (durable) before the promise resolves. */
  recordCards(records: readonly CardAuditRecord[]): Promise<void>;
  /**
   * Writes an audit row of a large record's size and deletes it in one committed transaction
   * (./write-check.ts); rejects while the store cannot take writes. Leaves nothing behind.
   */
  checkWritable(): Promise<void>;
  /**
   * Idempotent on (cardUuid, outcome, outcomeTimestamp, clientKey); feedback for unknown
   * cards, from a client other than the card's, or with a reason the card did not offer,
   * is stored and marked so; all or nothing, committed before resolving.
   */
  recordFeedback(records: readonly FeedbackRecord[]): Promise<FeedbackTally>;
  /** The cards among `cardUuids` that were served (not silent), with what each offered. */
  servedCards(cardUuids: readonly string[]): Promise<ServedCard[]>;
  /**
   * The latest 'overridden' feedback from the card's own client for this rule and patient at
   * or after `since` (by outcomeTimestamp), with the evidence keys of the card it answered.
   * Only cards served to `clientKey` (clientKeyOf the calling client) count: a patient id is
   * unique only within one client, so another client's patient of the same id is someone else.
   */
  lastOverride(
    ruleId: string,
    patientKey: string,
    clientKey: string,
    since: string,
  ): Promise<{ overriddenAt: string; evidenceKeys: string[] } | undefined>;
  /**
   * Adds hook call counts (issue #17) and the cards suppression hid in those calls, in one
   * transaction, committed before resolving. With `batchId` (a batch from a node's spool,
   * ./count-spool.ts) the id is recorded in that transaction, and a batch whose id is
   * already recorded adds nothing: resolves false then, else true.
   */
  recordHookCalls(
    counts: readonly HookCallCount[],
    suppressed?: readonly SuppressedCardCount[],
    batchId?: string,
  ): Promise<boolean>;
  /** Hook calls per service, over the hours that overlap [from, to). */
  hookCalls(from: string, to: string): Promise<{ serviceId: string; calls: number }[]>;
  /**
   * Per rule and service, for cards served (live) or audited silent in [from, to), and cards
   * suppressed in the hours overlapping it.
   */
  stats(from: string, to: string): Promise<RuleStats[]>;
  /** Per UTC day and rule (all services together), for cards served (not silent) in [from, to); days without cards are absent. */
  dailyStats(from: string, to: string): Promise<DailyRuleStats[]>;
  /**
   * Deletes cards served, feedback received, hook call and suppressed card counts, and
   * spooled count batch ids applied, before `cutoff`; returns rows deleted. In batches, each
   * committed on its own, so that other writes run between them (./retention-purge.ts);
   * resolves once none older is left.
   */
  purgeBefore(cutoff: string): Promise<number>;
  close(): Promise<void>;
}
