import { fired, notFired } from './rule-outcome.js';
import type { Rule } from './rule.js';
import type { CodingLike, ValueSetRole } from './terminology.js';

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
    const codesOf = (order: fhir4.ServiceRequest): CodingLike[] => order.code?.coding ?? [];
    const imagingDrafts = context.draftOrders.filter(
      (order) => order.status === 'draft' && terminology.match('imagingOrder', codesOf(order)),
    );
    if (imagingDrafts.length === 0)
      return notFired(this.id, 'no draft imaging order among the orders');
    const emd = facts.findings.active.filter((f) => f.findingClass === 'emd');
    const cns = facts.findings.active.filter(
      (f) => f.findingClass === 'cns' || f.findingClass === 'leptomeningeal',
    );
    if (emd.length === 0 && cns.length === 0)
      return notFired(this.id, 'no active EMD, CNS or leptomeningeal finding');
    const drafted = (...roles: ValueSetRole[]) =>
      imagingDrafts.some((order) => roles.some((role) => terminology.match(role, codesOf(order))));
    return fired(
      this.id,
      'info',
      facts,
      {
        findings: [...cns, ...emd],
        workup: {
          wholeBodyImaging:
            emd.length > 0 &&
            facts.imaging.isKnown &&
            !facts.imaging.wholeBody.isCovered &&
            !drafted('imagingPet', 'orderPetCt'),
          neuraxisMri:
            cns.length > 0 &&
            facts.imaging.isKnown &&
            !facts.imaging.neuraxis.isCovered &&
            !drafted('orderMriBrain', 'orderMriSpine', 'imagingBrain'),
        },
      },
      `draft imaging order(s) ${imagingDrafts.map((o) => `ServiceRequest/${o.id ?? '?'}`).join(', ')} for a patient with EMD or CNS disease`,
    );
  },
};
