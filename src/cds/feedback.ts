/**
 * Receiving feedback (CDS Hooks 2.0 §Feedback): validate, store, and answer only once the
 * records are committed, so an acknowledged answer is never lost. Repeats are idempotent;
 * feedback for a card the service has no record of is kept, marked unknown; feedback from
 * a client other than the one that received the card is kept, marked so, and counts for
 * nothing (issue #14).
 */
import type { ServiceSettings } from './service-settings.js';
import { ServiceError } from '../errors.js';
import { clientKeyOf, type Store } from '../store/store.js';
import { feedbackRequestSchema } from './feedback-schema.js';
import { serviceWithId } from './hook-service.js';
import { zodIssuesToOutcome } from './zod-issues.js';

export interface FeedbackResult {
  stored: number;
  duplicates: number;
  unknownCards: number;
  /** Stored, but from a client other than the one that received the card: not counted. */
  otherClient: number;
}

export async function receiveFeedback(
  serviceId: string,
  body: unknown,
  deps: {
    settings: ServiceSettings;
    store: Store;
    now: Date;
    /** The verified client sending the feedback; undefined without authentication. */
    caller?: { iss: string; tenant: string | undefined } | undefined;
  },
): Promise<FeedbackResult> {
  serviceWithId(deps.settings, serviceId);
  const parsed = feedbackRequestSchema.safeParse(body);
  if (!parsed.success) throw new ServiceError('invalid-request', zodIssuesToOutcome(parsed.error));
  const receivedAt = deps.now.toISOString();
  const clientKey = clientKeyOf(deps.caller);
  return deps.store.recordFeedback(
    parsed.data.feedback.map((item) => ({
      cardUuid: item.card,
      serviceId,
      outcome: item.outcome,
      acceptedSuggestions: (item.acceptedSuggestions ?? []).map((s) => s.id),
      overrideReasonSystem: item.overrideReason?.reason?.system,
      overrideReasonCode: item.overrideReason?.reason?.code,
      userComment: item.overrideReason?.userComment,
      outcomeTimestamp: item.outcomeTimestamp,
      receivedAt,
      clientKey,
    })),
  );
}
