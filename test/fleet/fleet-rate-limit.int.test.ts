/**
 * Issue #16, "through nginx, the rate limit holds across nodes": two independent nodes on
 * one PostgreSQL behind the shipped nginx configuration, which spreads calls over both. A
 * caller (one verified issuer) allowed 5 calls a minute gets 5 through nginx, then 429,
 * although each node alone saw fewer than 5 (with per-node counts all 7 would pass).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/services.js';
import { STORE_TARGETS, type TestLocation } from '../store/targets.js';
import { exampleRequest, postHook, tokenFor } from './hook-calls.js';
import {
  fleetShared,
  startInProcessNode,
  type FleetShared,
  type InProcessNode,
} from './in-process-nodes.js';
import { nginxSkipReason, startNginx, type RunningNginx } from './nginx.js';
import { BURST_TIMEOUT_MS, rateWindowOf, startOfBurst } from './rate-window.js';

const postgres = STORE_TARGETS.find((target) => target.kind === 'postgres');
const skipReason = postgres?.skipReason ?? nginxSkipReason;
if (postgres?.skipReason !== undefined) console.warn(`fleet rate limit: ${postgres.skipReason}`);

const RATE_LIMIT = 5;
const REQUEST = exampleRequest();

describe.skipIf(skipReason !== undefined)('the rate limit through nginx', () => {
  let place: TestLocation;
  let shared: FleetShared;
  const nodes: InProcessNode[] = [];
  let nginx: RunningNginx;

  beforeAll(async () => {
    place = await (postgres ?? { create: () => Promise.reject(new Error('no target')) }).create();
    shared = await fleetShared(place.location, RATE_LIMIT);
    // One after the other: the first creates the schema, as the first node of a fleet does.
    nodes.push(await startInProcessNode(shared));
    nodes.push(await startInProcessNode(shared));
    nginx = await startNginx(
      await freePort(),
      nodes.map((node) => Number(new URL(node.baseUrl).port)),
    );
  });

  afterAll(async () => {
    const started = <T>(value: T) => value as T | undefined;
    await started(nginx)?.stop();
    await Promise.all(nodes.map((node) => node.service.close()));
    await started(place)?.drop();
  });

  it(
    'lets one caller make 5 calls a minute across both nodes, then answers 429',
    { timeout: BURST_TIMEOUT_MS },
    async () => {
      const window = await startOfBurst();
      const statuses: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        const token = await tokenFor(shared.keys, shared.publicBaseUrl);
        const response = await postHook(nginx.url, 'emd-patient-view', REQUEST, token);
        await response.text();
        statuses.push(response.status);
      }
      expect(rateWindowOf(Date.now()), 'the calls outlasted their window').toBe(window);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    },
  );
});
