/**
 * CDS Hooks 2.0 §Feedback: `{ "feedback": [ … ] }`, each item naming the card by its uuid,
 * the outcome, the accepted suggestions (required when accepted, FSH cds-fb-2), an optional
 * override reason (a Coding from the card, and/or a comment; cds-fb-3) and when it happened.
 */
import { z } from 'zod';

/** RFC 3339 §5.6 date-time (the spec's example: 2021-12-11T10:05:31Z). */
const rfc3339 = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i,
    'must be an RFC 3339 date-time, e.g. 2026-11-25T10:05:31Z',
  )
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be a real date-time');

export const feedbackItemSchema = z
  .looseObject({
    card: z.string().min(1).max(128),
    outcome: z.enum(['accepted', 'overridden']),
    acceptedSuggestions: z.array(z.looseObject({ id: z.string().min(1).max(128) })).optional(),
    overrideReason: z
      .looseObject({
        reason: z
          .looseObject({
            code: z.string().min(1),
            system: z.string().min(1),
            display: z.string().optional(),
          })
          .optional(),
        userComment: z.string().max(10_000).optional(),
      })
      .refine((reason) => reason.reason !== undefined || reason.userComment !== undefined, {
        message: 'needs a reason or a userComment (cds-fb-3)',
      })
      .optional(),
    outcomeTimestamp: rfc3339,
  })
  .superRefine((item, ctx) => {
    if (item.outcome === 'accepted' && !item.acceptedSuggestions?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['acceptedSuggestions'],
        message: 'is required when outcome is accepted (cds-fb-2)',
      });
    }
  });

export const feedbackRequestSchema = z.looseObject({
  feedback: z.array(feedbackItemSchema).min(1).max(1000),
});
