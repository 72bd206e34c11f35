/**
 * A write lock on one table of a test store, held by another connection until released, as a
 * long migration or a stuck session holds one: SQLite through a second connection's write
 * transaction (the store's own busy timeout, 5 s, ends a write's wait on it), PostgreSQL
 * through `LOCK TABLE` in another session, which nothing in the store would otherwise end.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import type { StoreKind, TestLocation } from './targets.js';

/** Holds the lock; resolves, once it is held, to its release. */
export async function lockTable(
  kind: StoreKind,
  place: TestLocation,
  table: 'feedback' | 'hook_call_count',
): Promise<() => Promise<void>> {
  if (kind === 'sqlite') {
    const other = new Database(place.location);
    other.exec('BEGIN IMMEDIATE');
    other.exec(`DELETE FROM ${table} WHERE 0`);
    return () => {
      other.exec('ROLLBACK');
      other.close();
      return Promise.resolve();
    };
  }
  const client = new pg.Client({ connectionString: place.location });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  return async () => {
    await client.query('ROLLBACK');
    await client.end();
  };
}
