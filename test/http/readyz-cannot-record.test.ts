/**
 * GET /readyz while the node cannot record audit (docs/deploying.md, section 2, "Database
 * down", and section 3, "Probes"): the database is down and the spool's disk full, so a hook
 * call is refused (503) and /readyz answers 503 "cannot record audit", saying what to check
 * and nothing of the cause. Once the disk is freed it answers 200 again by itself: no hook
 * call comes in between (a balancer that stopped sending on the 503 would send none).
 * /metrics has the state as the gauge emd_cds_audit_cannot_record (1, then 0).
 */
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { pseudonymiser } from '../../src/cds/pseudonyms.js';
import { createPrometheusMetrics } from '../../src/http/prometheus-metrics.js';
import { withAuditSpool, type SpooledStore } from '../../src/store/spooled-store.js';
import { readExampleRequest, testApp } from '../support/app.js';
import { fillableSpool, unreachableStore, type FillableSpool } from '../support/full-spool.js';
import { capturingLogger } from '../support/logs.js';

/** docs/deploying.md, section 2: the words /readyz says while the node cannot record audit. */
const CANNOT_RECORD =
  "audit cannot be recorded: neither the audit database nor this node's local audit spool accepts writes, so hook calls are refused; check the audit database and the free space on the disk of the node's data folder (details in the log)";
const SPOOLED_LOCALLY = 'audit store unavailable: cards are spooled locally';
/** The spool's retry interval here; recovery is awaited for many times that. */
const RETRY_MS = 50;
const PATH = '/cds-services/emd-patient-view';
/** Two cards (emd-cns, emd-soft-tissue), so two audit records. */
const HOOK_CALL = readExampleRequest('emd-and-cns');

let store: SpooledStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

interface LogLine {
  level: number;
  req?: { path: string };
  res?: { statusCode: number };
}

async function nodeWithDatabaseDown(): Promise<{
  app: Express;
  disk: FillableSpool;
  requestLog: () => LogLine[];
}> {
  const disk = fillableSpool();
  const { logger, lines } = capturingLogger('info');
  const metrics = createPrometheusMetrics();
  const spooled = withAuditSpool(await unreachableStore(), disk.spool, {
    logger: pino({ level: 'silent' }),
    metrics,
    retryMs: RETRY_MS,
  });
  store = spooled;
  const app = testApp({
    audit: { store: spooled, pseudonymise: pseudonymiser(randomBytes(32)) },
    health: () => ({ audit: spooled.health(), sharedStateDown: false }),
    metrics,
    logger,
  });
  const requestLog = () => lines.map((line) => JSON.parse(line) as LogLine);
  return { app, disk, requestLog };
}

/** /readyz, asked every 25 ms until it answers `status` (at most 2 s); the last answer. */
async function readyzOnceItAnswers(app: Express, status: number) {
  let answer = await request(app).get('/readyz');
  for (let i = 0; i < 80 && answer.status !== status; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    answer = await request(app).get('/readyz');
  }
  return answer;
}

describe('/readyz while the node cannot record audit', () => {
  it('answers 503 while neither the database nor the spool takes a call, then 200 "ready" once the disk is freed, with no call in between', async () => {
    const { app, disk, requestLog } = await nodeWithDatabaseDown();
    disk.fill();
    expect((await request(app).post(PATH).send(HOOK_CALL)).status).toBe(503);

    const refused = await request(app).get('/readyz');
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({
      status: 'cannot record audit',
      configHash: expect.any(String) as unknown,
      auditSpooled: 0,
      notReady: [CANNOT_RECORD],
    });
    expect((await request(app).get('/metrics')).text).toMatch(/^emd_cds_audit_cannot_record 1$/m);
    // The refused call is an error; the probe's 503 is its answer, at info (request-logging.ts).
    await new Promise((resolve) => setTimeout(resolve, 20));
    const levelOf = (path: string) =>
      requestLog().find((line) => line.req?.path === path && line.res?.statusCode === 503)?.level;
    expect([levelOf(PATH), levelOf('/readyz')]).toEqual([50, 30]);

    disk.free();
    const ready = await readyzOnceItAnswers(app, 200);
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ready',
      configHash: expect.any(String) as unknown,
      auditSpooled: 0,
    });
    expect((await request(app).get('/metrics')).text).toMatch(/^emd_cds_audit_cannot_record 0$/m);
  });

  it('answers 200 "degraded" after it, while records spooled before wait for the database', async () => {
    const { app, disk } = await nodeWithDatabaseDown();
    expect((await request(app).post(PATH).send(HOOK_CALL)).status).toBe(200);
    disk.fill();
    expect((await request(app).post(PATH).send(HOOK_CALL)).status).toBe(503);

    const refused = await request(app).get('/readyz');
    expect(refused.status).toBe(503);
    // Nothing is spooled while the spool refuses: the 200's "spooled locally" is not said.
    expect(refused.body).toEqual({
      status: 'cannot record audit',
      configHash: expect.any(String) as unknown,
      auditSpooled: 2,
      notReady: [CANNOT_RECORD],
    });

    disk.free();
    const degraded = await readyzOnceItAnswers(app, 200);
    expect(degraded.status).toBe(200);
    expect(degraded.body).toEqual({
      status: 'degraded',
      configHash: expect.any(String) as unknown,
      auditSpooled: 2,
      degraded: [SPOOLED_LOCALLY],
      // The reason as a field, which the console reads (web/console/readyz-report.ts).
      auditStoreDown: true,
    });
  });
});
