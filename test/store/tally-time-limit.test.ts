/**
 * The hook-call tally's writes are bounded in time, as every other call the node makes to its
 * audit database (src/store/call-tally.ts): a database that holds the write (a lock on the
 * counts' table, as a long migration or a stuck session holds it) no longer holds every later
 * flush behind it with the counts in memory. The late write is left to finish: what it
 * commits is not added again, what it fails to commit goes to the spool; the counts tallied
 * meanwhile go to the spool. Real databases and real locks, as feedback-time-limit.test.ts
 * takes them. The expected totals are the calls the test makes, counted by hand.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SPOOL_FILE } from '../../src/store/audit-spool.js';
import {
  callTally,
  type CallTally,
  type TallyState,
  type TallyWaiting,
} from '../../src/store/call-tally.js';
import { openCountSpool } from '../../src/store/count-spool.js';
import type { Store } from '../../src/store/store.js';
import { lockTable } from './table-lock.js';
import { STORE_TARGETS, suiteName, warnSkipped } from './targets.js';

warnSkipped();

/** Far below the lock's length: the flush must end while the lock is still held. */
const WRITE_TIMEOUT_MS = 300;
const DAY = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };
const at = (time: string) => new Date(`2026-03-01T${time}Z`);

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

interface Setup {
  store: Store;
  tally: CallTally;
  states: TallyState[];
  told: TallyWaiting[];
  lock(): Promise<() => Promise<void>>;
}

async function setUp(target: (typeof STORE_TARGETS)[number]): Promise<Setup> {
  const place = await target.create();
  const store = place.open();
  await store.migrate();
  const states: TallyState[] = [];
  const told: TallyWaiting[] = [];
  const spoolDir = mkdtempSync(join(tmpdir(), 'emd-cds-tally-limit-'));
  const tally = callTally(store, {
    spool: openCountSpool(join(spoolDir, SPOOL_FILE)),
    writeTimeoutMs: WRITE_TIMEOUT_MS,
    onState: (state) => states.push(state),
    onWaiting: (waiting) => told.push(waiting),
  });
  cleanups.push(async () => {
    await tally.close();
    await store.close();
    await place.drop();
  });
  return {
    store,
    tally,
    states,
    told,
    lock: () => lockTable(target.kind, place, 'hook_call_count'),
  };
}

/** Flushes until the tally says nothing waits, as its 5 s timer would; bounded. */
async function flushUntilStored(setup: Setup): Promise<void> {
  for (let i = 0; i < 200 && setup.states.at(-1) !== 'stored'; i += 1) {
    await setup.tally.flush();
    if (setup.states.at(-1) !== 'stored') await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(suiteName(target), () => {
    it('ends a flush the database holds, spools what comes meanwhile, and adds each call once', async () => {
      const setup = await setUp(target);
      const { tally, states, told } = setup;
      const unlock = await setup.lock();
      let released = false;
      const release = async () => {
        if (released) return;
        released = true;
        await unlock();
      };
      cleanups.push(release);

      tally.count('emd-patient-view', at('10:15:00'));
      tally.count('emd-patient-view', at('10:16:00'));
      await tally.flush();
      // Ended while the lock was still held: its two calls wait on the database's answer.
      expect(released).toBe(false);
      expect(states).toEqual(['awaiting the store']);
      expect(told.at(-1)).toEqual({ spooledBatches: 0, callsInMemory: 2 });

      tally.count('emd-imaging-review', at('10:17:00'));
      await tally.flush();
      // Not sent to the database that still holds the first write: spooled.
      expect(released).toBe(false);
      expect(states).toEqual(['awaiting the store', 'spooled']);
      expect(told.at(-1)).toEqual({ spooledBatches: 1, callsInMemory: 2 });

      await release();
      await flushUntilStored(setup);
      expect(states.at(-1)).toBe('stored');
      expect(told.at(-1)).toEqual({ spooledBatches: 0, callsInMemory: 0 });
      expect(await setup.store.hookCalls(DAY.from, DAY.to)).toEqual([
        { serviceId: 'emd-imaging-review', calls: 1 },
        { serviceId: 'emd-patient-view', calls: 2 },
      ]);
    });
  });
}

describe('SQLite: a late write that fails after all', () => {
  it('sends its counts to the spool when SQLite gives up waiting for the lock, and adds them once', async () => {
    const sqlite = STORE_TARGETS.find((target) => target.kind === 'sqlite');
    if (sqlite === undefined) throw new Error('no SQLite target');
    const setup = await setUp(sqlite);
    const { tally, states } = setup;
    const unlock = await setup.lock();
    cleanups.push(unlock);

    tally.count('emd-patient-view', at('10:15:00'));
    tally.count('emd-patient-view', at('10:16:00'));
    tally.count('emd-patient-view', at('10:17:00'));
    await tally.flush();
    expect(states).toEqual(['awaiting the store']);
    // SQLite's busy timeout (5 s) ends the held write with SQLITE_BUSY: its counts are spooled.
    for (let i = 0; i < 200 && states.at(-1) !== 'spooled'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(states).toEqual(['awaiting the store', 'spooled']);

    await unlock();
    cleanups.pop();
    await flushUntilStored(setup);
    expect(await setup.store.hookCalls(DAY.from, DAY.to)).toEqual([
      { serviceId: 'emd-patient-view', calls: 3 },
    ]);
  }, 20_000);
});
