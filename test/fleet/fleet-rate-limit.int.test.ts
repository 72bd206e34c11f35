/**
 * Issue #16, "through nginx, the rate limit holds across nodes": two independent nodes on
 * one PostgreSQL behind the shipped nginx configuration, which spreads calls over both. A
 * caller (one verified issuer) allowed 5 calls a minute gets 5 through nginx, then 429,
 * although each node alone saw fewer than 5 (with per-node counts all 7 would pass).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/services.js';
import { mintLocalToken } from '../../src/auth/local-issuer.js';
import { PATHS } from '../../src/config/project-paths.js';
import { STORE_TARGETS, type TestLocation } from '../store/targets.js';
import {
  fleetShared,
  startInProcessNode,
  type FleetShared,
  type InProcessNode,
} from './in-process-nodes.js';
import { nginxSkipReason, startNginx, type RunningNginx } from './nginx.js';

const postgres = STORE_TARGETS.find((target) => target.kind === 'postgres');
const skipReason = postgres?.skipReason ?? nginxSkipReason;
if (postgres?.skipReason !== undefined) console.warn(`fleet rate limit: ${postgres.skipReason}`);

const RATE_LIMIT = 5;
const REQUEST = readFileSync(
  join(PATHS.examples, '..', '..', 'cds-hooks', 'examples', 'patient-view', 'emd-and-cns.json'),
  'utf8',
);

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

  it('lets one caller make 5 calls a minute across both nodes, then answers 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const token = await mintLocalToken(
        shared.keys,
        `${shared.publicBaseUrl}/cds-services/emd-patient-view`,
      );
      const response = await fetch(`${nginx.url}/cds-services/emd-patient-view`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: REQUEST,
      });
      await response.text();
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });
});
