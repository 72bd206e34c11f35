/**
 * "Cannot record audit" on a real full disk (docs/deploying.md, section 2): the node's data
 * folder is a 1 MB tmpfs, the database is down, and the disk is filled by another file until
 * the kernel says ENOSPC. The spool's write then fails with SQLite's "database or disk is
 * full", the node cannot record audit, and its own re-check finds the space once the other
 * file is deleted: no call in between. Needs root (mount -t tmpfs); skipped, saying so, when
 * the mount is refused.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, rmdirSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { openAuditSpool, SPOOL_FILE } from '../../src/store/audit-spool.js';
import { NO_RESILIENCE_METRICS } from '../../src/store/resilience-metrics.js';
import { withAuditSpool } from '../../src/store/spooled-store.js';
import { DISK_FULL, unreachableStore } from '../support/full-spool.js';
import { card } from './records.js';

const RETRY_MS = 50;
const mountPoint = mkdtempSync(join(tmpdir(), 'emd-cds-full-disk-'));

function mountTmpfs(): string | undefined {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint], {
      stdio: 'pipe',
    });
    return undefined;
  } catch (error) {
    return `disk-full test skipped: cannot mount a 1 MB tmpfs (needs root): ${error instanceof Error ? error.message.split('\n', 1)[0] : String(error)}`;
  }
}

const skipReason = mountTmpfs();
if (skipReason) console.warn(skipReason);

afterAll(() => {
  if (!skipReason) execFileSync('umount', [mountPoint]);
  rmdirSync(mountPoint);
});

/** Writes a file until the disk refuses more (ENOSPC); its path. */
function fillDisk(): string {
  const filler = join(mountPoint, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return filler;
}

describe.skipIf(skipReason !== undefined)('a node whose data folder is full', () => {
  it('cannot record audit while the disk is full, and can again once space is freed, with no call', async () => {
    const spool = openAuditSpool(join(mountPoint, SPOOL_FILE));
    const store = withAuditSpool(await unreachableStore(), spool, {
      logger: pino({ level: 'silent' }),
      metrics: NO_RESILIENCE_METRICS,
      retryMs: RETRY_MS,
    });
    try {
      await store.recordCards([card({ cardUuid: 'before' })]);
      const filler = fillDisk();
      await expect(store.recordCards([card({ cardUuid: 'lost' })])).rejects.toThrow(DISK_FULL);
      expect(store.health()).toEqual({ degraded: true, spooled: 1, cannotRecord: true });
      // Re-checks on a full disk fail too.
      await new Promise((resolve) => setTimeout(resolve, 4 * RETRY_MS));
      expect(store.health().cannotRecord).toBe(true);

      rmSync(filler);
      for (let i = 0; i < 40 && store.health().cannotRecord; i += 1)
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      expect(store.health()).toEqual({ degraded: true, spooled: 1, cannotRecord: false });
      expect(spool.oldest(10)?.records.map((r) => r.cardUuid)).toEqual(['before']);
    } finally {
      await store.close();
    }
  });
});
