/**
 * CDS Hooks 2.0 order-select: `selections` names the orders the user just chose among
 * `draftOrders`; order-sign signs them all. The rules look at the selected orders, and see
 * the others only as already drafted (rules page §4 emd-imaging-order: "if not already
 * drafted").
 */
import { describe, expect, it } from 'vitest';
import { parseHookContext } from '../../src/cds/hooks.js';
import type { DraftOrder } from '../../src/rules/types.js';

const draft = (id: string): fhir4.ServiceRequest => ({
  resourceType: 'ServiceRequest',
  id,
  status: 'draft',
  intent: 'order',
  subject: { reference: 'Patient/p1' },
  code: { text: id },
});
const draftOrders = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [{ resource: draft('ct') }, { resource: draft('pet') }],
};
const base = { userId: 'Practitioner/u1', patientId: 'p1', draftOrders };
const idsOf = (orders: readonly DraftOrder[]) => orders.map((o) => o.resource.id);

describe('the order hooks’ context', () => {
  it('order-select: the selected orders to look at, the others as already drafted', () => {
    const parsed = parseHookContext('order-select', {
      ...base,
      selections: ['ServiceRequest/ct'],
    });
    if (!parsed.ok || parsed.context.kind !== 'order') expect.fail('not an order context');
    expect(idsOf(parsed.context.draftOrders)).toEqual(['ct']);
    expect(idsOf(parsed.context.otherDraftOrders)).toEqual(['pet']);
  });

  it('order-sign: every draft order, none besides', () => {
    const parsed = parseHookContext('order-sign', base);
    if (!parsed.ok || parsed.context.kind !== 'order') expect.fail('not an order context');
    expect(idsOf(parsed.context.draftOrders)).toEqual(['ct', 'pet']);
    expect(parsed.context.otherDraftOrders).toEqual([]);
  });
});
