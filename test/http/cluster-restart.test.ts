/**
 * A cluster node keeps its workers, and says when it cannot (docs/deploying.md, "Several
 * cores"): the built service with WORKERS=2 as its own process tree, its workers killed with
 * SIGKILL as the OOM killer would. Every worker killed at once: the primary starts them again
 * and stays. A worker that fails at start (a config file on disk that no longer loads) is
 * started again after pauses that double, and /readyz says the node is short of a worker.
 * No worker serving and every one started failing: the primary exits 1, for its supervisor.
 *
 * EMD_CDS_CLUSTER_TIME_SCALE=0.05 (for tests only) makes the pauses 50 ms, doubling up to
 * 1.5 s, reset by a worker that lived 3 s, instead of 1 s, 30 s and a minute.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../bench/services.js';
import { startBuiltService } from '../support/built.js';
import { jsonLogLines } from '../support/logs.js';

const START_DEADLINE_MS = 30_000;
/** The pauses at scale 0.05: 1 s, doubled after each worker that dies soon. */
const PAUSES_MS = [50, 100, 200, 400];
/** A worker that lived this long (a minute at scale 0.05), and more, resets the pauses. */
const STABLE_AFTER_MS = 3_000;
const GOOD_CONFIG = 'service:\n  defaultLocale: en\n';
/** Not a pino level: the config file no longer loads, so a worker started now fails at start. */
const BAD_CONFIG = 'service:\n  logLevel: loud\n';

interface LogEntry {
  level?: number;
  msg?: string;
  worker?: number;
  serving?: number;
  wanted?: number;
  restartInMs?: number;
}

interface Node {
  child: ChildProcess;
  baseUrl: string;
  exited: Promise<number | null>;
  logLines(): LogEntry[];
}

async function startNode(dir: string, configFile: string): Promise<Node> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${String(port)}`;
  const child = startBuiltService({
    WORKERS: '2',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    EMD_CDS_CONFIG: configFile,
    EMD_CDS_DATA_DIR: join(dir, 'data'),
    EMD_CDS_AUDIT_SECRET: randomBytes(32).toString('base64'),
    EMD_CDS_CLUSTER_TIME_SCALE: '0.05',
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let output = '';
  const read = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  // Whole lines only: a chunk of the pipe may end inside one.
  const logLines = () => jsonLogLines<LogEntry>(output);
  const node = { child, baseUrl, exited, logLines };
  try {
    await vi.waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`exited early:\n${output}`);
        expect(servingWorkers(node)).toHaveLength(2);
      },
      { timeout: START_DEADLINE_MS, interval: 100 },
    );
  } catch (error) {
    // afterAll never sees a node that failed to start: stop it here, or it outlives the run
    // (its workers exit with the primary: node:cluster ends a worker that loses its channel).
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    throw error;
  }
  return node;
}

/** The primary's line for each worker that died unexpectedly. */
const restartLines = (node: Node) =>
  node.logLines().filter((entry) => entry.msg?.startsWith('worker exited unexpectedly'));

/** Pids of the workers that said they listen and have not died since. */
function servingWorkers(node: Node): number[] {
  const lines = node.logLines();
  const died = new Set(restartLines(node).map((entry) => entry.worker));
  return lines
    .filter((entry) => entry.worker !== undefined && entry.msg?.includes('listening on'))
    .map((entry) => entry.worker as number)
    .filter((pid) => !died.has(pid));
}

/** SIGKILL to one worker, as the OOM killer sends it. */
function killWorker(pid: number | undefined): void {
  // Never process.kill(0): that would signal this test's own process group.
  if (pid === undefined) throw new Error('no worker is serving to be killed');
  process.kill(pid, 'SIGKILL');
}

const readyz = async (node: Node) => {
  const answer = await fetch(`${node.baseUrl}/readyz`, { headers: { connection: 'close' } });
  return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
};

describe('a cluster node whose workers die', () => {
  let dir: string;
  let configFile: string;
  let node: Node;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'emd-cds-cluster-restart-'));
    configFile = join(dir, 'emd-cds.yaml');
    writeFileSync(configFile, GOOD_CONFIG);
    node = await startNode(dir, configFile);
  }, START_DEADLINE_MS + 5000);

  afterAll(async () => {
    if ((node as Node | undefined) && node.child.exitCode === null) {
      node.child.kill('SIGKILL');
      await node.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts every worker again when all are killed at once, and the primary stays', async () => {
    const killed = servingWorkers(node);
    for (const pid of killed) killWorker(pid);
    await vi.waitFor(
      () => {
        expect(node.child.exitCode).toBeNull();
        const now = servingWorkers(node);
        expect(now).toHaveLength(2);
        for (const pid of killed) expect(now).not.toContain(pid);
      },
      { timeout: 15_000, interval: 100 },
    );
    expect((await readyz(node)).status).toBe(200);
    expect(restartLines(node)).toHaveLength(2);
    expect(node.child.exitCode).toBeNull();
  }, 20_000);

  it('restarts a worker that keeps failing at start after growing pauses, and /readyz says the node is short', async () => {
    // The workers now serving must have lived long enough to reset the pauses.
    await sleep(STABLE_AFTER_MS);
    writeFileSync(configFile, BAD_CONFIG);
    const before = restartLines(node).length;
    killWorker(servingWorkers(node)[0]);
    await vi.waitFor(
      () => {
        expect(restartLines(node).length - before).toBeGreaterThanOrEqual(PAUSES_MS.length);
      },
      { timeout: 20_000, interval: 100 },
    );
    const lines = restartLines(node).slice(before, before + PAUSES_MS.length);
    expect(lines.map((entry) => entry.restartInMs)).toEqual(PAUSES_MS);
    for (const entry of lines) {
      expect(entry).toMatchObject({ serving: 1, wanted: 2 });
      expect(entry.msg).toContain('1 of 2 workers serving');
    }
    // Answered by the one worker still serving: ready, and degraded for want of the other.
    const { status, body } = await readyz(node);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'degraded', workersShort: { serving: 1, wanted: 2 } });
    expect(body.degraded).toContain(
      'workers short: 1 of 2 workers serving; the primary is restarting the others (see the log)',
    );
  }, 30_000);

  it('exits 1 when no worker serves and every worker started fails', async () => {
    killWorker(servingWorkers(node)[0]);
    expect(await node.exited).toBe(1);
    const fatal = node.logLines().find((entry) => entry.msg?.startsWith('no worker is serving'));
    expect(fatal).toMatchObject({ level: 60, serving: 0, wanted: 2 });
  }, 20_000);
});
