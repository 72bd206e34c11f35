/**
 * A worker the cluster's primary starts again runs the settings the primary read and checked
 * at start, not the config file as it is now (docs/configuring.md, "What needs a restart";
 * docs/clinical-safety.md H90): the built service with WORKERS=2 as its own process tree, its
 * config file edited to switch authentication off, trust the local issuer and the public
 * sandbox, allow the sandbox as a CORS origin and move the port, then a worker killed with
 * SIGKILL. Its replacement must still refuse a call without a token, answer no such origin,
 * create no local issuer keys and listen where the primary does, and /readyz must say a
 * restart is needed without naming the keys (the admin API names them, and the values the
 * node runs with).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../bench/services.js';
import { startBuiltService } from '../support/built.js';
import { jsonLogLines } from '../support/logs.js';

// Generous: the machine running the tests may be shared, and a worker starts in seconds there.
const START_DEADLINE_MS = 60_000;
const ADMIN_TOKEN = randomBytes(32).toString('base64');
const EHR_ORIGIN = 'https://ehr.example.org';
const SANDBOX_ORIGIN = 'https://sandbox.cds-hooks.org';
/** Enough calls, each on its own connection, for node:cluster to deal some to each worker. */
const CALLS = 8;

interface LogEntry {
  level?: number;
  msg?: string;
  worker?: number;
  port?: number;
}

interface Node {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
  logLines(): LogEntry[];
}

/** The config file: the port and origins given, authentication as `auth` says. */
function configText(port: number, origins: readonly string[], auth: string): string {
  return [
    'service:',
    `  port: ${String(port)}`,
    '  host: 127.0.0.1',
    `  corsOrigins: [${origins.join(', ')}]`,
    `auth: ${auth}`,
    '',
  ].join('\n');
}

