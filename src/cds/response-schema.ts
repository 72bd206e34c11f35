/**
 * The CDS Hooks 2.0 response (§CDS Service Response), as zod schemas with the spec's
 * invariants (FSH cds-resp-1…6) and no empty optional values (spec §JSON: `null`, "", []
 * and {} are not allowed). The service's types come from it; tests check responses against
 * test/support/cds-hooks-schema.ts, written apart from src/ from the spec.
 */
import { z } from 'zod';

const nonEmpty = z.string().min(1);

/** CDS Hooks Coding: `display` is required for override reasons (cds-resp-4). */
export const overrideReasonSchema = z.strictObject({
  code: nonEmpty,
  system: nonEmpty,
  display: nonEmpty,
});

export const actionSchema = z
  .strictObject({
    type: z.enum(['create', 'update', 'delete']),
    description: nonEmpty,
    resource: z.looseObject({ resourceType: nonEmpty }).optional(),
    resourceId: nonEmpty.optional(),
  })
  .refine((a) => a.type === 'delete' || a.resource !== undefined, {
    message: 'create and update actions carry a resource',
  })
  .refine((a) => a.type !== 'delete' || a.resourceId !== undefined, {
    message: 'delete actions carry a resourceId (cds-resp-2)',
  });

export const suggestionSchema = z.strictObject({
  label: nonEmpty,
  uuid: z.uuid().optional(),
  isRecommended: z.boolean().optional(),
  actions: z.array(actionSchema).min(1).optional(),
});

export const linkSchema = z
  .strictObject({
    label: nonEmpty,
    url: z.url(),
    type: z.enum(['absolute', 'smart']),
    appContext: nonEmpty.optional(),
    autolaunchable: z.boolean().optional(),
  })
  .refine((l) => l.type === 'smart' || l.appContext === undefined, {
    message: 'appContext only on smart links (cds-resp-3)',
  });

export const cardSchema = z
  .strictObject({
    uuid: z.uuid(),
    summary: nonEmpty.max(139, 'summary must be under 140 characters'),
    detail: nonEmpty.optional(),
    indicator: z.enum(['info', 'warning', 'critical']),
    source: z.strictObject({
      label: nonEmpty,
      url: z.url().optional(),
      icon: z.url().optional(),
      topic: z
        .strictObject({ code: nonEmpty, system: nonEmpty, display: nonEmpty.optional() })
        .optional(),
    }),
    suggestions: z.array(suggestionSchema).min(1).optional(),
    selectionBehavior: z.enum(['at-most-one', 'any']).optional(),
    overrideReasons: z.array(overrideReasonSchema).min(1).optional(),
    links: z.array(linkSchema).min(1).optional(),
    extension: z
      .record(
        z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'extension keys use reverse-domain names'),
        z.unknown(),
      )
      .optional(),
  })
  .refine((c) => c.suggestions === undefined || c.selectionBehavior !== undefined, {
    message: 'selectionBehavior is required with suggestions (cds-resp-6)',
  })
  .refine(
    (c) =>
      c.selectionBehavior !== 'at-most-one' ||
      (c.suggestions ?? []).filter((s) => s.isRecommended).length <= 1,
    {
      message: 'at most one recommended suggestion with at-most-one (cds-resp-1)',
    },
  );
export type Card = z.infer<typeof cardSchema>;

export const hookResponseSchema = z.strictObject({
  cards: z.array(cardSchema),
  systemActions: z.array(actionSchema).min(1).optional(),
});
export type HookResponse = z.infer<typeof hookResponseSchema>;
