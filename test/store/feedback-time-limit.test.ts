/**
 * Storing feedback is bounded in time, as every other call the node makes to its audit
 * database (src/store/spooled-store.ts): a database that holds the write (a lock on the
 * feedback table, as a long migration or a stuck session holds it) gets a 503 the CDS client
 * retries, not a call that hangs with a pooled connection for as long as the lock lasts. Real
 * databases and real locks: SQLite through a second connection's write transaction (its own
 * busy timeout, 5 s, would end the wait too), PostgreSQL through `LOCK TABLE` in another
 * session, which nothing in the store would otherwise end.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openAuditSpool } from '../../src/store/audit-spool.js';
import { NO_RESILIENCE_METRICS } from '../../src/store/resilience-metrics.js';
import { withAuditSpool } from '../../src/store/spooled-store.js';
import { feedback } from './records.js';
import { lockTable } from './table-lock.js';
import { STORE_TARGETS, suiteName, warnSkipped } from './targets.js';

warnSkipped();

/** Far below the lock's length: the answer must come while the lock is still held. */
const WRITE_TIMEOUT_MS = 300;
const LOCK_HELD_AT_MOST_MS = 15_000;

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(suiteName(target), () => {
    it('answers 503 (unavailable) while a lock holds the feedback table, and stores it once free', async () => {
      const place = await target.create();
      const inner = place.open();
      await inner.migrate();
      const spoolDir = mkdtempSync(join(tmpdir(), 'emd-cds-spool-'));
      const store = withAuditSpool(inner, openAuditSpool(join(spoolDir, 'spool.sqlite')), {
        logger: pino({ level: 'silent' }),
        metrics: NO_RESILIENCE_METRICS,
        retryMs: 50,
        writeTimeoutMs: WRITE_TIMEOUT_MS,
      });
      cleanups.push(async () => {
        await store.close();
        await place.drop();
      });

      const unlock = await lockTable(target.kind, place, 'feedback');
      let released = false;
      const release = async () => {
        if (released) return;
        released = true;
        await unlock();
      };
      cleanups.push(release);
      const lockEnds = setTimeout(() => void release(), LOCK_HELD_AT_MOST_MS);
      cleanups.push(() => {
        clearTimeout(lockEnds);
        return Promise.resolve();
      });

      const answer = await store.recordFeedback([feedback({ cardUuid: 'card-held' })]).then(
        () => 'stored',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      // Answered while the lock was still held: a retryable refusal, not a hang.
      expect(released).toBe(false);
      expect(answer).toMatch(/try again shortly/);

      await release();
      // The client's retry, once the database answers again: stored (the store comes back up
      // after its replay check).
      let retried = 'not yet';
      for (let i = 0; i < 200 && retried !== 'stored'; i += 1) {
        retried = await store.recordFeedback([feedback({ cardUuid: 'card-held' })]).then(
          () => 'stored',
          () => 'refused',
        );
        if (retried !== 'stored') await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(retried).toBe('stored');
    });
  });
}
