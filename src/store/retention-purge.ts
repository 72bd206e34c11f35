/**
 * The audit retention purge, in batches (issue #19: one request must never stall the
 * service). The first purge after months, or after `store.retentionDays` is lowered, deletes
 * hundreds of thousands of rows. As one transaction it would hold SQLite's write lock, and
 * the writer thread, until it ended, while every hook call's audit commit (which the call
 * awaits) queued behind it; in PostgreSQL one long DELETE holds its row locks and its
 * snapshot as long. Here each batch deletes at most PURGE_BATCH_ROWS rows in a transaction
 * of its own, and the store lets queued writes run between batches.
 */
import type { Dialect } from './migration-sql.js';

/**
 * Rows one batch deletes: a few milliseconds of work and one commit, so a hook call's audit
 * waits at most that long for a batch, and 100k rows take 50 commits.
 */
export const PURGE_BATCH_ROWS = 2000;

/** Each purged table and its time column (indexed, or the first column of the primary key). */
const PURGED_TABLES = [
  { table: 'feedback', time: 'received_at' },
  { table: 'card_audit', time: 'served_at' },
  { table: 'hook_call_count', time: 'hour_start' },
  { table: 'suppressed_card_count', time: 'hour_start' },
  // A batch id applied before the cutoff can only guard counts of hours before it, which this
  // purge deletes too: a replay after it would add rows the next purge deletes, in hours no
  // period after the cutoff reads (migration-sql.ts, countBatchSchema).
  { table: 'hook_call_batch', time: 'applied_at' },
] as const;

/**
 * One batch's DELETE per table, taking (cutoff, limit). Oldest first, through the time
 * column's index, so the subquery reads only the rows it deletes; the rows are named by
 * SQLite's rowid or PostgreSQL's ctid, which every table has whatever its primary key.
 * `= ANY(ARRAY(…))` lets PostgreSQL fetch them by a TID scan (`IN (subquery)` would join).
 */
export function purgeBatchSql(dialect: Dialect): string[] {
  return PURGED_TABLES.map(({ table, time }) => {
    const oldest = `FROM ${table} WHERE ${time} < ? ORDER BY ${time} LIMIT ?`;
    return dialect === 'sqlite'
      ? `DELETE FROM ${table} WHERE rowid IN (SELECT rowid ${oldest})`
      : `DELETE FROM ${table} WHERE ctid = ANY(ARRAY(SELECT ctid ${oldest}))`;
  });
}

/**
 * Runs `deleteBatch` over each table's batch SQL until a batch deletes nothing, that is until
 * no row older than the cutoff is left; returns the rows deleted in all. `deleteBatch` runs
 * one batch in its own transaction and resolves with the rows it deleted.
 */
export async function purgeInBatches(
  dialect: Dialect,
  deleteBatch: (sql: string, limit: number) => Promise<number>,
): Promise<number> {
  let total = 0;
  for (const sql of purgeBatchSql(dialect)) {
    for (;;) {
      const deleted = await deleteBatch(sql, PURGE_BATCH_ROWS);
      total += deleted;
      if (deleted === 0) break;
    }
  }
  return total;
}
