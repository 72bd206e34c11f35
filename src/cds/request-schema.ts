/**
 * The CDS Hooks 2.0 request (§Calling a CDS Service), validated at the edge. Unknown fields
 * and `extension`s are tolerated (spec §Extensions); prefetch values are checked per key
 * later, because a bad prefetch value means "missing", not "bad request" (spec §Prefetch).
 */
import { z } from 'zod';
import type { OutcomeIssue } from '../errors.js';
import { MAX_CODE_LENGTH, MAX_ID_LENGTH, MAX_URL_LENGTH } from '../fhir/value-limits.js';
import { isDotsAlone, isReadableId } from '../rules/fhir-reference.js';

const ID_CHARACTERS = 'letters, digits, "-", ".", "_" or "~"';
const QUERY_OR_FRAGMENT = /[?#]/;

/**
 * An id the hook names (`context.patientId`, `imagingStudyId`, `encounterId`, a draft order's
 * id, `fhirAuthorization.patient`), read by the bound the data's own ids are read by
 * (../rules/fhir-reference.ts `isReadableId`, H103): FHIR R4 §2.24.0.1's characters and `_` and
 * `~`, up to MAX_ID_LENGTH (Epic's exceed 64, H42). Under FHIR's pattern alone a patient a
 * gateway numbers `ZY_1` got 400 on every call, and its `Patient/ZY_1` subjects could never be
 * this patient's (H110). A blank, `/`, `?`, `#`, `%` or `&` is still refused: the id is filled
 * into a URL's path segment and query (./prefetch-template.ts), and must stay one value there;
 * so are dots alone (`.`, `..`), which a URL's path reads as another segment (probe 12).
 */
export const readableId = z
  .string()
  .max(MAX_ID_LENGTH, `must be an id: at most ${String(MAX_ID_LENGTH)} characters`)
  .refine(
    (id) => !isDotsAlone(id),
    'must be an id: not dots alone ("." and ".." are other paths in a URL)',
  )
  // A longer id, or dots alone, has its own issue above; this one names the characters only.
  .refine(
    (id) => id.length > MAX_ID_LENGTH || isDotsAlone(id) || isReadableId(id),
    `must be an id: ${ID_CHARACTERS}`,
  );

/**
 * CDS Hooks `userId`: `Type/id` of the user, of one of the types the hook allows; the id read as
 * `readableId` is, so a gateway's `Practitioner/ZY_7` is the user it names (H110).
 */
function userReferenceOf(types: readonly string[]) {
  const named = types.map((type) => `${type}/{id}`);
  return z.string().refine(
    (reference) => {
      const slash = reference.indexOf('/');
      return (
        slash > 0 &&
        types.includes(reference.slice(0, slash)) &&
        isReadableId(reference.slice(slash + 1))
      );
    },
    `must be ${named.slice(0, -1).join(', ')} or ${named.at(-1) ?? ''}`,
  );
}

/** patient-view (CDS Hooks Library): a clinician, the patient or a related person. */
export const userReference = userReferenceOf([
  'Practitioner',
  'PractitionerRole',
  'Patient',
  'RelatedPerson',
]);

/**
 * order-select, order-sign (CDS Hooks Library: "the user is expected to be of type
 * Practitioner or PractitionerRole") and our imaging-review hook (cds-hooks/hooks/).
 */
export const clinicianReference = userReferenceOf(['Practitioner', 'PractitionerRole']);

/** CDS Hooks 2.0 §fhirAuthorization. */
export const fhirAuthorizationSchema = z.looseObject({
  access_token: z.string().min(1),
  // RFC 6749 §5.1: token_type is case-insensitive; "bearer" is common in the wild.
  token_type: z.string().regex(/^bearer$/i, 'must be "Bearer"'),
  expires_in: z.number().int().nonnegative(),
  scope: z.string().min(1),
  subject: z.string().min(1),
  patient: readableId.optional(),
});

/**
 * No refinement (`.superRefine`) on this schema: with one, parsing a request whose prefetch
 * held megabytes made the next young-generation collections copy far more (issue #15,
 * measured in docs/performance-log.md §14: 0.03 s against 1.6 s of collection over 200 heavy
 * parses). The one cross-field rule, cds-r-1, is `fhirAuthorizationProblem()` below.
 */
export const hookRequestSchema = z.looseObject({
  hook: z.string().min(1).max(MAX_CODE_LENGTH),
  hookInstance: z.guid('must be a UUID'),
  fhirServer: z
    .string()
    .max(MAX_URL_LENGTH, 'must be at most 4096 characters')
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }))
    // A FHIR base URL (FHIR R4 §3.1.0.1.2: [base]/[type]/[id]) has no query or fragment; the
    // allowlist reads the URL, the FHIR client its text: `…/fhir?` passed the one and made the
    // other read `/fhir?/Patient/…` (probe 12).
    .refine(
      (url) => !QUERY_OR_FRAGMENT.test(url),
      'must be a FHIR base URL, with no query ("?") or fragment ("#")',
    )
    .optional(),
  fhirAuthorization: fhirAuthorizationSchema.optional(),
  context: z.record(z.string(), z.unknown()),
  prefetch: z.record(z.string(), z.unknown()).optional(),
  extension: z.record(z.string(), z.unknown()).optional(),
});
export type HookRequest = z.infer<typeof hookRequestSchema>;

/**
 * CDS Hooks 2.0 (FSH invariant cds-r-1): fhirAuthorization requires fhirServer. The issue
 * as zod would word it (src/cds/zod-issues.ts), for a request that passed the schema.
 */
export function fhirAuthorizationProblem(request: HookRequest): OutcomeIssue | undefined {
  if (!request.fhirAuthorization || request.fhirServer) return undefined;
  return {
    severity: 'error',
    code: 'invalid',
    diagnostics: 'fhirServer: is required when fhirAuthorization is given',
    expression: ['fhirServer'],
  };
}
