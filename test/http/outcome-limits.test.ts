/**
 * One bad request must not stall every other caller (docs/security.md, "Algorithmic
 * complexity"): an order-select call whose `context.draftOrders.entry` held 2.4 million `1`s
 * was answered with 2.4 million issues (377 MB, 22 s of the event loop), and feedback with
 * 300,000 empty suggestion ids was a 500 (zod overflowed the stack). An OperationOutcome now
 * lists at most 50 issues, the last saying how many more there were; each list of a request
 * has a bound, checked before its items are, and a list past it is one 400 naming the field
 * and the bound; a FHIR resource's list is refused at its first bad item.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { readExampleBundle, readExampleRequest } from '../support/app.js';
import { BEARER, consoleApp } from '../support/console-app.js';

type Body = Record<string, unknown>;
interface Outcome {
  resourceType: string;
  issue: { severity: string; code: string; diagnostics: string; expression?: string[] }[];
}

const ORDER_SELECT = '/cds-services/emd-imaging-order-select';
const ORDER_SIGN = '/cds-services/emd-imaging-order-sign';
const FEEDBACK = '/cds-services/emd-patient-view/feedback';
const DRY_RUN = '/admin/dry-run';

const times = <T>(count: number, item: T): T[] => Array.from({ length: count }, () => item);

const orderSelect = (): Body => readExampleRequest('emd-and-cns', 'order-select');
const contextOf = (body: Body) => body.context as Body & { draftOrders: { entry: unknown[] } };

/** An override of a card, as CDS Hooks 2.0 §Feedback writes one. */
const override = (card: string) => ({
  card,
  outcome: 'overridden',
  outcomeTimestamp: '2026-10-31T08:00:00Z',
  overrideReason: { userComment: 'discussed at the tumour board' },
});

async function post(path: string, body: Body): Promise<{ status: number; body: Outcome }> {
  const { app } = await consoleApp();
  const response = await request(app)
    .post(path)
    .set('Authorization', BEARER)
    .set('Content-Type', 'application/json')
    .send(JSON.stringify(body));
  return { status: response.status, body: response.body as Outcome };
}

describe('an OperationOutcome lists at most 50 issues', () => {
  it('lists the first 49 of 200 bad draft orders, then says 151 more are not listed', async () => {
    const body = orderSelect();
    contextOf(body).draftOrders.entry = times(200, 1);
    const answer = await post(ORDER_SELECT, body);
    expect(answer.status).toBe(400);
    expect(answer.body.issue).toHaveLength(50);
    expect(answer.body.issue[0]).toEqual({
      severity: 'error',
      code: 'value',
      diagnostics: 'context.draftOrders.entry[0]: must be an object',
      expression: ['context.draftOrders.entry[0]'],
    });
    expect(answer.body.issue[48]?.expression).toEqual(['context.draftOrders.entry[48]']);
    expect(answer.body.issue[49]).toEqual({
      severity: 'information',
      code: 'informational',
      diagnostics: 'and 151 more issues not listed',
    });
  });

  it('lists the first 49 of 60 bad feedback items, then says 11 more are not listed', async () => {
    const answer = await post(FEEDBACK, { feedback: times(60, override('')) });
    expect(answer.status).toBe(400);
    expect(answer.body.issue).toHaveLength(50);
    expect(answer.body.issue[0]?.expression).toEqual(['feedback[0].card']);
    expect(answer.body.issue[48]?.expression).toEqual(['feedback[48].card']);
    expect(answer.body.issue[49]?.diagnostics).toBe('and 11 more issues not listed');
  });

  it('lists all 50 issues of a request that has exactly 50', async () => {
    const answer = await post(FEEDBACK, { feedback: times(50, override('')) });
    expect(answer.body.issue).toHaveLength(50);
    expect(answer.body.issue[49]?.expression).toEqual(['feedback[49].card']);
  });
});

describe('a list longer than its bound is one 400 naming the field and the bound', () => {
  const ct = orderSelect();
  const [draft] = contextOf(ct).draftOrders.entry;
  const selection = (contextOf(ct).selections as string[])[0];
  const cases: [string, string, () => Body, string, string][] = [
    [
      'feedback of 1,001 items',
      FEEDBACK,
      () => ({ feedback: times(1001, override('c1')) }),
      'feedback',
      'must hold at most 1000 items',
    ],
    [
      'an accepted card with 101 accepted suggestions',
      FEEDBACK,
      () => ({
        feedback: [
          {
            card: 'c1',
            outcome: 'accepted',
            outcomeTimestamp: '2026-10-31T08:00:00Z',
            acceptedSuggestions: times(101, { id: 's1' }),
          },
        ],
      }),
      'feedback[0].acceptedSuggestions',
      'must hold at most 100 items',
    ],
    [
      'order-select with 10,001 draft orders',
      ORDER_SELECT,
      () => {
        const body = orderSelect();
        contextOf(body).draftOrders.entry = times(10_001, draft);
        return body;
      },
      'context.draftOrders.entry',
      'must hold at most 10000 items',
    ],
    [
      'order-select with 10,001 selections',
      ORDER_SELECT,
      () => {
        const body = orderSelect();
        contextOf(body).selections = times(10_001, selection);
        return body;
      },
      'context.selections',
      'must hold at most 10000 items',
    ],
    [
      "the console's dry run of a Bundle of 10,001 entries",
      DRY_RUN,
      () => {
        const bundle = readExampleBundle('emd-and-cns');
        bundle.entry = times(10_001, bundle.entry?.[0] ?? {});
        return { bundle, hook: 'patient-view' };
      },
      'bundle.entry',
      'must hold at most 10000 items',
    ],
  ];
  for (const [name, path, build, field, problem] of cases)
    it(name, async () => {
      const answer = await post(path, build());
      expect(answer.status).toBe(400);
      expect(answer.body.issue).toEqual([
        {
          severity: 'error',
          code: 'invalid',
          diagnostics: `${field}: ${problem}`,
          expression: [field],
        },
      ]);
    });
});

describe('a request zod once overflowed the stack on', () => {
  it('feedback accepting 300,000 suggestions of empty id (3 MB) is a 400, not a 500', async () => {
    const answer = await post(FEEDBACK, {
      feedback: [
        {
          card: 'c1',
          outcome: 'accepted',
          outcomeTimestamp: '2026-10-31T08:00:00Z',
          acceptedSuggestions: times(300_000, { id: '' }),
        },
      ],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.issue).toEqual([
      {
        severity: 'error',
        code: 'invalid',
        diagnostics: 'feedback[0].acceptedSuggestions: must hold at most 100 items',
        expression: ['feedback[0].acceptedSuggestions'],
      },
    ]);
  });
});

describe('a FHIR resource in the request is refused at its first bad list item', () => {
  it('an order-sign draft whose code holds 100,000 bad codings is a 400 naming the first', async () => {
    const body = readExampleRequest('emd-and-cns', 'order-sign');
    const [entry] = contextOf(body).draftOrders.entry as { resource: { code: Body } }[];
    if (!entry) throw new Error('the example has no draft order');
    entry.resource.code = { coding: times(100_000, { system: 1 }) };
    const answer = await post(ORDER_SIGN, body);
    expect(answer.status).toBe(400);
    expect(answer.body.issue).toEqual([
      {
        severity: 'error',
        code: 'invalid',
        diagnostics:
          'context.draftOrders.entry[0].resource.code.coding[0].system: Invalid input: expected string, received number',
        expression: ['context.draftOrders.entry[0].resource.code.coding[0].system'],
      },
    ]);
  });
});
