/**
 * H153: a draft order's code written as a JSON number (`443271005`, as EHR interfaces that type
 * a column of digits serialise a SNOMED CT id), or its one coding written as an object where
 * FHIR JSON writes a list, is read as H134 reads a record's resource: the order is the PET/CT
 * it names, and `emd-imaging-order` (rules page §4) gives the card the same call with the code
 * as a string gives. Before, the call was refused 400 naming the code. A code that no lenient
 * reading accepts (an object, a fraction) is still a 400 naming that field (docs/integrating.md).
 * Each expected card is typed from rules page §4 and the decision table's order rows.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { callService } from '../../src/cds/hook-service.js';
import { NO_METRICS } from '../../src/cds/metrics.js';
import { fhirAccessFor } from '../../src/fhir/fhir-access.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import {
  defaultSettings,
  expectValidHookResponse,
  readExampleRequest,
  SCENARIO_NOW,
  testApp,
} from '../support/app.js';

const SNOMED = 'http://snomed.info/sct';
type Hook = 'order-select' | 'order-sign';

/** The example's order call with its one draft (a whole-body CT) coded `code` instead. */
function orderCall(patient: string, hook: Hook, code: unknown) {
  const body = readExampleRequest(patient, hook);
  const context = structuredClone(body.context) as {
    draftOrders: { entry: { resource: Record<string, unknown> }[] };
  };
  const [first] = context.draftOrders.entry;
  if (!first) throw new Error('example changed: no draft order');
  first.resource['code'] = code;
  return { ...body, context };
}

async function post(hook: Hook, body: object) {
  return request(testApp()).post(`/cds-services/emd-imaging-${hook}`).send(body);
}

async function cardsOf(hook: Hook, body: object): Promise<Card[]> {
  const response = await post(hook, body);
  expect(response.status).toBe(200);
  return expectValidHookResponse(response.body).cards;
}

const shapeOf = (cards: Card[]) =>
  cards.map((c) => ({
    rule: c.extension?.[CARD_EXTENSION.ruleId],
    indicator: c.indicator,
    suggestions: (c.suggestions ?? []).map((s) => [
      s.label,
      (s.actions ?? []).map((a) => a.description),
    ]),
    evidence: c.extension?.[CARD_EXTENSION.evidence],
  }));

/** PET/CT FDG whole body (rules page §5), in the forms an interface sends it. */
const PET_CT = {
  string: { coding: [{ system: SNOMED, code: '443271005' }] },
  number: { coding: [{ system: SNOMED, code: 443271005 }] },
  'lone coding, number': { coding: { system: SNOMED, code: 443271005 } },
} as const;

describe('a draft order coded as a JSON number gives the card its string form gives (H153)', () => {
  // Rules page §4 emd-imaging-order: a draft imaging order for a patient with a cns finding,
  // info; "for CNS suspicion, MRI brain + whole spine with gadolinium", the neuraxis not covered
  // (the example has no MR). The card's evidence names the draft order and the finding.
  const CNS_CARD = [
    {
      rule: 'emd-imaging-order',
      indicator: 'info',
      suggestions: [
        [
          'Order MRI brain and whole spine with gadolinium',
          ['MRI brain with and without gadolinium', 'MRI whole spine with and without gadolinium'],
        ],
      ],
      evidence: expect.arrayContaining([
        'ServiceRequest/cns-parenchymal-draft-ct',
        'Condition/cns-parenchymal-pc1',
      ]) as unknown,
    },
  ];
  // §4 with an emd finding: PET/CT is "the preferred order, if not already drafted": the draft
  // is that PET/CT, so the card proposes nothing.
  const EMD_CARD = [
    {
      rule: 'emd-imaging-order',
      indicator: 'info',
      suggestions: [],
      evidence: expect.arrayContaining([
        'ServiceRequest/emd-skin-at-diagnosis-draft-ct',
      ]) as unknown,
    },
  ];

  for (const hook of ['order-select', 'order-sign'] as const)
    for (const [form, code] of Object.entries(PET_CT)) {
      it(`${hook}, CNS myeloma, PET/CT as a ${form}: the CNS order card`, async () => {
        const cards = await cardsOf(hook, orderCall('cns-parenchymal', hook, code));
        expect(shapeOf(cards)).toEqual(CNS_CARD);
      });

      it(`${hook}, skin plasmacytoma, PET/CT as a ${form}: the card, PET/CT not proposed again`, async () => {
        const cards = await cardsOf(hook, orderCall('emd-skin-at-diagnosis', hook, code));
        expect(shapeOf(cards)).toEqual(EMD_CARD);
      });
    }

  it('names the order read leniently in the explain trace, with what the feed should send', async () => {
    const result = await callService(
      'emd-imaging-order-sign',
      orderCall('cns-parenchymal', 'order-sign', PET_CT['lone coding, number']),
      {
        settings: defaultSettings,
        now: SCENARIO_NOW,
        locale: 'en',
        newUuid: randomUUID,
        fhirAccess: fhirAccessFor({ allowedServers: [] }),
        metrics: NO_METRICS,
        audit: undefined,
      },
    );
    const lines = result.evaluation.trace.filter(
      (line) => line.reference === 'ServiceRequest/cns-parenchymal-draft-ct',
    );
    expect(lines.map((line) => line.message)).toEqual([
      'read leniently (H134): code.coding written as one object where FHIR JSON writes a list: read as a list of that one item (the feed should send an array); code.coding.code written as a JSON number: read as the code of its digits (the feed should send a code as a string)',
    ]);
  });
});

describe('a draft order code no lenient reading accepts is still 400 naming it (H153)', () => {
  // H134 reads a whole number up to 2^53 - 1 only: a fraction's digits are no code, and an
  // object is no code at all.
  const unreadable: [string, unknown][] = [
    ['an object', { coding: [{ system: SNOMED, code: { value: '443271005' } }] }],
    ['a fraction', { coding: [{ system: SNOMED, code: 443271005.5 }] }],
    ['a negative number', { coding: [{ system: SNOMED, code: -443271005 }] }],
  ];
  for (const hook of ['order-select', 'order-sign'] as const)
    it.each(unreadable)(`${hook}: a code that is %s`, async (_form, code) => {
      const response = await post(hook, orderCall('cns-parenchymal', hook, code));
      expect(response.status).toBe(400);
      const body = response.body as {
        resourceType: string;
        issue: { expression?: string[]; diagnostics?: string }[];
      };
      expect(body.resourceType).toBe('OperationOutcome');
      expect(body.issue.map((i) => i.expression?.[0])).toEqual([
        'context.draftOrders.entry[0].resource.code.coding[0].code',
      ]);
    });
});
