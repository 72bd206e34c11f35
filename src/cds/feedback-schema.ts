/**
 * CDS Hooks 2.0 §Feedback: `{ "feedback": [ … ] }`, each item naming the card by its uuid,
 * the outcome, the accepted suggestions (required when accepted, FSH cds-fb-2), an optional
 * override reason (a Coding from the card, and/or a comment; cds-fb-3) and when it happened.
 */
import { z } from 'zod';
import { dateTimeMs, RFC3339_DATE_TIME } from '../rules/rfc3339.js';
import { boundedArray } from './bounded-array.js';

/**
 * RFC 3339 §5.6 date-time (the spec's example: 2021-12-11T10:05:31Z), with the ranges of §5.7
 * checked field by field (src/rules/rfc3339.ts): `Date.parse` is no check, V8 reads 2026-02-30
 * as 2 March. A leap second (:60) is refused, as no store can order it.
 */
const rfc3339 = z
  .string()
  // abort: a text of another form (no offset) is said to be that alone, not "not real" too.
  .regex(RFC3339_DATE_TIME, {
    error: 'must be an RFC 3339 date-time, e.g. 2026-11-25T10:05:31Z',
    abort: true,
  })
  // Date.parse as well: the stores order by it, and it refuses some forms RFC 3339 allows.
  .refine(
    (value) => typeof dateTimeMs(value) === 'number' && !Number.isNaN(Date.parse(value)),
    'must be a real date-time',
  );

/**
 * How far past this service's clock an `outcomeTimestamp` may lie: the largest clock
 * tolerance the token check can be given (`auth.clockToleranceSeconds`, at most 300). A later
 * one is the client's clock, not the clinician's act, and an override dated in the future
 * would hide its card until then (suppression counts its days from the override).
 */
export const OUTCOME_CLOCK_TOLERANCE_MS = 300_000;

/** Whether an outcome's time lies after `now` by more than the clock tolerance. */
export function isAfterClock(outcomeTime: string, now: Date): boolean {
  return Date.parse(outcomeTime) > now.getTime() + OUTCOME_CLOCK_TOLERANCE_MS;
}

/**
 * The most items one feedback request holds: the answers to a thousand cards. A client sends
 * each clinician's action as it happens (CDS Hooks 2.0 §Feedback), so one request holds a few.
 */
export const MAX_FEEDBACK_ITEMS = 1000;

/**
 * The most `acceptedSuggestions` of one item. CDS Hooks sets no bound, but each names a
 * suggestion of the one card the item answers (`suggestion.uuid`), and a card of this service
 * offers at most three work-up orders and one suggestion a finding reported but not listed,
 * a handful in any record (src/cds/cards/suggestions.ts). 100 leaves room for any card; a
 * longer list cannot be a clinician's answer, and is refused before its ids are read.
 */
export const MAX_ACCEPTED_SUGGESTIONS = 100;

/**
 * Every string `.min(1)` and the array `.min(1)`: CDS Hooks 2.0 "JSON elements SHALL NOT be
 * null or empty" (`""`, `[]`); an empty `userComment` is no comment, so an override reason of
 * only that is empty too (cds-fb-3).
 */
export const feedbackItemSchema = z
  .looseObject({
    card: z.string().min(1).max(128),
    outcome: z.enum(['accepted', 'overridden']),
    acceptedSuggestions: boundedArray(
      z.array(z.looseObject({ id: z.string().min(1).max(128) })).min(1),
      MAX_ACCEPTED_SUGGESTIONS,
    ).optional(),
    overrideReason: z
      .looseObject({
        reason: z
          .looseObject({
            code: z.string().min(1),
            system: z.string().min(1),
            display: z.string().min(1).optional(),
          })
          .optional(),
        userComment: z.string().min(1).max(10_000).optional(),
      })
      .refine((reason) => reason.reason !== undefined || reason.userComment !== undefined, {
        message: 'needs a reason or a userComment (cds-fb-3)',
      })
      .optional(),
    outcomeTimestamp: rfc3339,
  })
  .superRefine((item, ctx) => {
    // Absent only: an empty array is refused by its own min(1), in words that fit it.
    if (item.outcome === 'accepted' && item.acceptedSuggestions === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['acceptedSuggestions'],
        message: 'is required when outcome is accepted (cds-fb-2)',
      });
    }
  });

export const feedbackRequestSchema = z.looseObject({
  feedback: boundedArray(z.array(feedbackItemSchema).min(1), MAX_FEEDBACK_ITEMS),
});

export type FeedbackItem = z.infer<typeof feedbackItemSchema>;
