/**
 * "Cannot record audit" (docs/deploying.md, section 2, "Database down"): a hook call whose
 * audit neither the database nor the node's spool can take fails, and the node is in that
 * state until a write succeeds. It re-checks the spool by itself once per spool retry
 * interval (no call needed), and a call's audit that succeeds ends it too. One error line
 * when it begins, one info line when it ends; the gauge emd_cds_audit_cannot_record follows.
 * The database is down throughout; the spool's disk is filled and freed (test/support/full-spool.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_RESILIENCE_METRICS } from '../../src/store/resilience-metrics.js';
import { withAuditSpool, type SpooledStore } from '../../src/store/spooled-store.js';
import {
  DISK_FULL,
  fillableSpool,
  unreachableStore,
  type FillableSpool,
} from '../support/full-spool.js';
import { capturingLogger } from '../support/logs.js';
import { card } from './records.js';

const RETRY_MS = 2000;
const ERROR = 50;
const INFO = 30;

let disk: FillableSpool;
let store: SpooledStore;
let gauge: boolean[];
let logged: () => { level: number; msg: string; problem?: string }[];

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  disk = fillableSpool();
  const { logger, lines } = capturingLogger('info');
  logged = () => lines.map((line) => JSON.parse(line) as ReturnType<typeof logged>[number]);
  gauge = [];
  const metrics = {
    ...NO_RESILIENCE_METRICS,
    auditCannotRecord: (cannot: boolean) => gauge.push(cannot),
  };
  store = withAuditSpool(await unreachableStore(), disk.spool, {
    logger,
    metrics,
    retryMs: RETRY_MS,
  });
});

afterEach(async () => {
  vi.useRealTimers();
  await store.close();
});

const call = (uuid: string) => store.recordCards([card({ cardUuid: uuid })]);

/** A call on a full disk: it must fail, and the node then cannot record audit. */
async function failOnFullDisk(uuid = 'lost') {
  disk.fill();
  await expect(call(uuid)).rejects.toThrow(DISK_FULL);
}

describe('the node cannot record audit', () => {
  it('from a call whose audit neither the database nor the spool takes', async () => {
    await failOnFullDisk();
    expect(store.health()).toEqual({ degraded: true, spooled: 0, cannotRecord: true });
    expect(gauge).toEqual([true]);
  });

  it('stays so, re-checking once per retry interval, while the disk stays full', async () => {
    await failOnFullDisk();
    await vi.advanceTimersByTimeAsync(3 * RETRY_MS);
    expect(disk.checks()).toBe(3);
    expect(store.health().cannotRecord).toBe(true);
  });

  it('ends within one retry interval of the disk freed, with no call, and is ready again', async () => {
    await failOnFullDisk();
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    disk.free();
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    // Nothing waits in the spool: "ready" (the next call tries the database again).
    expect(store.health()).toEqual({ degraded: false, spooled: 0, cannotRecord: false });
    expect(gauge).toEqual([true, false]);
    // The check leaves nothing behind in the spool.
    expect(disk.spool.depth()).toBe(0);
  });

  it("ends at once when a call's audit is spooled again", async () => {
    await failOnFullDisk();
    disk.free();
    await call('served');
    expect(store.health()).toEqual({ degraded: true, spooled: 1, cannotRecord: false });
    expect(disk.checks()).toBe(0);
  });

  it('stays degraded after it ends while earlier records wait in the spool', async () => {
    await call('spooled-1');
    await call('spooled-2');
    await failOnFullDisk();
    disk.free();
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(store.health()).toEqual({ degraded: true, spooled: 2, cannotRecord: false });
    expect(disk.spool.oldest(10)?.records.map((r) => r.cardUuid)).toEqual([
      'spooled-1',
      'spooled-2',
    ]);
  });

  it('is logged once at error when it begins, with the cause, and once at info when it ends', async () => {
    await failOnFullDisk('lost-1');
    await expect(call('lost-2')).rejects.toThrow(DISK_FULL);
    await vi.advanceTimersByTimeAsync(2 * RETRY_MS);
    disk.free();
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    const lines = logged().filter((line) => line.level !== 40);
    expect(lines.map(({ level, problem }) => ({ level, problem }))).toEqual([
      { level: ERROR, problem: DISK_FULL },
      { level: INFO, problem: undefined },
    ]);
    expect(lines[0]?.msg).toMatch(/^audit cannot be recorded/);
    expect(lines[1]?.msg).toMatch(/^audit can be recorded again/);
  });
});