function startNode(dir: string, configFile: string): Node {
  // No PORT or HOST: the port and the address are the config file's, read at start.
  const child = startBuiltService({
    WORKERS: '2',
    LOG_LEVEL: 'info',
    EMD_CDS_CONFIG: configFile,
    EMD_CDS_DATA_DIR: join(dir, 'data'),
    EMD_CDS_AUDIT_SECRET: randomBytes(32).toString('base64'),
    EMD_CDS_ADMIN_TOKEN: ADMIN_TOKEN,
    EMD_CDS_CLUSTER_TIME_SCALE: '0.05',
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let output = '';
  const read = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  return { child, exited, output: () => output, logLines: () => jsonLogLines<LogEntry>(output) };
}

/** Each worker's "listening on" line, its pid and port, whether it has died since or not. */
const listeningLines = (node: Node) =>
  node
    .logLines()
    .filter((entry) => entry.worker !== undefined && entry.msg?.includes('listening on'));

/** Pids of the workers that said they listen and have not died since. */
function servingWorkers(node: Node): number[] {
  const died = new Set(
    node
      .logLines()
      .filter((entry) => entry.msg?.startsWith('worker exited unexpectedly'))
      .map((entry) => entry.worker),
  );
  return listeningLines(node)
    .map((entry) => entry.worker as number)
    .filter((pid) => !died.has(pid));
}

/** Kills one serving worker with SIGKILL and waits for the one started in its place. */
async function replaceAWorker(node: Node): Promise<{ killed: number; replacement: number }> {
  const before = servingWorkers(node);
  const killed = before[0];
  // Never process.kill(0): that would signal this test's own process group.
  if (killed === undefined) throw new Error('no worker is serving to be killed');
  process.kill(killed, 'SIGKILL');
  let replacement: number | undefined;
  await vi.waitFor(
    () => {
      expect(node.child.exitCode).toBeNull();
      replacement = servingWorkers(node).find((pid) => !before.includes(pid));
      expect(replacement).toBeDefined();
    },
    { timeout: 30_000, interval: 100 },
  );
  return { killed, replacement: replacement as number };
}

/** Both running workers have reloaded the edited file and said what waits for a restart. */
async function waitForReloadWarnings(node: Node, count: number): Promise<void> {
  await vi.waitFor(
    () => {
      const warned = node
        .logLines()
        .filter((entry) => entry.msg?.includes('take effect only after a restart'));
      expect(warned.length).toBeGreaterThanOrEqual(count);
    },
    { timeout: 30_000, interval: 100 },
  );
}

const close = { connection: 'close' };

/** A hook call without a token, on a connection of its own (so any worker may take it). */
async function tokenlessCall(baseUrl: string): Promise<number> {
  const answer = await fetch(`${baseUrl}/cds-services/emd-patient-view`, {
    method: 'POST',
    headers: { ...close, 'content-type': 'application/json' },
    body: JSON.stringify({
      hook: 'patient-view',
      hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
      context: { userId: 'Practitioner/example', patientId: 'example' },
    }),
  });
  await answer.arrayBuffer();
  return answer.status;
}

/** The CORS preflight a browser at `origin` sends before a hook call. */
async function preflight(baseUrl: string, origin: string): Promise<string | null> {
  const answer = await fetch(`${baseUrl}/cds-services/emd-patient-view`, {
    method: 'OPTIONS',
    headers: {
      ...close,
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });
  await answer.arrayBuffer();
  return answer.headers.get('access-control-allow-origin');
}

describe('a worker started again after the config file changed a start-only key', () => {
  let dir: string;
  let configFile: string;
  let node: Node;
  let port: number;
  let baseUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'emd-cds-worker-start-settings-'));
    configFile = join(dir, 'emd-cds.yaml');
    port = await freePort();
    baseUrl = `http://127.0.0.1:${String(port)}`;
    writeFileSync(
      configFile,
      configText(port, [EHR_ORIGIN], '{enabled: true, localIssuer: false}'),
    );
    node = startNode(dir, configFile);
    await vi.waitFor(
      () => {
        if (node.child.exitCode !== null) throw new Error(`exited early:\n${node.output()}`);
        expect(servingWorkers(node), node.output()).toHaveLength(2);
      },
      { timeout: START_DEADLINE_MS, interval: 100 },
    );
  }, START_DEADLINE_MS + 5000);

  afterAll(async () => {
    if (node.child.exitCode === null) {
      node.child.kill('SIGKILL');
      await node.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps authentication, the CORS origins and the trusted issuers the primary started with', async () => {
    writeFileSync(
      configFile,
      configText(
        port,
        [EHR_ORIGIN, SANDBOX_ORIGIN],
        '{enabled: false, localIssuer: true, trustCdsHooksSandbox: true}',
      ),
    );
    await waitForReloadWarnings(node, 2);
    const { replacement } = await replaceAWorker(node);
    const survivor = servingWorkers(node).find((pid) => pid !== replacement);

    const callsFrom = () =>
      node
        .logLines()
        .filter((entry) => entry.msg?.startsWith('POST /cds-services/emd-patient-view'));
    const before = callsFrom().length;
    const statuses: number[] = [];
    for (let i = 0; i < CALLS; i += 1) statuses.push(await tokenlessCall(baseUrl));
    // CDS Hooks 2.0 "Trusting CDS Clients": a call without a JWT is refused, by every worker.
    expect(statuses).toEqual(Array.from({ length: CALLS }, () => 401));
    await vi.waitFor(() => {
      expect(callsFrom().length - before).toBe(CALLS);
    });
    const answeredBy = new Set(
      callsFrom()
        .slice(before)
        .map((entry) => entry.worker),
    );
    expect([...answeredBy].sort()).toEqual([replacement, survivor].sort());

    for (let i = 0; i < 4; i += 1) {
      expect(await preflight(baseUrl, SANDBOX_ORIGIN)).toBeNull();
      expect(await preflight(baseUrl, EHR_ORIGIN)).toBe(EHR_ORIGIN);
    }
    // The local test issuer stays untrusted: no key pair was made for it.
    expect(existsSync(join(dir, 'data', 'local-issuer'))).toBe(false);
  }, 80_000);

  it('says on /readyz, from every worker, that a restart is needed, and names the keys only behind the admin token', async () => {
    // Four keys differ from the start: service.corsOrigins, auth.enabled, auth.localIssuer,
    // auth.trustCdsHooksSandbox. The count is for the balancer and the console; their names
    // say what an attacker could hope a restart brings, so they stay in the log and the admin API.
    for (let i = 0; i < 4; i += 1) {
      const answer = await fetch(`${baseUrl}/readyz`, { headers: close });
      const text = await answer.text();
      expect(answer.status).toBe(200);
      expect(JSON.parse(text)).toMatchObject({
        status: 'degraded',
        restartNeeded: 4,
        degraded: [
          'restart needed: 4 settings changed in the configuration in force take effect only after a restart (the log names them)',
        ],
      });
      expect(text).not.toContain('restartNeededFor');
      expect(text).not.toContain('auth.');
    }
    for (let i = 0; i < 4; i += 1) {
      const answer = await fetch(`${baseUrl}/admin/config`, {
        headers: { ...close, authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as {
        restartNeededFor?: unknown;
        startOnly: { settings: { setting: string; value: unknown; restartNeeded: boolean }[] };
      };
      expect(body.restartNeededFor).toEqual([
        'service.corsOrigins',
        'auth.enabled',
        'auth.localIssuer',
        'auth.trustCdsHooksSandbox',
      ]);
      // What every worker, the replacement too, runs with: the node's start, not the file.
      const inForce = (setting: string) =>
        body.startOnly.settings.find((row) => row.setting === setting);
      expect(inForce('auth.enabled')).toMatchObject({ value: true, restartNeeded: true });
      expect(inForce('auth.localIssuer')).toMatchObject({ value: false, restartNeeded: true });
      expect(inForce('service.corsOrigins')).toMatchObject({
        value: [EHR_ORIGIN],
        restartNeeded: true,
      });
      expect(inForce('service.port')).toMatchObject({ value: port, restartNeeded: false });
    }
  });

  it('listens only on the port the primary started with after the file moves it', async () => {
    const movedTo = await freePort();
    writeFileSync(
      configFile,
      configText(
        movedTo,
        [EHR_ORIGIN, SANDBOX_ORIGIN],
        '{enabled: false, localIssuer: true, trustCdsHooksSandbox: true}',
      ),
    );
    // Both workers warn again: one of them for the first time after its own start.
    const warnedBefore = node
      .logLines()
      .filter((entry) => entry.msg?.includes('take effect only after a restart')).length;
    await waitForReloadWarnings(node, warnedBefore + 2);
    const { replacement } = await replaceAWorker(node);
    const said = listeningLines(node).find((entry) => entry.worker === replacement);
    expect(said?.port).toBe(port);
    await expect(fetch(`http://127.0.0.1:${String(movedTo)}/healthz`)).rejects.toThrow();
    for (let i = 0; i < 4; i += 1) expect(await tokenlessCall(baseUrl)).toBe(401);
  }, 80_000);
});
