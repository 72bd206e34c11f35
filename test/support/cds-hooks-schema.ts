/**
 * The CDS Hooks 2.0 response and discovery shapes, written in test/ from the specification's
 * text (../shared/spec/cds-hooks.md §1.1, §1.2 and §1.6, which quote
 * https://cds-hooks.hl7.org/2.0/) and never from src/: the tests' oracle for what the service
 * sends. Each rule cites the sentence or FSH invariant it comes from.
 */
import { z } from 'zod';

/** §1.1: "JSON elements SHALL NOT be null or empty": no "", [] or {} (the one exception is `cards: []`). */
const text = z.string().min(1);
const absoluteUrl = z.url();

/**
 * §1.1 Extensions: `extension` is reserved for implementers and its value MUST be a JSON
 * object; what it holds is theirs (keys SHOULD be reverse-domain names, a SHOULD we do not
 * enforce), so any properties are allowed inside it.
 */
const extension = z
  .record(z.string(), z.unknown())
  .refine((value) => Object.keys(value).length > 0, 'extension must not be an empty object')
  .optional();

/** §1.6 Coding (the CDS Hooks type, not FHIR's): code and system REQUIRED. */
const coding = z.strictObject({ code: text, system: text, display: text.optional(), extension });

/** §1.6 Action: type create | update | delete; a resource for create/update, a resourceId for delete. */
export const cdsAction = z
  .strictObject({
    type: z.enum(['create', 'update', 'delete']),
    description: text,
    resource: z.looseObject({ resourceType: text }).optional(),
    resourceId: text.optional(),
    extension,
  })
  .refine((a) => a.type === 'delete' || a.resource !== undefined, {
    message: '"resource": the new resource for create, the entire updated resource for update',
  })
  .refine((a) => a.type !== 'delete' || a.resourceId !== undefined, {
    message:
      '"resourceId" SHOULD be used for delete; "resource" for a delete id is deprecated (cds-resp-2)',
  });

/** §1.6 Suggestion: label REQUIRED; uuid, isRecommended, actions OPTIONAL. */
export const cdsSuggestion = z.strictObject({
  label: text,
  uuid: z.uuid().optional(),
  isRecommended: z.boolean().optional(),
  actions: z.array(cdsAction).min(1).optional(),
  extension,
});

/** §1.6 Link: label, url, type REQUIRED; appContext only on smart links (cds-resp-3). */
export const cdsLink = z
  .strictObject({
    label: text,
    url: absoluteUrl,
    type: z.enum(['absolute', 'smart']),
    appContext: text.optional(),
    autolaunchable: z.boolean().optional(),
    extension,
  })
  .refine((l) => l.type === 'smart' || l.appContext === undefined, {
    message: 'appContext "should only be valued if the link type is smart" (cds-resp-3)',
  });

/** §1.6 Source: label REQUIRED; url and icon absolute; topic a Coding. */
const cdsSource = z.strictObject({
  label: text,
  url: absoluteUrl.optional(),
  icon: absoluteUrl.optional(),
  topic: coding.optional(),
  extension,
});

/**
 * §1.6 Card. The spec makes `uuid` OPTIONAL but says it "SHALL be included in any subsequent
 * calls to the CDS service's feedback endpoint"; this service offers feedback on every card,
 * so the tests require it.
 */
export const cdsCard = z
  .strictObject({
    uuid: z.uuid(),
    // "One-sentence, <140-character summary": strictly under 140.
    summary: text.refine((s) => s.length < 140, 'summary must be under 140 characters'),
    detail: text.optional(),
    indicator: z.enum(['info', 'warning', 'critical']),
    source: cdsSource,
    suggestions: z.array(cdsSuggestion).min(1).optional(),
    selectionBehavior: z.enum(['at-most-one', 'any']).optional(),
    // "The service MUST populate a display value for each reason's Coding" (cds-resp-4).
    overrideReasons: z
      .array(coding.required({ display: true }))
      .min(1)
      .optional(),
    links: z.array(cdsLink).min(1).optional(),
    extension,
  })
  .refine((c) => c.suggestions === undefined || c.selectionBehavior !== undefined, {
    message: 'if suggestions are present, selectionBehavior MUST also be provided (cds-resp-6)',
  })
  // CONDITIONAL: it "describes the intended selection behavior of the suggestions in the
  // card", so a card without suggestions has nothing for it to describe.
  .refine((c) => c.selectionBehavior === undefined || c.suggestions !== undefined, {
    message: 'selectionBehavior without suggestions describes nothing',
  })
  .refine(
    (c) =>
      c.selectionBehavior !== 'at-most-one' ||
      (c.suggestions ?? []).filter((s) => s.isRecommended === true).length <= 1,
    { message: 'with at-most-one, at most one suggestion may be recommended (cds-resp-1)' },
  );
export type CdsCard = z.infer<typeof cdsCard>;

/** §1.6 response body: `cards` REQUIRED (`[]` allowed), `systemActions` OPTIONAL. */
export const cdsHookResponse = z.strictObject({
  cards: z.array(cdsCard),
  systemActions: z.array(cdsAction).min(1).optional(),
  extension,
});
export type CdsHookResponse = z.infer<typeof cdsHookResponse>;

/** §1.2 Discovery: `{ services: [...] }`; hook, id and description REQUIRED. */
export const cdsDiscovery = z.strictObject({
  services: z.array(
    z.strictObject({
      hook: text,
      id: text,
      title: text.optional(),
      description: text,
      prefetch: z
        .record(z.string().min(1), text)
        .refine((p) => Object.keys(p).length > 0, 'prefetch must not be an empty object')
        .optional(),
      usageRequirements: text.optional(),
      extension,
    }),
  ),
  extension,
});
