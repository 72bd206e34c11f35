/**
 * The order hooks' `draftOrders` (CDS Hooks Library, order-select and order-sign: "a Bundle of
 * the orders being written") and order-select's `selections`, which "reference FHIR resources
 * in the draftOrders Bundle".
 */
import { z } from 'zod';
import { readCheckedBy, type ResourceReading } from '../fhir/read-resource.js';
import { conditionSchema } from '../fhir/resource-schemas.js';
import { typedReferenceOf, untypedSubjectReference } from '../rules/fhir-reference.js';
import type { DraftOrder } from '../rules/types.js';
import { readableId } from './request-schema.js';
import { boundedArray, MAX_LIST_ITEMS } from './bounded-array.js';

const serviceRequestSchema = z.looseObject({
  resourceType: z.literal('ServiceRequest'),
  id: readableId.optional(),
  status: z.string(),
  code: conditionSchema.shape.code,
  // A modifier element: an order "not to perform" is no order of the test (H116).
  doNotPerform: z.boolean().optional(),
});

/**
 * A ServiceRequest as the order rule reads it: as sent when the shape accepts it; else read
 * leniently as a record's resources are (../fhir/read-resource.ts, H153: a code as a JSON
 * number, one coding where a list belongs, a null display), and refused, naming the problem of
 * the copy, when that copy is still wrong (a code that is an object).
 */
const readDraftOrder = (resource: object): ResourceReading =>
  readCheckedBy((value) => serviceRequestSchema.safeParse(value), resource);

export const draftOrdersSchema = z.looseObject({
  resourceType: z.literal('Bundle'),
  entry: boundedArray(
    z.array(
      z.looseObject({
        fullUrl: z.unknown().optional(),
        // FHIR R4 Bundle.entry.resource is 0..1: a transaction's DELETE entry holds none, and
        // names no order being written, so it is passed over rather than refusing the call.
        resource: z.looseObject({ resourceType: z.string() }).optional(),
      }),
    ),
    MAX_LIST_ITEMS,
  ).optional(),
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
    if (!resource) continue;
    const id: unknown = resource.id;
    if (
      resource.resourceType === 'Patient' &&
      typeof fullUrl === 'string' &&
      typeof id === 'string'
    )
      patientIdsByFullUrl.set(fullUrl, id);
  }
  return entries.flatMap(({ fullUrl, resource }) => {
    if (!resource) return [];
    const read = readDraftOrder(resource);
    if (!read.success) return [];
    const { readings } = read;
    const order = read.resource as fhir4.ServiceRequest;
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
        ...(readings === undefined ? {} : { readings }),
      },
    ];
  });
}

/** A Bundle entry, or a draft with the names its entry gave it. */
interface NamedEntry {
  fullUrl?: unknown;
  resource: object;
}

/**
 * Whether any of order-select's selections names the entry, as FHIR R4 resolves a reference
 * inside a Bundle (Bundle §"Resolving references in Bundles"): by the entry's `fullUrl` (a
 * `urn:uuid` for a draft not yet saved, or an absolute URL), or by `Type/id`, also written as
 * an absolute URL or with `/_history/<version>`. The selections are read once into sets: a
 * call selecting thousands of orders was compared selection by entry, a stall of minutes
 * (issue #19).
 */
export function selectedBy(selections: readonly string[]): (entry: NamedEntry) => boolean {
  const names = new Set(selections);
  const typedNames = new Set(selections.map(typedReferenceOf));
  // An unparsable selection and a resource without an id must not name each other.
  typedNames.delete(undefined);
  return ({ fullUrl, resource }) =>
    (typeof fullUrl === 'string' && names.has(fullUrl)) || typedNames.has(typedNameOf(resource));
}

/**
 * Whether a selection names any entry of the Bundle (a ServiceRequest or any other order),
 * by the same resolution as selectedBy; the entries' names are read once.
 */
export function entryNamer(bundle: DraftOrdersBundle): (selection: string) => boolean {
  const fullUrls = new Set<unknown>();
  const typedNames = new Set<string | undefined>();
  for (const { fullUrl, resource } of bundle.entry ?? []) {
    if (resource === undefined) continue;
    fullUrls.add(fullUrl);
    typedNames.add(typedNameOf(resource));
  }
  typedNames.delete(undefined);
  return (selection) => fullUrls.has(selection) || typedNames.has(typedReferenceOf(selection));
}

/** `Type/id` of a resource, or undefined without both. */
function typedNameOf(resource: object): string | undefined {
  const { resourceType, id } = resource as { resourceType?: unknown; id?: unknown };
  return typeof resourceType === 'string' && typeof id === 'string'
    ? `${resourceType}/${id}`
    : undefined;
}

/**
 * The problems of each ServiceRequest in scope that cannot be read, even leniently (a `code`
 * that is no CodeableConcept, a `status` missing), at their place in the context: `draftOrdersIn` leaves
 * such an order out, which for an order the hook is about (order-select's selection, every
 * order of order-sign) read as no imaging order at all: 200 and no card, with nothing said.
 */
export function unreadableOrderIssues(
  bundle: DraftOrdersBundle,
  isInScope: (entry: NamedEntry) => boolean,
): { path: (string | number)[]; message: string }[] {
  return (bundle.entry ?? []).flatMap(({ fullUrl, resource }, i) => {
    if (resource?.resourceType !== 'ServiceRequest' || !isInScope({ fullUrl, resource })) return [];
    const read = readDraftOrder(resource);
    if (read.success) return [];
    return read.error.issues.map((issue) => ({
      path: [
        'draftOrders',
        'entry',
        i,
        'resource',
        ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      ],
      message: issue.message,
    }));
  });
}
