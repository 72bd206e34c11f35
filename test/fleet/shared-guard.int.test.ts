/**
 * Issue #16, independent nodes: two `startService` nodes (not cluster workers) on one
 * PostgreSQL share the JWT replay guard and the rate limit, so a token accepted by one is
 * refused by the other and a caller gets its limit once across the fleet, not once a node.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_TARGETS, type TestLocation } from '../store/targets.js';
import { exampleRequest, postHook, tokenFor } from './hook-calls.js';
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
    expect((await call(a, once)).status).toBe(200);
    const replayed = await call(b, once);
    expect(replayed.status).toBe(401);
    expect(replayed.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="replayed"',
    );
  });

  it('counts one caller once across both nodes, then answers 429', async () => {
    // The test above spent one request of this minute's window (same issuer): 1 + 4 = 5.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const node = nodes[i % 2] as InProcessNode;
      statuses.push((await call(node, await token())).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});
