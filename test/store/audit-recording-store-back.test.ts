/**
 * "Cannot record audit" ends when either place a call's audit may go accepts writes again
 * (docs/deploying.md, section 2, "Database down"): here the database comes back while the
 * spool's disk is still full. The node re-checked only its spool, so it stayed 503 until
 * space was freed, although calls could be audited in the database. The check writes to the
 * real store (SQLite; PostgreSQL when EMD_CDS_TEST_POSTGRES_URL is set), and leaves no audit
 * row behind for the statistics to count. The database's outage is a switch over the real
 * store (test/support/full-spool.ts), as the spool's full disk is.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_RESILIENCE_METRICS } from '../../src/store/resilience-metrics.js';
import { withAuditSpool, type SpooledStore } from '../../src/store/spooled-store.js';
import type { Store } from '../../src/store/store.js';
import {
  DISK_FULL,
  fillableSpool,
  switchableStore,
  type FillableSpool,
  type SwitchableStore,
} from '../support/full-spool.js';
import { capturingLogger } from '../support/logs.js';
import { card } from './records.js';
import { STORE_TARGETS, suiteName, useFreshStore, warnSkipped } from './targets.js';

const RETRY_MS = 100;
/** Every card the tests write, and every write check, falls in this period. */
const ALL_TIME = ['2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z'] as const;

warnSkipped();

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(suiteName(target), () => {
    const real = useFreshStore(target);
    let database: SwitchableStore;
    let disk: FillableSpool;
    let node: SpooledStore;

    beforeEach(() => {
      database = switchableStore(real());
      disk = fillableSpool();
      // useFreshStore closes the real store (a pool closed twice throws): not the node.
      const owned = { ...database.store, close: () => Promise.resolve() };
      node = withAuditSpool(owned, disk.spool, {
        logger: capturingLogger('info').logger,
        metrics: NO_RESILIENCE_METRICS,
        retryMs: RETRY_MS,
      });
    });
    afterEach(async () => {
      await node.close();
    });

    const call = (uuid: string) => node.recordCards([card({ cardUuid: uuid })]);
    const servedIn = async (store: Store) =>
      (await store.stats(...ALL_TIME)).reduce((sum, rule) => sum + rule.served, 0);

    /** The database down, the disk full: a call fails and the node cannot record audit. */
    async function cannotRecord() {
      database.down();
      disk.fill();
      await expect(call('lost')).rejects.toThrow(DISK_FULL);
      expect(node.health().cannotRecord).toBe(true);
    }

    it('stays unable to record while neither accepts, re-checking both', async () => {
      await cannotRecord();
      await sleep(3 * RETRY_MS);
      expect(disk.checks()).toBeGreaterThanOrEqual(2);
      expect(node.health().cannotRecord).toBe(true);
    });

    it('recovers with the database back and the disk still full, with no call, and audits the next call there', async () => {
      await cannotRecord();
      await sleep(2 * RETRY_MS);
      database.up();
      await expect.poll(() => node.health().cannotRecord, { timeout: 10 * RETRY_MS }).toBe(false);
      // The checks left no audit row: the statistics count no card.
      expect(await servedIn(real())).toBe(0);
      await call('served');
      expect((await real().servedCards(['served', 'lost'])).map((c) => c.cardUuid)).toEqual([
        'served',
      ]);
      expect(await servedIn(real())).toBe(1);
    });

    it('audits a call in the database once back while earlier records still wait in the full spool', async () => {
      database.down();
      await call('spooled');
      expect(node.health()).toMatchObject({ degraded: true, spooled: 1 });
      await cannotRecord();
      database.up();
      await expect.poll(() => node.health().cannotRecord, { timeout: 10 * RETRY_MS }).toBe(false);
      await call('served');
      expect((await real().servedCards(['served'])).map((c) => c.cardUuid)).toEqual(['served']);
      expect(node.health().cannotRecord).toBe(false);
    });
  });
}
