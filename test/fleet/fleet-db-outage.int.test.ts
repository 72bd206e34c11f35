/**
 * Issue #16, "alerts never stopped by the audit database", for the whole fleet: three nodes
 * as `npm start` runs them (built by the tests' global setup), nginx in
 * front with the shipped configuration, and PostgreSQL reached through a relay the test
 * cuts mid-run under load. Every hook call through nginx still answers 200 with its cards,
 * every node's /readyz says degraded with its spool depth; once the relay is restored every
 * node replays its spool, and the audit holds every served card exactly once.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/services.js';
import { ensureLocalIssuerKeys, type KeyFiles } from '../../src/auth/local-issuer.js';
import { auditedCardUuids } from './audited-cards.js';
import { exampleRequest, tokenFor } from './hook-calls.js';
import { STORE_TARGETS, type TestLocation } from '../store/targets.js';
import { runLoad } from './load.js';
import { nginxSkipReason, startNginx, type RunningNginx } from './nginx.js';
import {
  startProcessNode,
  stopProcessNode,
  type FleetFiles,
  type ProcessNode,
} from './process-nodes.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

const postgres = STORE_TARGETS.find((target) => target.kind === 'postgres');
const skipReason = postgres?.skipReason ?? nginxSkipReason;

const SETUP_DEADLINE_MS = 120_000;
const OUTAGE_DEADLINE_MS = 90_000;
/** The spool is retried every 2 s (src/store/spooled-store.ts); bounded wait for the replay. */
const REPLAY_DEADLINE_MS = 30_000;
const REQUEST = exampleRequest();

interface Readiness {
  status: string;
  auditSpooled?: number;
}

describe.skipIf(skipReason !== undefined)('the fleet’s database goes down under load', () => {
  let root: string;
  let place: TestLocation;
  let proxy: TcpProxy;
  let keys: KeyFiles;
  const nodes: ProcessNode[] = [];
  let nginx: RunningNginx;

  const readiness = async (node: ProcessNode) => {
    // A node that died says why, rather than "fetch failed".
    if (node.child.exitCode !== null || node.child.signalCode !== null)
      throw new Error(`node ${node.url} exited:\n${node.output()}`);
    const response = await fetch(`${node.url}/readyz`);
    return { http: response.status, ...((await response.json()) as Readiness) };
  };
  const auditRows = () => auditedCardUuids(place.location);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'emd-cds-fleet-outage-'));
    place = await (postgres ?? { create: () => Promise.reject(new Error('no target')) }).create();
    const direct = new URL(place.location);
    proxy = await startTcpProxy(direct.hostname, Number(direct.port || 5432));
    const sharedDir = join(root, 'shared');
    keys = await ensureLocalIssuerKeys(join(sharedDir, 'local-issuer'));
    writeFileSync(join(sharedDir, 'audit-secret'), `${randomBytes(32).toString('base64')}\n`);
    const ports = [await freePort(), await freePort(), await freePort()];
    const nginxPort = await freePort();
    const fleet: FleetFiles = {
      sharedDir,
      env: {
        EMD_CDS_POSTGRES_URL: proxy.through(place.location),
        PUBLIC_BASE_URL: `http://127.0.0.1:${String(nginxPort)}`,
        EMD_CDS_ADMIN_TOKEN: randomBytes(16).toString('hex'),
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '100000',
        SHUTDOWN_DRAIN_MS: '500',
      },
    };
    // One after the other: the first node creates the schema and records the audit key.
    for (const [i, port] of ports.entries())
      nodes.push(await startProcessNode(fleet, join(root, `node-${String(i)}`), port));
    nginx = await startNginx(nginxPort, ports);
  }, SETUP_DEADLINE_MS);

  afterAll(async () => {
    // Each is unset when the setup failed before starting it.
    const started = <T>(value: T) => value as T | undefined;
    await started(nginx)?.stop();
    await Promise.all(nodes.map((node) => stopProcessNode(node, 'SIGKILL')));
    await started(proxy)?.close();
    await started(place)?.drop();
    if (started(root)) rmSync(root, { recursive: true, force: true });
  });

  it(
    'answers every call with its cards while the database is cut, then audits each card once',
    async () => {
      const load = runLoad({
        url: nginx.url,
        token: () => tokenFor(keys, nginx.url),
        body: REQUEST,
        concurrency: 3,
        requests: 90,
      });
      await load.started(15);
      await proxy.cut();
      await load.started(60);
      // While the database is away: every node serves, spools, and says so on /readyz.
      for (const node of nodes) {
        const ready = await readiness(node);
        expect(ready).toMatchObject({ http: 200, status: 'degraded' });
        expect(ready.auditSpooled).toBeGreaterThan(0);
      }
      await proxy.restore();
      const results = await load.done;

      expect(results).toHaveLength(90);
      expect(results.filter((r) => r.status !== 200 || r.uuids.length === 0)).toEqual([]);
      for (const node of nodes)
        await expect
          .poll(() => readiness(node), { interval: 250, timeout: REPLAY_DEADLINE_MS })
          .toMatchObject({ http: 200, status: 'ready', auditSpooled: 0 });
      const served = results.flatMap((r) => r.uuids);
      const audited = await auditRows();
      // Every served card exactly once, and nothing else: no record replayed twice.
      expect([...audited].sort()).toEqual([...served].sort());
    },
    OUTAGE_DEADLINE_MS,
  );
});
