/**
 * Issue #16, the fleet end to end: PostgreSQL, three nodes started as `npm start` starts
 * them (`node dist/src/main.js`, built by the tests' global setup; each its own port, data folder and
 * process), and nginx in front with the shipped deploy/nginx/emd-cds.conf. Through nginx a
 * replayed token is refused whichever node gets it; feedback given to one node suppresses
 * the card on another; every node reports the same statistics; kill -9 of a node under
 * load loses no audited answer; a rolling restart with SIGTERM fails no request.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/services.js';
import { ensureLocalIssuerKeys, type KeyFiles } from '../../src/auth/local-issuer.js';
import { auditedCardUuids } from './audited-cards.js';
import { exampleRequest as example, postHook, tokenFor } from './hook-calls.js';
import { STORE_TARGETS, type TestLocation } from '../store/targets.js';
import {
  searchset,
  startStubFhirServer,
  type StubFhirServer,
} from '../support/stub-fhir-server.js';
import { nginxSkipReason, startNginx, type RunningNginx } from './nginx.js';
import {
  startProcessNode,
  stopProcessNode,
  waitReady,
  type FleetFiles,
  type ProcessNode,
} from './process-nodes.js';
import { runLoad } from './load.js';
import { CLI_ARGS } from '../support/built.js';

const postgres = STORE_TARGETS.find((target) => target.kind === 'postgres');
const skipReason = postgres?.skipReason ?? nginxSkipReason;
if (postgres?.skipReason !== undefined) console.warn(`fleet: ${postgres.skipReason}`);

const SETUP_DEADLINE_MS = 180_000;
const FAULT_DEADLINE_MS = 90_000;
/** The shipped upstream's fail_timeout (deploy/nginx/emd-cds.conf). */
const FAIL_TIMEOUT_MS = 3000;
const ADMIN = randomBytes(16).toString('hex');

