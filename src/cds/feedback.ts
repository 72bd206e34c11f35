/**
 * Receiving feedback (CDS Hooks 2.0 §Feedback): validate, store, and answer only once the
 * records are committed, so an acknowledged answer is never lost. Repeats are idempotent;
 * feedback for a card the service has no record of is kept, marked unknown.
 */
import type { ServiceSettings } from '../config/settings.js';
import { ServiceError } from '../errors.js';
import type { Store } from '../store/store.js';
import { feedbackRequestSchema } from './feedback-schema.js';
import { serviceWithId } from './hook-service.js';
import { zodIssuesToOutcome } from './zod-issues.js';

export interface FeedbackResult {
  stored: number;
  duplicates: number;
  unknownCards: number;
}

export async function receiveFeedback(
  serviceId: string,
  body: unknown,
  deps: { settings: ServiceSettings; store: Store; now: Date },
): Promise<FeedbackResult> {
  serviceWithId(deps.settings, serviceId);
  const parsed = feedbackRequestSchema.safeParse(body);
  if (!parsed.success) throw new ServiceError('invalid-request', zodIssuesToOutcome(parsed.error));
  const receivedAt = deps.now.toISOString();
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
    })),
  );
}
