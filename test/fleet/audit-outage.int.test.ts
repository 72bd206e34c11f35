/**
 * Issue #16, "alerts never stopped by the audit database": a node on a real PostgreSQL
 * that goes away (a relay in front of it is cut, so other tests' database stays up) still
 * answers hook calls with their cards, says "degraded" on /readyz, refuses feedback with
 * 503 and Retry-After, and once the database is back replays the spooled audit so every
 * card it served is in `card_audit` exactly once. /metrics says what waits in the spool,
 * the audit's records and the hook-call counts' batches, and that nothing does once replayed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditedCardUuids } from './audited-cards.js';
import { exampleRequest, postHook, tokenFor } from './hook-calls.js';
import { STORE_TARGETS, type TestLocation } from '../store/targets.js';
import {
  fleetShared,
  startInProcessNode,
  type FleetShared,
  type InProcessNode,
} from './in-process-nodes.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

const postgres = STORE_TARGETS.find((target) => target.kind === 'postgres');
const skipReason = postgres?.skipReason;
if (skipReason !== undefined) console.warn(`audit outage: ${skipReason}`);

const REQUEST = exampleRequest();
/** The spool is retried every 2 s; the replay gets this long (bounded wait). */
const REPLAY_DEADLINE_MS = 20_000;
/** The hook-call tally flushes every 5 s: two flushes' time, and some. */
const FLUSH_DEADLINE_MS = 15_000;
const COUNTS_SPOOLED = 'emd_cds_hook_call_counts_spool_depth';
const CALLS_IN_MEMORY = 'emd_cds_hook_calls_in_memory';

describe.skipIf(skipReason !== undefined)('the audit database goes down and comes back', () => {
  let place: TestLocation;
  let proxy: TcpProxy;
  let shared: FleetShared;
  let node: InProcessNode;
  const served: string[] = [];
  const token = (path = 'emd-patient-view') => tokenFor(shared.keys, shared.publicBaseUrl, path);
  const post = async (path: string, body: string, bearer?: string) =>
    postHook(node.baseUrl, path, body, bearer ?? (await token(path)));
  const callHook = async () => {
    const response = await post('emd-patient-view', REQUEST);
    const body = (await response.json()) as { cards?: { uuid: string }[] };
    return { status: response.status, uuids: (body.cards ?? []).map((card) => card.uuid) };
  };
  const readyz = async () =>
    (await (await fetch(`${node.baseUrl}/readyz`)).json()) as {
      status: string;
      auditSpooled?: number;
    };
  const auditedUuids = () => auditedCardUuids(place.location);
  const metrics = async () =>
    (
      await fetch(`${node.baseUrl}/metrics`, {
        headers: { authorization: `Bearer ${shared.adminToken}` },
      })
    ).text();
  /** A gauge's value once `isDone` holds of it, or its last value at the deadline. */
  const metricWithin = async (name: string, isDone: (value: number) => boolean) => {
    const deadline = Date.now() + FLUSH_DEADLINE_MS;
    for (;;) {
      const line = new RegExp(`^${name} (\\S+)$`, 'm').exec(await metrics());
      const value = Number(line?.[1]);
      if (isDone(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  beforeAll(async () => {
    place = await (postgres ?? { create: () => Promise.reject(new Error('no target')) }).create();
    const direct = new URL(place.location);
    proxy = await startTcpProxy(direct.hostname, Number(direct.port || 5432));
    shared = await fleetShared(proxy.through(place.location));
    node = await startInProcessNode(shared);
  });

  afterAll(async () => {
    await node.service.close();
    await proxy.close();
    await place.drop();
  });

  it('serves and audits cards while the database answers', async () => {
    const call = await callHook();
    expect(call.status).toBe(200);
    expect(call.uuids.length).toBeGreaterThan(0);
    served.push(...call.uuids);
    expect((await readyz()).status).toBe('ready');
  });

  it('still answers with its cards when the database is gone, and says degraded', async () => {
    await proxy.cut();
    for (let i = 0; i < 3; i += 1) {
      const call = await callHook();
      expect(call.status).toBe(200);
      expect(call.uuids.length).toBeGreaterThan(0);
      served.push(...call.uuids);
    }
    const ready = await fetch(`${node.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    const report = (await ready.json()) as { status: string; auditSpooled: number };
    expect(report.status).toBe('degraded');
    expect(report.auditSpooled).toBe(served.length - 2);
  });

  it('refuses a replayed token on this node even while the shared guard is down', async () => {
    const once = await token();
    expect((await post('emd-patient-view', REQUEST, once)).status).toBe(200);
    const again = await post('emd-patient-view', REQUEST, once);
    expect(again.status).toBe(401);
    expect(again.headers.get('www-authenticate')).toContain('replayed');
  });

  it('answers feedback with 503 and Retry-After while the database is gone', async () => {
    const response = await post(
      'emd-patient-view/feedback',
      JSON.stringify({
        feedback: [
          {
            card: served[0],
            outcome: 'overridden',
            overrideReason: {
              reason: {
                system: 'https://fhir.emd-cds.org/CodeSystem/override-reason',
                code: 'already-aware',
              },
            },
            outcomeTimestamp: '2026-11-01T00:00:00Z',
          },
        ],
      }),
    );
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
  });

  it('counts spooled records and shared-state fallbacks in /metrics', async () => {
    const text = await metrics();
    expect(text).toMatch(/^emd_cds_audit_spooled_total [1-9]/m);
    expect(text).toMatch(/^emd_cds_shared_state_fallback_total\{guard="replay-guard"\} [1-9]/m);
  });

  it(
    'shows in /metrics the hook-call counts waiting in the spool, after the next flush',
    async () => {
      // The tally flushes every 5 s; the calls above were counted while the database was cut.
      expect(await metricWithin(COUNTS_SPOOLED, (n) => n > 0)).toBeGreaterThan(0);
      expect(await metricWithin(CALLS_IN_MEMORY, (n) => n === 0)).toBe(0);
    },
    FLUSH_DEADLINE_MS + 5000,
  );

  it(
    'replays the spool when the database is back: every card served, each once',
    async () => {
      await proxy.restore();
      const deadline = Date.now() + REPLAY_DEADLINE_MS;
      let report = await readyz();
      while (report.status !== 'ready' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        report = await readyz();
      }
      expect(report).toMatchObject({ status: 'ready', auditSpooled: 0 });
      const audited = await auditedUuids();
      for (const uuid of served) expect(audited.filter((u) => u === uuid)).toHaveLength(1);
      // The counts' spool is replayed by the tally's next flush, and /metrics says so.
      expect(await metricWithin(COUNTS_SPOOLED, (n) => n === 0)).toBe(0);
    },
    REPLAY_DEADLINE_MS + FLUSH_DEADLINE_MS + 5000,
  );
});
