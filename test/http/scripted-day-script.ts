/**
 * The scripted day of test/http/stats-agree-across-places.test.ts (its header tells it in
 * words): the hook calls and feedback, each feedback answer checked against
 * docs/integrating.md §4 on the way.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { readExampleRequest } from '../support/app.js';
import { hookCall, refusedCall, sendFeedback, type Day } from './scripted-day.js';

const PV = 'emd-patient-view';
const answer = (counts: Partial<Record<string, number>>) => ({
  stored: 0,
  duplicates: 0,
  unknownCards: 0,
  otherClient: 0,
  unofferedReasons: 0,
  ...counts,
});

function cardOf(cards: Map<string, Card>, rule: string): Card {
  const card = cards.get(rule);
  if (card === undefined) throw new Error(`no ${rule} card among ${[...cards.keys()].join(', ')}`);
  return card;
}

const patientView = (day: Day, example: string) => hookCall(day, PV, example, 'patient-view');

/**
 * Day 1, 22:00: three patient-view calls the service refuses, which count as no hook call in
 * the statistics nor in /metrics (docs/go-live.md): a body without context (400), no token
 * (401), and no conditions in prefetch with no fhirServer to read them from (412).
 */
async function refusedCalls(day: Day): Promise<void> {
  const example = readExampleRequest('emd-and-cns');
  const { conditions: _left, ...prefetch } = example.prefetch as Record<string, unknown>;
  const request = { ...example, hookInstance: randomUUID() };
  expect([
    await refusedCall(day, PV, { hook: 'patient-view', hookInstance: randomUUID() }),
    await refusedCall(day, PV, request, false),
    await refusedCall(day, PV, { ...request, prefetch }),
  ]).toEqual([400, 401, 412]);
}

/** Day 1, 22:00 and 22:10: the calls, then A's and B's answers. */
async function firstCalls(day: Day): Promise<Card> {
  day.setNow('2026-11-01T22:00:00Z');
  await refusedCalls(day);
  const one = await patientView(day, 'emd-and-cns');
  const two = await patientView(day, 'emd-and-cns');
  expect([...(await patientView(day, 'paraskeletal-only')).keys()]).toEqual([]);
  const order = await hookCall(day, 'emd-imaging-order-select', 'emd-and-cns', 'order-select');
  const review = await hookCall(
    day,
    'emd-imaging-review',
    'emd-and-cns-mr1',
    'imagingstudy-review',
  );
  expect([...review.keys()]).toEqual(['emd-cns-imaging-review']);

  day.setNow('2026-11-01T22:10:00Z');
  const at = '2026-11-01T22:05:00Z';
  const cns1 = cardOf(one, 'emd-cns');
  const soft1 = cardOf(one, 'emd-soft-tissue');
  const offered = soft1.overrideReasons?.[0];
  const soft1Override = {
    card: soft1.uuid,
    outcome: 'overridden',
    outcomeTimestamp: at,
    overrideReason: { reason: offered },
  };
  expect(offered?.code).toBe('already-aware');
  expect(
    await sendFeedback(day, day.ehrA, PV, [
      {
        card: cns1.uuid,
        outcome: 'accepted',
        outcomeTimestamp: at,
        acceptedSuggestions: [{ id: cns1.suggestions?.[0]?.uuid }],
      },
      soft1Override,
      {
        card: cardOf(two, 'emd-soft-tissue').uuid,
        outcome: 'overridden',
        outcomeTimestamp: at,
        overrideReason: { reason: { system: 'https://ehr-a.example/reasons', code: 'too-busy' } },
      },
    ]),
  ).toEqual(answer({ stored: 3, unofferedReasons: 1 }));
  const orderOverride = {
    card: cardOf(order, 'emd-imaging-order').uuid,
    outcome: 'overridden',
    outcomeTimestamp: at,
    overrideReason: { userComment: 'ordered last week' },
  };
  expect(await sendFeedback(day, day.ehrA, 'emd-imaging-order-select', [orderOverride])).toEqual(
    answer({ stored: 1 }),
  );
  // The same override again, a comment added: a repeat all the same (same card, outcome, moment).
  const repeat = { ...soft1Override, overrideReason: { reason: offered, userComment: 'again' } };
  expect(await sendFeedback(day, day.ehrA, PV, [repeat])).toEqual(answer({ duplicates: 1 }));
  const unknown = { card: randomUUID(), outcome: 'overridden', outcomeTimestamp: at };
  expect(await sendFeedback(day, day.ehrA, PV, [unknown])).toEqual(
    answer({ stored: 1, unknownCards: 1 }),
  );
  const cns2 = { card: cardOf(two, 'emd-cns').uuid, outcome: 'overridden', outcomeTimestamp: at };
  expect(await sendFeedback(day, day.ehrB, PV, [cns2])).toEqual(
    answer({ stored: 1, otherClient: 1 }),
  );
  return cns1;
}

/** The whole day: 22:00 to 00:35 across midnight UTC. */
export async function runScriptedDay(day: Day): Promise<void> {
  await firstCalls(day);
  day.setNow('2026-11-01T23:30:00Z');
  const three = await patientView(day, 'emd-and-cns');
  expect([...three.keys()]).toEqual(['emd-cns']);

  day.setNow('2026-11-02T00:30:00Z');
  expect([...(await patientView(day, 'emd-and-cns')).keys()]).toEqual(['emd-cns']);
  expect([...(await patientView(day, 'paraskeletal-only')).keys()]).toEqual([]);
  day.setNow('2026-11-02T00:35:00Z');
  const cns3 = cardOf(three, 'emd-cns');
  const accept = {
    card: cns3.uuid,
    outcome: 'accepted',
    outcomeTimestamp: '2026-11-02T00:35:00Z',
    acceptedSuggestions: [{ id: cns3.suggestions?.[0]?.uuid }],
  };
  expect(await sendFeedback(day, day.ehrA, PV, [accept])).toEqual(answer({ stored: 1 }));
}
