/**
 * A worker the cluster's primary starts again runs what the files named by start-only
 * settings held when the node started, not what they hold now (docs/clinical-safety.md H90's
 * residual; src/config/start-files.ts): the built service with WORKERS=2 as its own process
 * tree, the local test issuer trusted, a hospital CA in FHIR_CA_FILES, another in
 * NODE_EXTRA_CA_CERTS and no EMD_CDS_AUDIT_SECRET (so the node makes its audit key file).
 * After the issuer's key pair is replaced, the CA file and the audit key file deleted and a
 * worker killed, every worker still accepts a token of the node's key and refuses one of the
 * new key, and no audit key file is written again. NODE_EXTRA_CA_CERTS, which Node reads itself
 * in each process, cannot be handed over: a worker started after it changed refuses to start,
 * saying so, while the other serves; with the file put back, the next one serves.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../bench/services.js';
import {
  ensureLocalIssuerKeys,
  mintLocalToken,
  type KeyFiles,
} from '../../src/auth/local-issuer.js';
import { startBuiltService } from '../support/built.js';
import { jsonLogLines } from '../support/logs.js';
import { makeTestCa } from '../support/test-ca.js';

// Generous: the machine running the tests may be shared, and a worker starts in seconds there.
const START_DEADLINE_MS = 60_000;
/** Enough calls, each on its own connection, for node:cluster to deal some to each worker. */
const CALLS = 8;

interface LogEntry {
  level?: number;
  msg?: string;
  worker?: number;
}

interface Node {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
  logLines(): LogEntry[];
}

