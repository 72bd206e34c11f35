import { fired, neuraxisWorkup, notFired } from './build-outcome.js';
import type { Finding } from './finding.js';
import type { PatientFacts } from './patient-facts.js';
import type { Rule } from './rule.js';
import type { Workup } from './rule-outcome.js';
import type { Terminology } from './terminology.js';
import { notToPerformLine, orderedAs, sessionImagingOrders } from './session-orders.js';
import type { DraftOrder } from './types.js';
import { notImagingOrderLines } from './unread-order-line.js';
import { withUndatedImaging } from './undated-imaging.js';
import { resourceStatus, statusAsRead } from './resource-status.js';

/**
 * `emd-imaging-order` (info, order-select / order-sign): a draft imaging order for a myeloma
 * patient with EMD, CNS or leptomeningeal disease — PET/CT is the preferred whole-body test
 * for EMD staging and response; for CNS suspicion, MRI brain and whole spine with gadolinium
 * before lumbar puncture. Proposes the preferred order when it is neither ordered nor recent.
 */
export const emdImagingOrder: Rule = {
  id: 'emd-imaging-order',
  evaluate(facts, context, settings) {
    if (context.kind !== 'order')
      return notFired(this.id, 'runs on order-select and order-sign only');
    const { terminology } = settings;
    const { drafts, nonImagingDrafts, ordered, notToPerform } = sessionImagingOrders(
      context,
      terminology,
    );
    // An order not to perform is named wherever it was left out (FHIR R4 doNotPerform).
    const leftOut = notToPerformLine(notToPerform);
    const leftOutLines = leftOut === undefined ? [] : [leftOut];
    if (drafts.length === 0) {
      const outcome = notFired(
        this.id,
        "no draft imaging order of this patient's among the orders",
      );
      // A draft in no imaging order value set is named, so a site sees which code to add.
      return {
        ...outcome,
        explain: [
          ...outcome.explain,
          ...notImagingOrderLines(nonImagingDrafts, terminology),
          ...leftOutLines,
        ],
      };
    }
    const emd = facts.findings.active.filter((f) => f.findingClass === 'emd');
    const cns = facts.findings.active.filter(
      (f) => f.findingClass === 'cns' || f.findingClass === 'leptomeningeal',
    );
    if (emd.length === 0 && cns.length === 0)
      return notFired(this.id, 'no active EMD, CNS or leptomeningeal finding');
    const { workup, placed } = proposals(facts, { emd, cns }, ordered, terminology);
    const draftReferences = drafts.flatMap((o) => (o.reference ? [o.reference] : []));
    const outcome = fired(
      this.id,
      'info',
      facts,
      // Rules page §4: the card's evidence names what made it fire, the draft order too.
      { findings: [...cns, ...emd], cited: draftReferences, workup },
      `draft imaging order(s) ${draftReferences.join(', ')} for a patient with EMD or CNS disease`,
    );
    const undated = withUndatedImaging(outcome, facts, terminology);
    const lines = [...(placed === undefined ? [] : [placed]), ...leftOutLines];
    return lines.length === 0 ? undated : { ...undated, explain: [...undated.explain, ...lines] };
  },
};

/**
 * What the card proposes: PET/CT for EMD, MRI brain and whole spine for CNS disease, each
 * unless recent imaging covers it (rules page §3.4) or an order of the call already orders it.
 * Every such order counts, selected or not (order-select), drafted or placed (H80): accepting
 * the proposal must not order the same test twice. `placed` is the trace line naming the
 * placed orders that kept a proposal off the card.
 */
function proposals(
  facts: PatientFacts,
  findings: { emd: readonly Finding[]; cns: readonly Finding[] },
  ordered: readonly DraftOrder[],
  terminology: Terminology,
): { workup: Partial<Workup>; placed: string | undefined } {
  const pet = orderedAs(ordered, terminology, 'imagingPet', 'orderPetCt');
  const brain = orderedAs(ordered, terminology, 'orderMriBrain', 'imagingBrain');
  const spine = orderedAs(ordered, terminology, 'orderMriSpine', 'imagingSpine');
  const { isKnown, wholeBody, neuraxis } = facts.imaging;
  const wantsPet = findings.emd.length > 0 && isKnown && !wholeBody.isCovered;
  const hasCns = findings.cns.length > 0;
  return {
    workup: {
      wholeBodyImaging: wantsPet && pet.length === 0,
      // MRI of the brain AND of the whole spine (rules page §3.4): one ordered leaves the
      // other to propose, and only the other.
      ...(hasCns
        ? neuraxisWorkup(facts, { brain: brain.length > 0, spine: spine.length > 0 })
        : {}),
    },
    // Named only where it kept a proposal off the card: not where imaging covers it already.
    placed: alreadyPlaced([
      ...(wantsPet ? pet : []),
      ...(hasCns && isKnown && !neuraxis.isCovered ? [...brain, ...spine] : []),
    ]),
  };
}

/**
 * The trace line naming the orders placed, not drafted, that keep a test from being proposed
 * (an order-sign re-signing an active PET/CT, H80); undefined when there is none.
 */
function alreadyPlaced(orders: readonly DraftOrder[]): string | undefined {
  const placed = [
    ...new Set(
      orders
        .filter((o) => resourceStatus(o.resource.status) !== 'draft')
        .map(
          (o) =>
            `${o.reference ?? 'an order with neither id nor fullUrl'} (${statusAsRead(o.resource.status)})`,
        ),
    ),
  ];
  if (placed.length === 0) return undefined;
  return `already ordered in this session, so not proposed again: ${placed.join(', ')}`;
}
