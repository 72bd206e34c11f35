/**
 * The imaging orders of an order hook's call, as `emd-imaging-order` reads them (rules page §4):
 * the drafts that make it fire, and every order of the session that is already ordered, which
 * keeps the same test from being proposed again. An order with `doNotPerform: true` orders
 * that the test NOT be done (FHIR R4 ServiceRequest.doNotPerform, a modifier element): it is
 * neither a draft imaging order nor the test already ordered, so it is left out of both.
 */
import { parseReference, untypedSubjectReference } from './fhir-reference.js';
import { lenientReadingLine } from './lenient-readings.js';
import type { CodingLike, Terminology } from './terminology.js';
import type { DraftOrder, HookContext, TraceLine } from './types.js';
import type { ValueSetRole } from './value-set-roles.js';
import { resourceStatus } from './resource-status.js';

/**
 * The statuses of an order already placed, or being placed, in the session. Rules page §4
 * proposes the preferred order "if not already drafted"; CDS Hooks order-sign sends orders
 * being re-signed, which "would typically have a status other than 'draft'". An `active` or
 * `on-hold` PET/CT is as surely ordered as a drafted one (H80). `revoked`, `completed`,
 * `entered-in-error` and `unknown` are not: the test may still be needed (a study done
 * counts through the imaging it produced, §3.4).
 */
const ORDERED_STATUSES: ReadonlySet<string> = new Set(['draft', 'active', 'on-hold']);

export interface SessionImagingOrders {
  /** The drafts the rule looks at (order-select: the selected ones): what makes it fire. */
  drafts: readonly DraftOrder[];
  /** The drafts it looks at that are this patient's but coded in no imaging order value set. */
  nonImagingDrafts: readonly DraftOrder[];
  /** Every imaging order of this patient in the call, selected or not, already ordered. */
  ordered: readonly DraftOrder[];
  /** This patient's imaging orders in the call not to perform, left out of the two above. */
  notToPerform: readonly DraftOrder[];
}

type OrderContext = Extract<HookContext, { kind: 'order' }>;

export const codesOf = ({ resource }: DraftOrder): CodingLike[] => resource.code?.coding ?? [];

export function sessionImagingOrders(
  context: OrderContext,
  terminology: Terminology,
): SessionImagingOrders {
  // Rules page §2: another patient's resources are dropped; an order is one too.
  const isOurs = (order: DraftOrder) => isForPatient(order.resource, context.patientId);
  const isImaging = (order: DraftOrder) => terminology.match('imagingOrder', codesOf(order));
  const all = [...context.draftOrders, ...context.otherDraftOrders];
  const ourDrafts = context.draftOrders.filter(
    (o) => resourceStatus(o.resource.status) === 'draft' && isOurs(o) && !isNotToPerform(o),
  );
  return {
    drafts: ourDrafts.filter(isImaging),
    nonImagingDrafts: ourDrafts.filter((o) => !isImaging(o)),
    ordered: all.filter(
      (o) =>
        ORDERED_STATUSES.has(resourceStatus(o.resource.status) ?? '') &&
        !isNotToPerform(o) &&
        isOurs(o) &&
        isImaging(o),
    ),
    notToPerform: all.filter((o) => isNotToPerform(o) && isOurs(o) && isImaging(o)),
  };
}

/**
 * The explain trace lines of the call's orders read leniently (H153): each of this patient's
 * orders, selected or not, as a record's resource is named (./patient-record.ts), so a feed
 * that writes an order's code as a JSON number hears what to send. Another patient's order is
 * left out unnamed, as the record names only what it keeps. None for the other hooks.
 */
export function orderReadingLines(context: HookContext): TraceLine[] {
  if (context.kind !== 'order') return [];
  return [...context.draftOrders, ...context.otherDraftOrders].flatMap((order) =>
    order.readings === undefined || !isForPatient(order.resource, context.patientId)
      ? []
      : [
          lenientReadingLine(
            order.reference ?? 'a draft ServiceRequest with neither id nor fullUrl',
            order.readings,
          ),
        ],
  );
}

/** An order that the test not be done: `doNotPerform` is checked boolean at the edge. */
const isNotToPerform = ({ resource }: DraftOrder): boolean => resource.doNotPerform === true;

/** Named one by one up to this many; an order session listing more is counted. */
const NAMED_AT_MOST = 5;

/**
 * The trace line naming the imaging orders not to perform, which were left out: neither what
 * makes the card fire nor what keeps a test from being proposed. Undefined when there is none.
 */
export function notToPerformLine(orders: readonly DraftOrder[]): string | undefined {
  if (orders.length === 0) return undefined;
  const named = orders
    .slice(0, NAMED_AT_MOST)
    .map((o) => o.reference ?? 'an order with neither id nor fullUrl');
  const more = orders.length - NAMED_AT_MOST;
  if (more > 0) named.push(`and ${String(more)} more`);
  return `left out as orders not to perform (doNotPerform: true), neither a draft imaging order nor the test already ordered: ${named.join(', ')}`;
}

/** The orders coded in any of the value sets: those that already order that test. */
export function orderedAs(
  ordered: readonly DraftOrder[],
  terminology: Terminology,
  ...roles: ValueSetRole[]
): DraftOrder[] {
  return ordered.filter((order) => roles.some((role) => terminology.match(role, codesOf(order))));
}

/**
 * False only when the order's subject names another patient (rules page §2). The order
 * hooks' schema does not check `subject` (the EHR sends its drafts for this patient), so it
 * is read as untyped data: absent, unreadable or a `urn:uuid:` keeps the order. (A `urn:uuid:`
 * naming a Patient in the draftOrders Bundle arrives here already resolved to `Patient/<id>`.)
 */
function isForPatient(order: fhir4.ServiceRequest, patientId: string): boolean {
  const reference = untypedSubjectReference(order);
  const parsed = reference === undefined ? undefined : parseReference(reference);
  return parsed?.type !== 'Patient' || parsed.id === patientId;
}