function startNode(env: Record<string, string>): Node {
  const child = startBuiltService({
    WORKERS: '2',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    EMD_CDS_CLUSTER_TIME_SCALE: '0.05',
    ...env,
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

/** Pids of the workers that said they listen and have not died since. */
function servingWorkers(node: Node): number[] {
  const lines = node.logLines();
  const died = new Set(
    lines
      .filter((entry) => entry.msg?.startsWith('worker exited unexpectedly'))
      .map((entry) => entry.worker),
  );
  return lines
    .filter((entry) => entry.worker !== undefined && entry.msg?.includes('listening on'))
    .map((entry) => entry.worker as number)
    .filter((pid) => !died.has(pid));
}

/** Kills one serving worker with SIGKILL; returns its pid and the pids serving before. */
function killAWorker(node: Node): { killed: number; before: number[] } {
  const before = servingWorkers(node);
  const killed = before[0];
  // Never process.kill(0): that would signal this test's own process group.
  if (killed === undefined) throw new Error('no worker is serving to be killed');
  process.kill(killed, 'SIGKILL');
  return { killed, before };
}

/** Waits for a worker that was not serving before to serve; its pid. */
async function replacementOf(node: Node, before: readonly number[]): Promise<number> {
  let replacement: number | undefined;
  await vi.waitFor(
    () => {
      expect(node.child.exitCode).toBeNull();
      replacement = servingWorkers(node).find((pid) => !before.includes(pid));
      expect(replacement).toBeDefined();
    },
    { timeout: 30_000, interval: 100 },
  );
  return replacement as number;
}

describe('a worker started again after the files its settings name changed', () => {
  let dir: string;
  let issuerDir: string;
  let nodeCaFile: string;
  let nodeCaAtStart: Buffer;
  let node: Node;
  let baseUrl: string;
  /** The local test issuer's key pair the node started with. */
  let keysAtStart: KeyFiles;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'emd-cds-worker-start-files-'));
    for (const folder of ['fhir-ca', 'node-ca', 'other-ca']) mkdirSync(join(dir, folder));
    const fhirCa = makeTestCa(join(dir, 'fhir-ca'));
    nodeCaFile = makeTestCa(join(dir, 'node-ca')).caFile;
    nodeCaAtStart = readFileSync(nodeCaFile);
    issuerDir = join(dir, 'issuer');
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${String(port)}`;
    node = startNode({
      PORT: String(port),
      PUBLIC_BASE_URL: baseUrl,
      EMD_CDS_DATA_DIR: join(dir, 'data'),
      AUTH_LOCAL_ISSUER: 'on',
      AUTH_LOCAL_ISSUER_DIR: issuerDir,
      FHIR_CA_FILES: fhirCa.caFile,
      NODE_EXTRA_CA_CERTS: nodeCaFile,
    });
    await vi.waitFor(
      () => {
        if (node.child.exitCode !== null) throw new Error(`exited early:\n${node.output()}`);
        expect(servingWorkers(node), node.output()).toHaveLength(2);
      },
      { timeout: START_DEADLINE_MS, interval: 100 },
    );
    // The pair the primary made before forking: read as `npm run token` reads it.
    keysAtStart = await ensureLocalIssuerKeys(issuerDir);
  }, START_DEADLINE_MS + 5000);

  afterAll(async () => {
    if (node.child.exitCode === null) {
      node.child.kill('SIGKILL');
      await node.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** Discovery with a fresh token of `keys` (a `jti` is spent once), on its own connection. */
  async function discoveryWith(keys: KeyFiles): Promise<number> {
    const token = await mintLocalToken(keys, `${baseUrl}/cds-services`);
    const answer = await fetch(`${baseUrl}/cds-services`, {
      headers: { connection: 'close', authorization: `Bearer ${token}` },
    });
    await answer.arrayBuffer();
    return answer.status;
  }

  it("keeps the node's local issuer key, CA files and audit key", async () => {
    // A new key pair where the node's was, the CA file and the audit key file gone.
    rmSync(issuerDir, { recursive: true });
    const newKeys = await ensureLocalIssuerKeys(issuerDir);
    rmSync(join(dir, 'fhir-ca', 'ca.pem'));
    const auditKeyFile = join(dir, 'data', 'audit-secret');
    expect(existsSync(auditKeyFile)).toBe(true);
    rmSync(auditKeyFile);

    const { before } = killAWorker(node);
    const replacement = await replacementOf(node, before);
    const survivor = servingWorkers(node).find((pid) => pid !== replacement);

    const calls = () =>
      node.logLines().filter((entry) => entry.msg?.startsWith('GET /cds-services '));
    const callsBefore = calls().length;
    const statuses: number[] = [];
    for (let i = 0; i < CALLS; i += 1) {
      statuses.push(await discoveryWith(keysAtStart));
      statuses.push(await discoveryWith(newKeys));
    }
    // The node's key is trusted by every worker, the key written since by none.
    expect(statuses).toEqual(Array.from({ length: CALLS }, () => [200, 401]).flat());
    await vi.waitFor(() => {
      expect(calls().length - callsBefore).toBe(2 * CALLS);
    });
    const answeredBy = new Set(
      calls()
        .slice(callsBefore)
        .map((entry) => entry.worker),
    );
    expect([...answeredBy].sort()).toEqual([replacement, survivor].sort());
    // The replacement took the node's audit key: it made no other one.
    expect(existsSync(auditKeyFile)).toBe(false);
  }, 80_000);

  it('refuses to start, saying why, while NODE_EXTRA_CA_CERTS is not the file the node started with', async () => {
    // Another hospital CA in its place: Node would trust it in the new worker only.
    writeFileSync(nodeCaFile, readFileSync(makeTestCa(join(dir, 'other-ca')).caFile));
    const refusals = () =>
      node
        .logLines()
        .filter((entry) =>
          entry.msg?.startsWith(
            `NODE_EXTRA_CA_CERTS: ${nodeCaFile} is not the file the node started with`,
          ),
        );
    const { killed, before } = killAWorker(node);
    await vi.waitFor(
      () => {
        expect(refusals().length).toBeGreaterThanOrEqual(2);
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(refusals()[0]?.level).toBe(60);
    // The other worker serves on, and no worker started since serves.
    expect(servingWorkers(node)).toEqual(before.filter((pid) => pid !== killed));
    const health = await fetch(`${baseUrl}/healthz`, { headers: { connection: 'close' } });
    expect(health.status).toBe(200);
    // The CA from NODE_EXTRA_CA_CERTS never appears in the log, only its path.
    expect(node.output()).not.toContain('BEGIN CERTIFICATE');

    writeFileSync(nodeCaFile, nodeCaAtStart);
    await replacementOf(node, before);
    expect(servingWorkers(node)).toHaveLength(2);
  }, 80_000);
});
