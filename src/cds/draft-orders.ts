/**
 * The order hooks' `draftOrders` (CDS Hooks Library, order-select and order-sign: "a Bundle of
 * the orders being written") and order-select's `selections`, which "reference FHIR resources
 * in the draftOrders Bundle".
 */
import { z } from 'zod';
import { conditionSchema } from '../fhir/resource-schemas.js';
import { typedReferenceOf, untypedSubjectReference } from '../rules/fhir-reference.js';
import type { DraftOrder } from '../rules/types.js';
import { fhirId } from './request-schema.js';

const serviceRequestSchema = z.looseObject({
  resourceType: z.literal('ServiceRequest'),
  id: fhirId.optional(),
  status: z.string(),
  code: conditionSchema.shape.code,
});

export const draftOrdersSchema = z.looseObject({
  resourceType: z.literal('Bundle'),
  entry: z
    .array(
      z.looseObject({
        fullUrl: z.unknown().optional(),
        resource: z.looseObject({ resourceType: z.string() }),
      }),
    )
    .optional(),
});
export type DraftOrdersBundle = z.infer<typeof draftOrdersSchema>;

/** A draft order with the names its Bundle entry gives it. */
export interface BundleDraft extends DraftOrder {
  fullUrl: string | undefined;
}

/**
 * The ServiceRequests in the Bundle (other entries, and malformed ones, are left out). A
 * subject written as the `fullUrl` of a Patient in the same Bundle (`urn:uuid:…`, as an EHR
 * writes a transaction) is resolved to `Patient/<id>`, so the rules can tell another
 * patient's draft from this one's (rules page §2). A draft not yet saved may have no id: the
 * card then cites it by its `fullUrl`, its only name.
 */
export function draftOrdersIn(bundle: DraftOrdersBundle): BundleDraft[] {
  const entries = bundle.entry ?? [];
  const patientIdsByFullUrl = new Map<string, string>();
  for (const { fullUrl, resource } of entries) {
    const id: unknown = resource.id;
    if (
      resource.resourceType === 'Patient' &&
      typeof fullUrl === 'string' &&
      typeof id === 'string'
    )
      patientIdsByFullUrl.set(fullUrl, id);
  }
  return entries.flatMap(({ fullUrl, resource }) => {
    const parsed = serviceRequestSchema.safeParse(resource);
    if (!parsed.success) return [];
    const order = parsed.data as unknown as fhir4.ServiceRequest;
    const subject = untypedSubjectReference(order);
    const patientId = subject === undefined ? undefined : patientIdsByFullUrl.get(subject);
    const name = typeof fullUrl === 'string' && fullUrl !== '' ? fullUrl : undefined;
    return [
      {
        resource:
          patientId === undefined
            ? order
            : { ...order, subject: { reference: `Patient/${patientId}` } },
        reference: order.id === undefined ? name : `ServiceRequest/${order.id}`,
        fullUrl: name,
      },
    ];
  });
}

/**
 * Whether an order-select selection names the draft, as FHIR R4 resolves a reference inside a
 * Bundle (Bundle §"Resolving references in Bundles"): by the entry's `fullUrl` (a `urn:uuid`
 * for a draft not yet saved, or an absolute URL), or by `ServiceRequest/<id>`, also written as
 * an absolute URL or with `/_history/<version>`.
 */
export function isSelectedBy(draft: BundleDraft, selection: string): boolean {
  if (draft.fullUrl !== undefined && selection === draft.fullUrl) return true;
  const { id } = draft.resource;
  return id !== undefined && typedReferenceOf(selection) === `ServiceRequest/${id}`;
}

/**
 * Whether an order-select selection names any entry of the Bundle (a ServiceRequest or any
 * other order), by its `fullUrl` or as `Type/id` (also absolute, or with `/_history/…`).
 */
export function namesAnEntry(bundle: DraftOrdersBundle, selection: string): boolean {
  const typed = typedReferenceOf(selection);
  return (bundle.entry ?? []).some(({ fullUrl, resource }) => {
    if (fullUrl === selection) return true;
    const id: unknown = resource.id;
    return typeof id === 'string' && typed === `${resource.resourceType}/${id}`;
  });
}
