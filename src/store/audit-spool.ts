/**
 * The node-local audit spool (issue #16): when the audit database cannot take a hook
 * call's cards, they are written here first and the call still answers. An SQLite file in
 * the node's own data folder, synchronous = FULL (each append is fsynced before it
 * returns, as the database commit is), so a spooled record survives kill -9 and power
 * loss as a committed one would. Records leave the spool only after the database has
 * committed them (src/store/spooled-store.ts), oldest first.
 */
import Database from 'better-sqlite3';
import { makePrivateFile } from './private-file.js';
import { BUSY_TIMEOUT_MS } from './sqlite-store.js';
import type { CardAuditRecord } from './store.js';

export interface SpooledBatch {
  /** The sequence number of the last record in the batch; `remove(upTo)` takes them out. */
  upTo: number;
  records: CardAuditRecord[];
}

export interface AuditSpool {
  /** Appends all records in one transaction, durable (fsynced) when it returns; throws when it cannot. */
  append(records: readonly CardAuditRecord[]): void;
  /** Records waiting for the database. */
  depth(): number;
  /** The oldest `limit` records, in the order they were appended; undefined when empty. */
  oldest(limit: number): SpooledBatch | undefined;
  /** Removes every record up to and including sequence number `upTo`. */
  remove(upTo: number): void;
  /**
   * Writes a record of an audit record's size and removes it in one transaction, fsynced as
   * `append` is; throws when the spool cannot take a write. Leaves the spool as it was.
   */
  checkWritable(): void;
  close(): void;
}

/** The spool file's name inside a node's data folder. */
export const SPOOL_FILE = 'audit-spool.sqlite';

/** What `checkWritable` writes: never read, as it is removed in the transaction that wrote it. */
const CHECK_RECORD = JSON.stringify({ check: 'x'.repeat(2048) });

/**
 * A connection to the node's spool file, each commit fsynced before it returns. The audit's
 * records and the hook-call counts (./count-spool.ts) each open their own, on their own table.
 */
export function openSpoolFile(file: string): Database.Database {
  makePrivateFile(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Cluster workers share the node's spool; SQLite's file lock orders them.
  db.pragma(`busy_timeout = ${String(BUSY_TIMEOUT_MS)}`);
  return db;
}

export function openAuditSpool(file: string): AuditSpool {
  const db = openSpoolFile(file);
  // AUTOINCREMENT: sequence numbers never go back, so order survives a spool emptied and refilled.
  db.exec(`CREATE TABLE IF NOT EXISTS spooled_card (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    record TEXT NOT NULL
  ) STRICT`);
  const insert = db.prepare<[string]>('INSERT INTO spooled_card (record) VALUES (?)');
  const count = db.prepare('SELECT count(*) AS n FROM spooled_card');
  const select = db.prepare<[number]>('SELECT seq, record FROM spooled_card ORDER BY seq LIMIT ?');
  const deleteUpTo = db.prepare<[number]>('DELETE FROM spooled_card WHERE seq <= ?');
  const deleteOne = db.prepare<[number | bigint]>('DELETE FROM spooled_card WHERE seq = ?');
  const appendAll = db.transaction((records: readonly CardAuditRecord[]) => {
    for (const record of records) insert.run(JSON.stringify(record));
  });
  // The size of a large audit record: on a nearly full disk a tiny write could pass where a
  // hook call's records do not. Committed (its page written and synced), then gone.
  const writeAndRemove = db.transaction(() => {
    const { lastInsertRowid } = insert.run(CHECK_RECORD);
    deleteOne.run(lastInsertRowid);
  });
  return {
    append: (records) => {
      appendAll(records);
    },
    depth: () => (count.get() as { n: number }).n,
    oldest: (limit) => {
      const rows = select.all(limit) as { seq: number; record: string }[];
      const last = rows.at(-1);
      if (!last) return undefined;
      return {
        upTo: last.seq,
        records: rows.map((row) => JSON.parse(row.record) as CardAuditRecord),
      };
    },
    remove: (upTo) => {
      deleteUpTo.run(upTo);
    },
    checkWritable: () => {
      writeAndRemove();
    },
    close: () => {
      db.close();
    },
  };
}
