/**
 * Hook-call counts through a store outage (src/store/call-tally.ts, src/store/count-spool.ts):
 * a flush the store refuses writes the counts to the node's spool file, where a tally opened
 * later on the same file (the node restarted after kill -9, or another cluster worker) adds
 * them once the store answers; a batch replayed again after the store committed it adds
 * nothing; and a spool that refuses too leaves them in memory, said so. Real SQLite files;
 * the database that is down is a real PostgreSQL client pointed at a closed loopback port.
 * The expected totals are the calls the test makes, counted by hand.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SPOOL_FILE } from '../../src/store/audit-spool.js';
import { callTally, type TallyState, type TallyWaiting } from '../../src/store/call-tally.js';
import { openCountSpool } from '../../src/store/count-spool.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { closedPort } from '../support/closed-port.js';
import { DISK_FULL } from '../support/full-spool.js';

const DAY = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };
const none = { info: 0, warning: 0, critical: 0 };
let toClose: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of toClose.reverse()) await close();
  toClose = [];
});

/** A PostgreSQL store on a loopback port with nothing listening: every write is refused. */
async function deadStore(): Promise<Store> {
  const port = await closedPort();
  const store = openPostgresStore(`postgres://nobody:nothing@127.0.0.1:${String(port)}/none`);
  toClose.push(() => store.close());
  return store;
}

async function liveStore(dir: string): Promise<Store> {
  const store = openSqliteStore(join(dir, 'emd-cds.sqlite'));
  await store.migrate();
  toClose.push(() => store.close());
  return store;
}

/** `real`, whose hook call counts are refused while `isDown`. */
function switchable(real: Store) {
  const state = { isDown: true };
  const store: Pick<Store, 'recordHookCalls'> = {
    recordHookCalls: (...args) =>
      state.isDown
        ? Promise.reject(new Error('connect ECONNREFUSED 10.0.0.7:5432'))
        : real.recordHookCalls(...args),
  };
  return { store, state };
}

const at = (time: string) => new Date(`2026-03-01T${time}Z`);

