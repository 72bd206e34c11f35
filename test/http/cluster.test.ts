/**
 * Cluster mode end to end: the built service with WORKERS=2 as its own process tree, on each
 * store database. /metrics (on METRICS_PORT, which the workers share) counts every worker's
 * calls whichever worker answers the scrape, a token replayed to the other worker is refused,
 * the rate limit counts requests whichever worker answers, and SIGTERM stops every worker.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../bench/services.js';
import { importJWK, SignJWT } from 'jose';
import {
  ensureLocalIssuerKeys,
  mintLocalToken,
  type KeyFiles,
} from '../../src/auth/local-issuer.js';
import { PATHS } from '../../src/config/project-paths.js';
import { STORE_TARGETS, suiteName, warnSkipped, type TestLocation } from '../store/targets.js';
import { startBuiltService } from '../support/built.js';
import { jsonLogLines } from '../support/logs.js';

warnSkipped();

const RATE_LIMIT = 6;
/**
 * An EHR listing the tenants it speaks for, signing with the local issuer's key: the rate limit
 * keys such a caller per tenant (src/http/rate-limit.ts), so each burst below is a new caller.
 */
const TENANT_EHR = 'https://tenant-ehr.cluster-test.example';
const BURST_TENANTS = ['burst-0', 'burst-1', 'burst-2'];
/** The caller of the metrics test's hook calls: fewer than RATE_LIMIT calls, all answered. */
const METRICS_TENANT = 'metrics';
const METRICS_CALLS = 5;
const START_DEADLINE_MS = 30_000;
const REQUEST = JSON.parse(
  readFileSync(
    join(PATHS.examples, '..', '..', 'cds-hooks', 'examples', 'patient-view', 'emd-and-cns.json'),
    'utf8',
  ),
) as unknown;

interface LogEntry {
  msg?: string;
  worker?: number;
  req?: { id?: string };
}

interface Cluster {
  child: ChildProcess;
  baseUrl: string;
  metricsUrl: string;
  keys: KeyFiles;
  workerPids: Set<number>;
  /** The JSON log lines the cluster has written so far. */
  logLines(): LogEntry[];
  exited: Promise<number | null>;
}

