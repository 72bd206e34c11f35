/**
 * The test oracle for hook requests (./cds-hooks-request-schema.ts) accepts the CDS Hooks 2.0
 * example request and refuses each thing the text forbids (../shared/spec/cds-hooks.md §1.1,
 * §1.3, §1.5, §2.1).
 */
import { describe, expect, it } from 'vitest';
import { cdsHookRequest } from './cds-hooks-request-schema.js';
import { SPEC_EXAMPLE_REQUEST as SPEC_EXAMPLE } from './spec-example-request.js';

const order = { resourceType: 'ServiceRequest', id: 'ct1' };
const orderSelect = {
  hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
  hook: 'order-select',
  context: {
    userId: 'PractitionerRole/r1',
    patientId: 'p1',
    selections: ['ServiceRequest/ct1'],
    draftOrders: { resourceType: 'Bundle', type: 'collection', entry: [{ resource: order }] },
  },
};
const accepts = (body: unknown) => cdsHookRequest.safeParse(body).success;
const withContext = (context: Record<string, unknown>) => ({
  ...SPEC_EXAMPLE,
  context: { ...SPEC_EXAMPLE.context, ...context },
});

describe('the CDS Hooks request schema written from the spec', () => {
  it('accepts the spec’s example, an order-select call, and a prefetch key with no data', () => {
    expect(accepts(SPEC_EXAMPLE)).toBe(true);
    expect(accepts(orderSelect)).toBe(true);
    expect(accepts({ ...SPEC_EXAMPLE, prefetch: { patientToGreet: null } })).toBe(true);
  });

  const { fhirServer: _server, ...withoutServer } = SPEC_EXAMPLE;
  const refused: [string, unknown][] = [
    ['a hookInstance that is no UUID', { ...SPEC_EXAMPLE, hookInstance: 'instance-1' }],
    ['fhirAuthorization without fhirServer (cds-r-1)', withoutServer],
    [
      'token_type MAC (§1.5: fixed Bearer)',
      {
        ...SPEC_EXAMPLE,
        fhirAuthorization: { ...SPEC_EXAMPLE.fhirAuthorization, token_type: 'MAC' },
      },
    ],
    ['an empty extension (§1.1)', { ...SPEC_EXAMPLE, extension: {} }],
    ['an empty prefetch (§1.1)', { ...SPEC_EXAMPLE, prefetch: {} }],
    ['a hook the services do not answer', { ...SPEC_EXAMPLE, hook: 'encounter-start' }],
    ['a context without patientId', { ...SPEC_EXAMPLE, context: { userId: 'Practitioner/a' } }],
    ['an empty encounterId (§1.1)', withContext({ encounterId: '' })],
    ['a misspelt context field', withContext({ encounterID: '89284' })],
    ['a userId that is no Type/id (ord-1)', withContext({ userId: 'example' })],
    [
      'a patient as the user of an order hook',
      { ...orderSelect, context: { ...orderSelect.context, userId: 'Patient/p1' } },
    ],
    [
      'a selection naming no draft order',
      { ...orderSelect, context: { ...orderSelect.context, selections: ['ServiceRequest/x'] } },
    ],
  ];
  for (const [name, body] of refused)
    it(`refuses ${name}`, () => {
      expect(accepts(body)).toBe(false);
    });
});