describe('hook call counts in the spool', () => {
  it('keeps the counts of a tally dropped during an outage, and a new one adds them once the store answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emd-cds-count-spool-'));
    const spoolFile = join(dir, SPOOL_FILE);
    const states: TallyState[] = [];
    const crashed = callTally(await deadStore(), {
      spool: openCountSpool(spoolFile),
      onState: (state) => states.push(state),
    });
    crashed.count('emd-patient-view', at('10:15:00'));
    crashed.count('emd-patient-view', at('10:40:00'), [
      { ruleId: 'emd-cns', indicator: 'critical' },
    ]);
    crashed.count('emd-imaging-review', at('11:05:00'));
    await crashed.flush();
    expect(states).toEqual(['spooled']);
    // The first process is never closed (as after kill -9); the next opens the same spool.
    const database = await liveStore(dir);
    const restarted = callTally(database, { spool: openCountSpool(spoolFile) });
    toClose.push(() => restarted.close());
    await restarted.flush();

    expect(await database.hookCalls(DAY.from, DAY.to)).toEqual([
      { serviceId: 'emd-imaging-review', calls: 1 },
      { serviceId: 'emd-patient-view', calls: 2 },
    ]);
    const stats = await database.stats(DAY.from, DAY.to);
    expect(stats.map((s) => [s.ruleId, s.suppressed])).toEqual([
      ['emd-cns', { cards: 1, byIndicator: { ...none, critical: 1 } }],
    ]);
    const spool = openCountSpool(spoolFile);
    toClose.push(() => {
      spool.close();
    });
    expect(spool.depth()).toBe(0);
  });

  it('adds a spooled batch once when it is replayed again after the store committed it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emd-cds-count-spool-'));
    const spoolFile = join(dir, SPOOL_FILE);
    const database = await liveStore(dir);
    const dying = openCountSpool(spoolFile);
    dying.append(
      [{ hourStart: '2026-03-01T10:00:00.000Z', serviceId: 'emd-patient-view', calls: 4 }],
      [
        {
          hourStart: '2026-03-01T10:00:00.000Z',
          serviceId: 'emd-patient-view',
          ruleId: 'emd-cns',
          indicator: 'warning',
          cards: 2,
        },
      ],
    );
    // The crash window: the store has committed the batch, the spool still holds it.
    const batch = dying.oldest();
    if (batch === undefined) throw new Error('the batch was not spooled');
    expect(await database.recordHookCalls(batch.calls, batch.suppressed, batch.batchId)).toBe(true);
    dying.close();

    const restarted = callTally(database, { spool: openCountSpool(spoolFile) });
    toClose.push(() => restarted.close());
    await restarted.flush();
    expect(await database.hookCalls(DAY.from, DAY.to)).toEqual([
      { serviceId: 'emd-patient-view', calls: 4 },
    ]);
    const [stats] = await database.stats(DAY.from, DAY.to);
    expect(stats?.suppressed).toEqual({ cards: 2, byIndicator: { ...none, warning: 2 } });
    const spool = openCountSpool(spoolFile);
    toClose.push(() => {
      spool.close();
    });
    expect(spool.depth()).toBe(0);
  });

  it('adds each batch once when two workers of the node replay the shared spool at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emd-cds-count-spool-'));
    const spoolFile = join(dir, SPOOL_FILE);
    const worker = callTally(await deadStore(), { spool: openCountSpool(spoolFile) });
    toClose.push(() => worker.close());
    // Three flushes the store refuses: three batches of 1, 2 and 3 calls.
    for (const calls of [1, 2, 3]) {
      for (let i = 0; i < calls; i += 1) worker.count('emd-patient-view', at('10:15:00'));
      await worker.flush();
    }
    const database = await liveStore(dir);
    const workerA = callTally(database, { spool: openCountSpool(spoolFile) });
    const workerB = callTally(database, { spool: openCountSpool(spoolFile) });
    toClose.push(
      () => workerA.close(),
      () => workerB.close(),
    );
    await Promise.all([workerA.flush(), workerB.flush()]);
    expect(await database.hookCalls(DAY.from, DAY.to)).toEqual([
      { serviceId: 'emd-patient-view', calls: 6 },
    ]);
  });

  it('keeps the counts in memory when the spool refuses them too, says so, and adds them once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emd-cds-count-spool-'));
    const spoolFile = join(dir, SPOOL_FILE);
    const database = await liveStore(dir);
    const { store, state } = switchable(database);
    const states: [TallyState, string][] = [];
    // A full disk: every write to the spool fails with SQLite's own message, reads answer.
    const real = openCountSpool(spoolFile);
    const tally = callTally(store, {
      spool: {
        ...real,
        append: () => {
          throw new Error(DISK_FULL);
        },
      },
      onState: (where, problem) =>
        states.push([where, problem instanceof Error ? problem.message : String(problem)]),
    });
    toClose.push(() => tally.close());
    tally.count('emd-patient-view', at('10:15:00'));
    tally.count('emd-patient-view', at('10:20:00'));
    await tally.flush();
    await tally.flush(); // still refused: kept, and said once
    expect(states).toEqual([
      ['in memory', `store: connect ECONNREFUSED 10.0.0.7:5432; spool: ${DISK_FULL}`],
    ]);

    state.isDown = false;
    tally.count('emd-patient-view', at('10:25:00'));
    await tally.flush();
    await tally.flush(); // nothing left: adds nothing
    expect(states.map(([where]) => where)).toEqual(['in memory', 'stored']);
    expect(await database.hookCalls(DAY.from, DAY.to)).toEqual([
      { serviceId: 'emd-patient-view', calls: 3 },
    ]);
  });

  it('says when the spooled counts are added, once the store answers again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emd-cds-count-spool-'));
    const database = await liveStore(dir);
    const { store, state } = switchable(database);
    const states: TallyState[] = [];
    const tally = callTally(store, {
      spool: openCountSpool(join(dir, SPOOL_FILE)),
      onState: (where) => states.push(where),
    });
    toClose.push(() => tally.close());
    tally.count('emd-patient-view', at('10:15:00'));
    await tally.flush();
    await tally.flush(); // nothing in memory, the spool not replayed: still spooled
    state.isDown = false;
    await tally.flush();
    expect(states).toEqual(['spooled', 'stored']);
    expect(await database.hookCalls(DAY.from, DAY.to)).toEqual([
      { serviceId: 'emd-patient-view', calls: 1 },
    ]);
  });

  it('tells /metrics what waits after each flush: spooled batches, then calls in memory, then none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emd-cds-count-spool-'));
    const database = await liveStore(dir);
    const { store, state } = switchable(database);
    const real = openCountSpool(join(dir, SPOOL_FILE));
    let isDiskFull = false;
    const told: TallyWaiting[] = [];
    const tally = callTally(store, {
      spool: {
        ...real,
        append: (calls, suppressed) => {
          if (isDiskFull) throw new Error(DISK_FULL);
          real.append(calls, suppressed);
        },
      },
      onWaiting: (waiting) => told.push(waiting),
    });
    toClose.push(() => tally.close());

    // The store down: two flushes with calls spool two batches.
    tally.count('emd-patient-view', at('10:15:00'));
    await tally.flush();
    tally.count('emd-patient-view', at('10:16:00'));
    tally.count('emd-imaging-review', at('10:17:00'));
    await tally.flush();
    // The spool's disk full too: three calls wait in this process's memory.
    isDiskFull = true;
    for (const time of ['10:18:00', '10:19:00', '10:20:00']) {
      tally.count('emd-patient-view', at(time));
    }
    await tally.flush();
    // Both back: the calls in memory are stored and the two batches replayed.
    state.isDown = false;
    isDiskFull = false;
    await tally.flush();
    await tally.flush(); // nothing waits, as the last flush said: not told again

    expect(told).toEqual([
      { spooledBatches: 1, callsInMemory: 0 },
      { spooledBatches: 2, callsInMemory: 0 },
      { spooledBatches: 2, callsInMemory: 3 },
      { spooledBatches: 0, callsInMemory: 0 },
    ]);
    expect(await database.hookCalls(DAY.from, DAY.to)).toEqual([
      { serviceId: 'emd-imaging-review', calls: 1 },
      { serviceId: 'emd-patient-view', calls: 5 },
    ]);
  });
});
