/**
 * The CDS Hooks 2.0 request an EHR sends, written in test/ from the specification's text
 * (../shared/spec/cds-hooks.md §1.1, §1.3, §1.4, §1.5 and the hook tables of §2.1) and from
 * our own hook's definition (cds-hooks/hooks/org.emd-cds.imagingstudy-review.md), never from
 * src/: the tests' oracle for the example requests the project ships. Each hook's context
 * holds exactly the fields its table lists, so a misspelt field name does not pass.
 */
import { z } from 'zod';

/** §1.1: "JSON elements SHALL NOT be null or empty". */
const text = z.string().min(1);
/** §1.1 Extensions: a JSON object, never empty. */
const extension = z
  .record(z.string(), z.unknown())
  .refine((value) => Object.keys(value).length > 0, 'extension must not be an empty object')
  .optional();
/** §2.1: `userId` is written `[ResourceType]/[id]` (FSH invariant ord-1). */
const userOf = (...types: string[]) => z.string().regex(new RegExp(`^(${types.join('|')})/.+$`));
const clinician = userOf('Practitioner', 'PractitionerRole');
/** §2.1 order hooks: `draftOrders` is an object, a Bundle of the draft requests. */
const draftOrders = z.looseObject({
  resourceType: z.literal('Bundle'),
  entry: z.array(z.looseObject({ resource: z.looseObject({ resourceType: text, id: text }) })),
});

/** §2.1 and our hook's Context table: the fields of each hook's context, REQUIRED or not. */
const CONTEXTS = {
  'patient-view': z.strictObject({
    userId: userOf('Practitioner', 'PractitionerRole', 'Patient', 'RelatedPerson'),
    patientId: text,
    encounterId: text.optional(),
  }),
  'order-select': z
    .strictObject({
      userId: clinician,
      patientId: text,
      encounterId: text.optional(),
      selections: z.array(text).min(1),
      draftOrders,
    })
    // §2.1: `selections` are "references into draftOrders".
    .refine(
      (c) =>
        c.selections.every((selection) =>
          c.draftOrders.entry.some(
            ({ resource }) => `${resource.resourceType}/${resource.id}` === selection,
          ),
        ),
      { message: 'every selection must name an order in draftOrders', path: ['selections'] },
    ),
  'order-sign': z.strictObject({
    userId: clinician,
    patientId: text,
    encounterId: text.optional(),
    draftOrders,
  }),
  'org.emd-cds.imagingstudy-review': z.strictObject({
    userId: clinician,
    patientId: text,
    imagingStudyId: text,
    diagnosticReportId: text.optional(),
    encounterId: text.optional(),
  }),
} as const;

/** §1.5: fhirAuthorization's fields; `token_type` is fixed "Bearer". */
const fhirAuthorization = z.strictObject({
  access_token: text,
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().nonnegative(),
  scope: text,
  subject: text,
  patient: text.optional(),
});

/**
 * §1.3 request body. §1.4: a prefetch value is the FHIR resource its template returns, or
 * null when the client has no data for it.
 */
export const cdsHookRequest = z
  .strictObject({
    hook: z.enum(Object.keys(CONTEXTS) as [keyof typeof CONTEXTS]),
    hookInstance: z.uuid(),
    fhirServer: z.url().optional(),
    fhirAuthorization: fhirAuthorization.optional(),
    context: z.record(z.string(), z.unknown()),
    prefetch: z
      .record(text, z.looseObject({ resourceType: text }).nullable())
      .refine((p) => Object.keys(p).length > 0, 'prefetch must not be an empty object')
      .optional(),
    extension,
  })
  .refine((r) => r.fhirAuthorization === undefined || r.fhirServer !== undefined, {
    message: 'fhirServer is REQUIRED if fhirAuthorization is provided (cds-r-1)',
    path: ['fhirServer'],
  })
  .superRefine((r, issues) => {
    const parsed = CONTEXTS[r.hook].safeParse(r.context);
    for (const issue of parsed.error?.issues ?? [])
      issues.addIssue({ code: 'custom', message: issue.message, path: ['context', ...issue.path] });
  });
export type CdsHookRequest = z.infer<typeof cdsHookRequest>;
