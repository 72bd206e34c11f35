/**
 * Hook-call counts the store could not take (./call-tally.ts), kept on the node's disk until
 * it can, as the audit's cards are (./audit-spool.ts). A table of its own in the same spool
 * file: one file per node to keep and never wipe while it holds something (docs/deploying.md),
 * fsynced per append as the cards are, on the disk that already holds them, and shared by the
 * node's cluster workers under the same SQLite file lock; its own table, so the cards' replay
 * (oldest first, by sequence number) never sees a count.
 *
 * Each batch gets an id when it is spooled. Counts are added, so a batch the store committed
 * and the node could not then delete (killed in between, or its disk full) would count twice
 * when replayed again; the store records the id with the counts and adds nothing for an id it
 * already holds (Store#recordHookCalls).
 */
import { randomUUID } from 'node:crypto';
import { openSpoolFile } from './audit-spool.js';
import type { HookCallCount, SuppressedCardCount } from './store.js';

export interface SpooledCounts {
  /** Its place in the spool, for `remove`. */
  seq: number;
  batchId: string;
  calls: HookCallCount[];
  suppressed: SuppressedCardCount[];
}

export interface CountSpool {
  /** Writes the counts as one new batch, durable (fsynced) on return; throws when it cannot. */
  append(calls: readonly HookCallCount[], suppressed: readonly SuppressedCardCount[]): void;
  /** The oldest batch waiting, or undefined when none is. */
  oldest(): SpooledCounts | undefined;
  /** Removes the batch at `seq` (gone already, when another worker replayed it: nothing). */
  remove(seq: number): void;
  /** Batches waiting. */
  depth(): number;
  close(): void;
}

export function openCountSpool(file: string): CountSpool {
  const db = openSpoolFile(file);
  db.exec(`CREATE TABLE IF NOT EXISTS spooled_count (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id TEXT NOT NULL UNIQUE,
    counts TEXT NOT NULL
  ) STRICT`);
  const insert = db.prepare<[string, string]>(
    'INSERT INTO spooled_count (batch_id, counts) VALUES (?, ?)',
  );
  const select = db.prepare('SELECT seq, batch_id, counts FROM spooled_count ORDER BY seq LIMIT 1');
  const deleteOne = db.prepare<[number]>('DELETE FROM spooled_count WHERE seq = ?');
  const count = db.prepare('SELECT count(*) AS n FROM spooled_count');
  return {
    append: (calls, suppressed) => {
      insert.run(randomUUID(), JSON.stringify({ calls, suppressed }));
    },
    oldest: () => {
      const row = select.get() as { seq: number; batch_id: string; counts: string } | undefined;
      if (row === undefined) return undefined;
      const counts = JSON.parse(row.counts) as Pick<SpooledCounts, 'calls' | 'suppressed'>;
      return { seq: row.seq, batchId: row.batch_id, ...counts };
    },
    remove: (seq) => {
      deleteOne.run(seq);
    },
    depth: () => (count.get() as { n: number }).n,
    close: () => {
      db.close();
    },
  };
}
