/**
 * Receiving feedback (CDS Hooks 2.0 §Feedback): validate, check against the cards answered
 * (./feedback-check.ts), store, and answer only once the records are committed, so an
 * acknowledged answer is never lost. One bad item refuses the whole request, before anything
 * is written. Repeats are idempotent; feedback for a card the service has no record of is
 * kept, marked unknown; feedback from a client other than the one that received the card is
 * kept, marked so, and counts for nothing (issue #14); an override reason the card did not
 * offer is kept, marked, and counted apart.
 */
import type { ServiceSettings } from './service-settings.js';
import { ServiceError, type OutcomeIssue } from '../errors.js';
import { clientKeyOf, type FeedbackTally, type Store } from '../store/store.js';
import { checkFeedbackAgainstCards } from './feedback-check.js';
import {
  feedbackRequestSchema,
  isAfterClock,
  OUTCOME_CLOCK_TOLERANCE_MS,
  type FeedbackItem,
} from './feedback-schema.js';
import { serviceWithId } from './hook-request.js';
import { zodIssuesToOutcome } from './zod-issues.js';

/**
 * The answer: `otherClient` were stored but count for nothing; `unofferedReasons` were
 * stored with an override reason the card did not offer (counted under "(not offered)").
 */
export type FeedbackResult = FeedbackTally;

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
  if (!parsed.success)
    throw new ServiceError('invalid-request', zodIssuesToOutcome(parsed.error, { input: body }));
  const items = parsed.data.feedback;
  const served = await deps.store.servedCards([...new Set(items.map((item) => item.card))]);
  const check = checkFeedbackAgainstCards(serviceId, items, served);
  const issues = [...futureOutcomes(items, deps.now), ...check.issues];
  if (issues.length > 0) throw new ServiceError('invalid-request', issues);
  const receivedAt = deps.now.toISOString();
  const clientKey = clientKeyOf(deps.caller);
  return deps.store.recordFeedback(
    items.map((item, index) => ({
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
      reasonNotOffered: check.reasonNotOffered[index] === true,
    })),
  );
}

/** Items whose outcome is dated after now (beyond the clock tolerance): refused, never stored. */
function futureOutcomes(items: readonly FeedbackItem[], now: Date): OutcomeIssue[] {
  return items.flatMap((item, index) => {
    if (!isAfterClock(item.outcomeTimestamp, now)) return [];
    const expression = `feedback[${String(index)}].outcomeTimestamp`;
    return [
      {
        severity: 'error',
        code: 'invalid',
        diagnostics: `${expression}: is later than this service's clock (${now.toISOString()}) by more than ${String(OUTCOME_CLOCK_TOLERANCE_MS / 60_000)} minutes: check the client's clock`,
        expression: [expression],
      },
    ];
  });
}
