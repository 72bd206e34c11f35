/**
 * The SQLite store's reader thread (src/store/sqlite-thread-store.ts): the statistics run
 * there, at most 8 reads waiting or running at once (docs/architecture.md, "The store's
 * threads"), and closing the store closes it. The order of completion against a hook call is
 * tested over HTTP in test/http/stats-off-event-loop.test.ts.
 */
import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceError } from '../../src/errors.js';
import { openSqliteThreadStore } from '../../src/store/sqlite-thread-store.js';
import type { Store } from '../../src/store/store.js';
import { card } from './records.js';

const DAY = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };
const WAITING_READS = 8;

/** This process's open descriptors (every thread's) on the store's file and its -wal, -shm. */
function descriptorsOn(file: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith(file);
    } catch {
      return false; // closed while listing (readdir's own descriptor)
    }
  }).length;
}

describe('the SQLite store’s reader thread', () => {
  let dir: string;
  let file: string;
  let store: Store | undefined;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'emd-cds-reader-'));
    file = join(dir, 'emd-cds.sqlite');
    store = openSqliteThreadStore(file);
    await store.migrate();
    await store.recordCards([card({ cardUuid: 'one' })]);
  });
  afterEach(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a ninth statistics read while eight wait, as unavailable, and reads again once they are answered', async () => {
    const open = store as Store;
    const waiting = [
      ...Array.from({ length: WAITING_READS / 2 }, () => open.stats(DAY.from, DAY.to)),
      ...Array.from({ length: WAITING_READS / 2 }, () => open.hookCalls(DAY.from, DAY.to)),
    ];
    for (const read of [
      () => open.stats(DAY.from, DAY.to),
      () => open.dailyStats(DAY.from, DAY.to),
      () => open.hookCalls(DAY.from, DAY.to),
    ]) {
      const refused = await read().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(ServiceError);
      expect(refused).toMatchObject({ code: 'unavailable' });
    }
    await Promise.all(waiting);
    const days = await open.dailyStats(DAY.from, DAY.to);
    expect(days).toEqual([
      {
        day: '2026-03-01',
        ruleId: 'emd-cns',
        served: 1,
        accepted: 0,
        overridden: 0,
        unanswered: 1,
      },
    ]);
  });

  it.skipIf(!existsSync('/proc/self/fd'))(
    'closes the reader thread’s connection with the store (no descriptor on the file is left)',
    async () => {
      const open = store as Store;
      const stats = await open.stats(DAY.from, DAY.to);
      expect(stats.map((rule) => rule.served)).toEqual([1]);
      await open.lastOverride('emd-cns', 'patient-key-1', '', DAY.from);
      expect(descriptorsOn(file)).toBeGreaterThan(0);
      await open.close();
      store = undefined;
      expect(descriptorsOn(file)).toBe(0);
    },
  );
});