async function startCluster(dir: string, store: Record<string, string>): Promise<Cluster> {
  const port = await freePort();
  const metricsPort = await freePort();
  const keyDir = join(dir, 'issuer');
  const keys = await ensureLocalIssuerKeys(keyDir);
  const issuersFile = join(dir, 'issuers.json');
  writeFileSync(
    issuersFile,
    JSON.stringify([
      {
        iss: TENANT_EHR,
        jwks: { keys: [keys.publicJwk] },
        tenants: [...BURST_TENANTS, METRICS_TENANT],
      },
    ]),
  );
  const baseUrl = `http://127.0.0.1:${String(port)}`;
  const child = startBuiltService({
    WORKERS: '2',
    PORT: String(port),
    METRICS_PORT: String(metricsPort),
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: baseUrl,
    LOG_LEVEL: 'info',
    AUTH_LOCAL_ISSUER_DIR: keyDir,
    AUTH_ISSUERS_FILE: issuersFile,
    RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    EMD_CDS_AUDIT_SECRET: randomBytes(32).toString('base64'),
    ...store,
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const workerPids = new Set<number>();
  let output = '';
  // Whole lines only: a chunk of the pipe may end inside one.
  const logLines = () => jsonLogLines<LogEntry>(output);
  const started = new Promise<void>((resolve, reject) => {
    const deadline = setTimeout(() => {
      reject(new Error(`cluster did not start:\n${output}`));
    }, START_DEADLINE_MS);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      for (const entry of logLines())
        if (entry.worker !== undefined && entry.msg?.includes('listening'))
          workerPids.add(entry.worker);
      if (workerPids.size === 2) {
        clearTimeout(deadline);
        resolve();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then((code) => {
      reject(new Error(`cluster exited with ${String(code)}:\n${output}`));
    });
  });
  try {
    await started;
  } catch (error) {
    // afterAll never sees a cluster that failed to start: stop it here, or it outlives the run
    // (its workers exit with the primary: node:cluster ends a worker that loses its channel).
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    throw error;
  }
  const metricsUrl = `http://127.0.0.1:${String(metricsPort)}/metrics`;
  return { child, baseUrl, metricsUrl, keys, workerPids, logLines, exited };
}

const call = (cluster: Cluster, token: string, requestId?: string) =>
  fetch(`${cluster.baseUrl}/cds-services/emd-patient-view`, {
    method: 'POST',
    // A new connection per call, so node:cluster deals the calls out to both workers.
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      connection: 'close',
      ...(requestId === undefined ? {} : { 'x-request-id': requestId }),
    },
    body: JSON.stringify(
      requestId === undefined ? REQUEST : { ...(REQUEST as object), hookInstance: randomUUID() },
    ),
  });

/** The pid of the worker whose request log line carries `requestId`. */
function workerThatAnswered(cluster: Cluster, requestId: string): number | undefined {
  return cluster.logLines().find((entry) => entry.req?.id === requestId)?.worker;
}

/**
 * The sum of the samples of `metric` whose labels include every one of `labels`, in a
 * Prometheus text exposition; undefined when there is none.
 */
function sampleSum(
  exposition: string,
  metric: string,
  labels: Record<string, string>,
): number | undefined {
  let sum: number | undefined;
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(`${metric}{`)) continue;
    const labelText = line.slice(metric.length, line.lastIndexOf('}') + 1);
    if (!Object.entries(labels).every(([name, value]) => labelText.includes(`${name}="${value}"`)))
      continue;
    sum = (sum ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/** A token of TENANT_EHR speaking for `tenant`, one of its listed tenants. */
async function tenantToken(keys: KeyFiles, audience: string, tenant: string): Promise<string> {
  return new SignJWT({ jti: randomUUID(), tenant })
    .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: keys.privateJwk.kid ?? '' })
    .setIssuer(TENANT_EHR)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('300s')
    .sign(await importJWK(keys.privateJwk, 'ES384'));
}

const minuteOf = (ms: number) => Math.floor(ms / 60_000);

/**
 * RATE_LIMIT + 2 calls as a new caller; `oneWindow` is false when a window boundary (whole
 * minutes of the clock the workers share with this process) fell between the first call and
 * the last answer, so the counts of two windows mixed.
 */
async function burst(cluster: Cluster, audience: string, tenant: string) {
  const first = Date.now();
  const statuses: number[] = [];
  for (let i = 0; i < RATE_LIMIT + 2; i += 1)
    statuses.push((await call(cluster, await tenantToken(cluster.keys, audience, tenant))).status);
  return { statuses, oneWindow: minuteOf(first) === minuteOf(Date.now()) };
}

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(`cluster mode, ${suiteName(target)}`, () => {
    let dir: string;
    let place: TestLocation;
    let cluster: Cluster;
    const audience = () => `${cluster.baseUrl}/cds-services/emd-patient-view`;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'emd-cds-cluster-'));
      place = await target.create();
      cluster = await startCluster(
        dir,
        target.kind === 'sqlite'
          ? { EMD_CDS_SQLITE_FILE: place.location }
          : { EMD_CDS_POSTGRES_URL: place.location },
      );
    }, START_DEADLINE_MS + 5000);

    afterAll(async () => {
      if ((cluster as Cluster | undefined) && cluster.child.exitCode === null) {
        cluster.child.kill('SIGKILL');
        await cluster.exited;
      }
      await place.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('runs two workers on one port', () => {
      expect(cluster.workerPids.size).toBe(2);
    });

    // First of the calls below: the node's counts are then this test's calls only.
    it("counts every worker's hook calls and cards in each /metrics scrape", async () => {
      let cardsAnswered = 0;
      const requestIds: string[] = [];
      for (let i = 0; i < METRICS_CALLS; i += 1) {
        const requestId = `metrics-call-${String(i)}`;
        requestIds.push(requestId);
        const token = await tenantToken(cluster.keys, audience(), METRICS_TENANT);
        const answer = await call(cluster, token, requestId);
        expect(answer.status).toBe(200);
        cardsAnswered += ((await answer.json()) as { cards: unknown[] }).cards.length;
      }
      // Each worker's own counts differ from the node's only when both answered calls. A
      // request's log line is written once its answer is sent, so it may still be on its way.
      await vi.waitFor(() => {
        expect(new Set(requestIds.map((id) => workerThatAnswered(cluster, id)))).toEqual(
          cluster.workerPids,
        );
      });
      expect(cardsAnswered).toBeGreaterThan(0);
      // Fresh connections, so node:cluster deals the scrapes out to both workers too.
      for (let scrape = 0; scrape < 4; scrape += 1) {
        const scraped = await fetch(cluster.metricsUrl, { headers: { connection: 'close' } });
        expect(scraped.status).toBe(200);
        const text = await scraped.text();
        const service = { service: 'emd-patient-view' };
        expect(sampleSum(text, 'emd_cds_hook_calls_total', service)).toBe(METRICS_CALLS);
        expect(sampleSum(text, 'emd_cds_cards_total', { ...service, mode: 'live' })).toBe(
          cardsAnswered,
        );
      }
    });

    it('refuses a token replayed to any worker', async () => {
      const token = await mintLocalToken(cluster.keys, audience());
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await call(cluster, token)).status);
      expect(statuses).toEqual([200, 401, 401, 401]);
    });

    it('limits a caller across workers, then refuses with 429', async () => {
      // A burst split by a window boundary proves nothing either way: it is run again as a
      // new caller (a fresh count), instead of waiting for the clock to reach a new minute.
      for (const tenant of BURST_TENANTS) {
        const { statuses, oneWindow } = await burst(cluster, audience(), tenant);
        if (!oneWindow) continue;
        expect(statuses).toEqual([...Array<number>(RATE_LIMIT).fill(200), 429, 429]);
        return;
      }
      expect.fail('three bursts in a row were each split by a minute boundary');
    }, 60_000);

    it('stops every worker on SIGTERM and exits 0', async () => {
      cluster.child.kill('SIGTERM');
      expect(await cluster.exited).toBe(0);
      for (const pid of cluster.workerPids) expect(() => process.kill(pid, 0)).toThrow();
    });
  });
}