describe.skipIf(skipReason !== undefined)('a fleet of three nodes behind nginx', () => {
  let root: string;
  let place: TestLocation;
  let keys: KeyFiles;
  let fleet: FleetFiles;
  const nodes: ProcessNode[] = [];
  let nginx: RunningNginx;
  let fhir: StubFhirServer;

  // PUBLIC_BASE_URL is nginx's URL: every node expects it in the token's aud.
  const token = (path = 'emd-patient-view') => tokenFor(keys, nginx.url, path);
  const post = async (base: string, path: string, body: string, bearer?: string) =>
    postHook(base, path, body, bearer ?? (await token(path)));
  const auditedUuids = async () => new Set(await auditedCardUuids(place.location));
  const restart = async (index: number) => {
    const old = nodes[index] as ProcessNode;
    nodes[index] = await startProcessNode(fleet, old.dataDir, old.port);
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'emd-cds-fleet-'));
    place = await (postgres ?? { create: () => Promise.reject(new Error('no target')) }).create();
    // What every node must share: the issuer keys and audit key (copied into each node's
    // data folder), one config file, one database, one public URL.
    const sharedDir = join(root, 'shared');
    keys = await ensureLocalIssuerKeys(join(sharedDir, 'local-issuer'));
    writeFileSync(join(sharedDir, 'audit-secret'), `${randomBytes(32).toString('base64')}\n`);
    const configFile = join(sharedDir, 'emd-cds.yaml');
    writeFileSync(configFile, 'rules:\n  emd-soft-tissue:\n    suppressAfterOverrideDays: 30\n');
    fhir = await startStubFhirServer(() => ({ delayMs: 1500, body: searchset([]) }));
    const ports = [await freePort(), await freePort(), await freePort()];
    const nginxPort = await freePort();
    fleet = {
      sharedDir,
      env: {
        EMD_CDS_CONFIG: configFile,
        EMD_CDS_POSTGRES_URL: place.location,
        PUBLIC_BASE_URL: `http://127.0.0.1:${String(nginxPort)}`,
        EMD_CDS_ADMIN_TOKEN: ADMIN,
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '100000',
        FHIR_SERVERS: fhir.url,
        FHIR_TIMEOUT_MS: '10000',
        SHUTDOWN_DRAIN_MS: '1000',
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
    await started(fhir)?.close();
    await started(place)?.drop();
    if (started(root)) rmSync(root, { recursive: true, force: true });
  });

  it('refuses a token replayed through nginx, whichever node gets it', async () => {
    const once = await token();
    expect((await post(nginx.url, 'emd-patient-view', example('emd-and-cns'), once)).status).toBe(
      200,
    );
    for (let i = 0; i < 3; i += 1) {
      const replayed = await post(nginx.url, 'emd-patient-view', example('emd-and-cns'), once);
      expect(replayed.status).toBe(401);
      expect(replayed.headers.get('www-authenticate')).toContain('replayed');
    }
    for (const node of nodes)
      expect((await post(node.url, 'emd-patient-view', example('emd-and-cns'), once)).status).toBe(
        401,
      );
  });

  it('passes the request id on through nginx', async () => {
    const response = await fetch(`${nginx.url}/cds-services`, {
      headers: {
        'x-request-id': 'fleet-test-request-1',
        authorization: `Bearer ${await token('')}`,
      },
    });
    expect(response.headers.get('x-request-id')).toBe('fleet-test-request-1');
  });

  it('suppresses on one node a card overridden by feedback given to another', async () => {
    const [a, b, c] = nodes as [ProcessNode, ProcessNode, ProcessNode];
    const body = example('emd-liver-kidney-relapse');
    const served = (await (await post(a.url, 'emd-patient-view', body)).json()) as {
      cards: { uuid: string }[];
    };
    const [card] = served.cards;
    expect(card).toBeDefined();
    const feedback = await post(
      b.url,
      'emd-patient-view/feedback',
      JSON.stringify({
        feedback: [
          {
            card: card?.uuid,
            outcome: 'overridden',
            overrideReason: {
              reason: {
                system: 'https://fhir.emd-cds.org/CodeSystem/override-reason',
                code: 'already-aware',
              },
            },
            outcomeTimestamp: new Date().toISOString(),
          },
        ],
      }),
    );
    expect(feedback.status).toBe(200);
    const again = await post(c.url, 'emd-patient-view', body);
    expect(((await again.json()) as { cards: unknown[] }).cards).toEqual([]);
  });

  it('reports the same statistics from every node', async () => {
    const period = 'from=2026-01-01&to=2100-01-01';
    const read = () =>
      Promise.all(
        nodes.map(async (node) =>
          (
            await fetch(`${node.url}/admin/stats?${period}`, {
              headers: { authorization: `Bearer ${ADMIN}` },
            })
          ).json(),
        ),
      );
    // Each node adds its own hook call counts before it answers (issue #17), and another
    // node's only every few seconds: a first round gets every node's counts in.
    await read();
    const bodies = await read();
    expect((bodies[0] as { rules: unknown[] }).rules.length).toBeGreaterThan(0);
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    // `emd-cds stats` as an operator runs it on a host of the fleet: the built CLI with the
    // fleet's environment (its database, config file) and the data folder a host keeps the
    // shared audit key in, reading the store directly. Every
    // node has just written its own call counts, so nothing is left in a node's memory.
    const cli = await promisify(execFile)(
      process.execPath,
      [...CLI_ARGS, 'stats', '--json', '--from', '2026-01-01', '--to', '2100-01-01'],
      {
        cwd: root,
        env: { PATH: process.env.PATH, ...fleet.env, EMD_CDS_DATA_DIR: fleet.sharedDir },
      },
    );
    // The same report (src/store/stats-report.ts): per rule and service, served, answers,
    // silent cards, rates per 100 calls; and the hook calls they are rated against.
    const report = JSON.parse(cli.stdout) as { hookCalls: unknown; rules: unknown[] };
    expect(report.rules).toEqual((bodies[0] as { rules: unknown[] }).rules);
    expect(report.hookCalls).toEqual((bodies[0] as { hookCalls: unknown }).hookCalls);
    expect(report).toEqual(bodies[0]);
  });

  it(
    'keeps answering through nginx when a node is killed (-9), and audits every 200',
    async () => {
      const victim = nodes[0] as ProcessNode;
      const load = runLoad({
        url: nginx.url,
        token,
        body: example('emd-and-cns'),
        concurrency: 4,
        requests: 120,
      });
      await load.started(20);
      await stopProcessNode(victim, 'SIGKILL');
      const results = await load.done;
      const ok = results.filter((r) => r.status === 200);
      // Only calls already sent to the victim when it died may fail (nginx never resends them).
      expect(results.length - ok.length).toBeLessThanOrEqual(4);
      expect(results.slice(-40).every((r) => r.status === 200)).toBe(true);
      const audited = await auditedUuids();
      for (const uuid of ok.flatMap((r) => r.uuids)) expect(audited.has(uuid)).toBe(true);
      await restart(0);
    },
    FAULT_DEADLINE_MS,
  );

  it(
    'restarts every node in turn (SIGTERM) with no failed request through nginx',
    async () => {
      const load = runLoad({
        url: nginx.url,
        token,
        body: example('emd-and-cns'),
        concurrency: 2,
        requests: 100_000,
        // About 40 calls a second a loop rather than as fast as two cores allow: still dozens in
        // every node's stop-and-start window, where a failed request would show, without
        // spending the ~20 s of the rolling restart at full CPU (CI's whole budget is 2 cores).
        pauseMs: 25,
      });
      for (const [index, node] of nodes.entries()) {
        // A call in flight on this node (its FHIR reads take 1.5 s) must still be answered.
        const slow = JSON.parse(example('emd-skin-at-diagnosis')) as Record<string, unknown>;
        delete slow.prefetch;
        const inFlight = post(
          node.url,
          'emd-patient-view',
          JSON.stringify({ ...slow, fhirServer: fhir.url }),
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
        const answeredBeforeStop = load.answered();
        node.child.kill('SIGTERM');
        await expect
          .poll(async () => (await fetch(`${node.url}/readyz`)).status, {
            interval: 50,
            timeout: 900,
          })
          .toBe(503);
        expect((await inFlight).status).toBe(200);
        expect(await node.exited).toBe(0);
        await restart(index);
        await waitReady(nodes[index] as ProcessNode);
        // The load went on while this node stopped and started: calls were answered in the
        // window where a failed request would show.
        expect(load.answered() - answeredBeforeStop).toBeGreaterThanOrEqual(5);
        // The documented procedure: nginx keeps a node out for fail_timeout (3 s) after its
        // last failure, so wait that long before stopping the next one.
        await new Promise((resolve) => setTimeout(resolve, FAIL_TIMEOUT_MS + 500));
      }
      const results = await load.stop();
      expect(results.length).toBeGreaterThan(20);
      expect(
        results.filter((r) => r.status !== 200),
        nginx
          .errors()
          .split('\n')
          .filter((line) => line.includes('[error]'))
          .slice(-10)
          .join('\n'),
      ).toEqual([]);
    },
    FAULT_DEADLINE_MS,
  );
});
