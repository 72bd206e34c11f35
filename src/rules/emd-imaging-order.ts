import { parseReference, untypedSubjectReference } from './fhir-reference.js';
import { fired, neuraxisWorkup, notFired } from './build-outcome.js';
import type { Rule } from './rule.js';
import type { CodingLike } from './terminology.js';
import type { DraftOrder } from './types.js';
import type { ValueSetRole } from './value-set-roles.js';

/**
 * `emd-imaging-order` (info, order-select / order-sign): a draft imaging order for a myeloma
 * patient with EMD, CNS or leptomeningeal disease — PET/CT is the preferred whole-body test
 * for EMD staging and response; for CNS suspicion, MRI brain and whole spine with gadolinium
 * before lumbar puncture. Proposes the preferred order when it is neither drafted nor recent.
 */
export const emdImagingOrder: Rule = {
  id: 'emd-imaging-order',
  evaluate(facts, context, settings) {
    if (context.kind !== 'order')
      return notFired(this.id, 'runs on order-select and order-sign only');
    const { terminology } = settings;
    const codesOf = ({ resource }: DraftOrder): CodingLike[] => resource.code?.coding ?? [];
    // Rules page §2: another patient's resources are dropped; a draft order is one too.
    const isImagingDraft = (order: DraftOrder) =>
      order.resource.status === 'draft' &&
      isForPatient(order.resource, context.patientId) &&
      terminology.match('imagingOrder', codesOf(order));
    const imagingDrafts = context.draftOrders.filter(isImagingDraft);
    if (imagingDrafts.length === 0)
      return notFired(this.id, "no draft imaging order of this patient's among the orders");
    const emd = facts.findings.active.filter((f) => f.findingClass === 'emd');
    const cns = facts.findings.active.filter(
      (f) => f.findingClass === 'cns' || f.findingClass === 'leptomeningeal',
    );
    if (emd.length === 0 && cns.length === 0)
      return notFired(this.id, 'no active EMD, CNS or leptomeningeal finding');
    // Every draft of the call counts as drafted, selected or not (order-select).
    const allDrafts = [...imagingDrafts, ...context.otherDraftOrders.filter(isImagingDraft)];
    const drafted = (...roles: ValueSetRole[]) =>
      allDrafts.some((order) => roles.some((role) => terminology.match(role, codesOf(order))));
    const draftReferences = imagingDrafts.flatMap((o) => (o.reference ? [o.reference] : []));
    return fired(
      this.id,
      'info',
      facts,
      {
        findings: [...cns, ...emd],
        // Rules page §4: the card's evidence names what made it fire, the draft order too.
        cited: draftReferences,
        workup: {
          wholeBodyImaging:
            emd.length > 0 &&
            facts.imaging.isKnown &&
            !facts.imaging.wholeBody.isCovered &&
            !drafted('imagingPet', 'orderPetCt'),
          // MRI of the brain AND of the whole spine (rules page §3.4): one drafted leaves the
          // other to propose, and only the other.
          ...(cns.length > 0
            ? neuraxisWorkup(facts, {
                brain: drafted('orderMriBrain', 'imagingBrain'),
                spine: drafted('orderMriSpine', 'imagingSpine'),
              })
            : {}),
        },
      },
      `draft imaging order(s) ${draftReferences.join(', ')} for a patient with EMD or CNS disease`,
    );
  },
};

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
