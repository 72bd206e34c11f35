/**
 * Issue #16, independent nodes: two `startService` nodes (not cluster workers) on one
 * PostgreSQL share the JWT replay guard and the rate limit, so a token accepted by one is
 * refused by the other and a caller gets its limit once across the fleet, not once a node.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_TARGETS, type TestLocation } from '../store/targets.js';
import { exampleRequest, postHook, tokenFor } from './hook-calls.js';
import { BURST_TIMEOUT_MS, rateWindowOf, startOfBurst } from './rate-window.js';
import {
  fleetShared,
  startInProcessNode,
  type FleetShared,
  type InProcessNode,
} from './in-process-nodes.js';

const postgres = STORE_TARGETS.find((target) => target.kind === 'postgres');
const skipReason = postgres?.skipReason;
if (skipReason !== undefined) console.warn(`independent nodes: ${skipReason}`);

const RATE_LIMIT = 5;
const REQUEST = exampleRequest();

describe.skipIf(skipReason !== undefined)('two independent nodes on one PostgreSQL', () => {
  let place: TestLocation;
  let shared: FleetShared;
  let nodes: InProcessNode[] = [];
  const token = () => tokenFor(shared.keys, shared.publicBaseUrl);
  const call = (node: InProcessNode, bearer: string) =>
    postHook(node.baseUrl, 'emd-patient-view', REQUEST, bearer);
  // When the replay test's accepted call was counted: before and after it (the nodes run in
  // this process, on this clock). The rejected replay is refused before the limit counts.
  let spent: { from: number; to: number } | undefined;

  beforeAll(async () => {
    place = await (postgres ?? { create: () => Promise.reject(new Error('no target')) }).create();
    shared = await fleetShared(place.location, RATE_LIMIT);
    // One after the other: the first creates the schema, as the first node of a fleet does.
    nodes = [await startInProcessNode(shared)];
    nodes.push(await startInProcessNode(shared));
  });

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.service.close()));
    await place.drop();
  });

  it('refuses as replayed a token that the other node accepted', async () => {
    const [a, b] = nodes as [InProcessNode, InProcessNode];
    const once = await token();
    const from = Date.now();
    expect((await call(a, once)).status).toBe(200);
    spent = { from, to: Date.now() };
    const replayed = await call(b, once);
    expect(replayed.status).toBe(401);
    expect(replayed.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="replayed"',
    );
  });

  it(
    'counts one caller once across both nodes, then answers 429',
    { timeout: BURST_TIMEOUT_MS },
    async () => {
      // The test above spent one request of the limit (same issuer) if it fell in this window;
      // if its call straddled two windows, which one counted it is unknown: take a fresh one.
      const straddled = spent && rateWindowOf(spent.from) !== rateWindowOf(spent.to);
      const window = await startOfBurst({ fresh: straddled === true });
      const spentHere = spent !== undefined && rateWindowOf(spent.from) === window;
      const allowed = RATE_LIMIT - (spentHere ? 1 : 0);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        const node = nodes[i % 2] as InProcessNode;
        statuses.push((await call(node, await token())).status);
      }
      expect(rateWindowOf(Date.now()), 'the calls outlasted their window').toBe(window);
      expect(statuses).toEqual([...Array(6).keys()].map((i) => (i < allowed ? 200 : 429)));
    },
  );
});
