/**
 * Issue #16, the shipped nginx configuration's retry policy, made deterministic: a relay in
 * front of one node breaks the connection at a chosen moment, as a node does when it dies
 * or closes its listener, and the call must then be resent to the other node.
 *
 * - `unread`: the relay takes the request and resets the connection without passing it on,
 *   as the kernel does to calls still queued when a node closes its listener after SIGTERM.
 *   The caller must get its cards from the other node (a 502 here failed the rolling
 *   restart in CI before the configuration had `non_idempotent`).
 * - `begun`: the relay passes the request on and resets the connection as the node's answer
 *   comes back, as when a node dies mid-call. The call must not be evaluated twice: the
 *   other node refuses it as `replayed` (401), and the audit holds one call's cards.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/services.js';
import { auditedCardUuids } from './audited-cards.js';
import { exampleRequest, postHook, tokenFor } from './hook-calls.js';
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
if (postgres?.skipReason !== undefined) console.warn(`nginx resend: ${postgres.skipReason}`);

const REQUEST = exampleRequest();

type BreakMode = 'unread' | 'begun';

/** A relay to `targetPort` that breaks every POST as `mode()` says (nginx's own GETs pass). */
async function startBreakingRelay(targetPort: number, mode: () => BreakMode) {
  let broken = 0;
  const server: Server = createServer((client: Socket) => {
    client.on('error', () => undefined);
    client.once('data', (first: Buffer) => {
      const isPost = first.subarray(0, 5).toString('latin1') === 'POST ';
      if (isPost && mode() === 'unread') {
        broken += 1;
        client.resetAndDestroy();
        return;
      }
      const node = createConnection(targetPort, '127.0.0.1');
      node.on('error', () => client.destroy());
      node.write(first);
      client.pipe(node);
      if (isPost)
        node.once('data', () => {
          broken += 1;
          node.destroy();
          client.resetAndDestroy();
        });
      else node.pipe(client);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    broken: () => broken,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}

describe.skipIf(skipReason !== undefined)('the shipped nginx configuration resends', () => {
  let place: TestLocation;
  let shared: FleetShared;
  const nodes: InProcessNode[] = [];
  let relay: Awaited<ReturnType<typeof startBreakingRelay>>;
  let nginx: RunningNginx;
  let mode: BreakMode = 'unread';
  /** How many cards the example request gets (every answer of the first test). */
  let cardsPerCall = 0;

  const call = async () => {
    const token = await tokenFor(shared.keys, shared.publicBaseUrl);
    const response = await postHook(nginx.url, 'emd-patient-view', REQUEST, token);
    const text = await response.text();
    return {
      status: response.status,
      challenge: response.headers.get('www-authenticate'),
      cards: response.status === 200 ? (JSON.parse(text) as { cards: unknown[] }).cards.length : 0,
    };
  };
  const auditRows = async () => (await auditedCardUuids(place.location)).length;
  /** Calls one after another until the relay has broken one (nginx alternates nodes). */
  const callsUntilOneIsBroken = async () => {
    const before = relay.broken();
    const results = [];
    while (relay.broken() === before && results.length < 6) results.push(await call());
    expect(relay.broken(), 'nginx never sent a call through the relay').toBe(before + 1);
    return results;
  };

  beforeAll(async () => {
    place = await (postgres ?? { create: () => Promise.reject(new Error('no target')) }).create();
    shared = await fleetShared(place.location);
    nodes.push(await startInProcessNode(shared));
    nodes.push(await startInProcessNode(shared));
    const [a, b] = nodes as [InProcessNode, InProcessNode];
    relay = await startBreakingRelay(Number(new URL(a.baseUrl).port), () => mode);
    nginx = await startNginx(await freePort(), [relay.port, Number(new URL(b.baseUrl).port)]);
  });

  afterAll(async () => {
    const started = <T>(value: T) => value as T | undefined;
    await started(nginx)?.stop();
    await started(relay)?.close();
    await Promise.all(nodes.map((node) => node.service.close()));
    await started(place)?.drop();
  });

  it('a call its node never read (reset in the accept queue) to the other node', async () => {
    mode = 'unread';
    const results = await callsUntilOneIsBroken();
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    cardsPerCall = results[0]?.cards ?? 0;
    expect(cardsPerCall).toBeGreaterThan(0);
    expect(results.map((r) => r.cards)).toEqual(results.map(() => cardsPerCall));
  });

  it('a call its node had begun, which the other node refuses as replayed: never evaluated twice', async () => {
    // nginx keeps a node out for fail_timeout (3 s) after a failure; let the first test's pass.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    mode = 'begun';
    const before = await auditRows();
    const results = await callsUntilOneIsBroken();
    const last = results.at(-1);
    expect(last?.status).toBe(401);
    expect(last?.challenge).toContain('replayed');
    const answered = results.filter((r) => r.status === 200);
    expect(answered.length).toBe(results.length - 1);
    // Every call has the same cards; the broken one was audited once, by the node it reached.
    expect((await auditRows()) - before).toBe(cardsPerCall * results.length);
  });
});
