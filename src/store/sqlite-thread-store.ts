/**
 * The SQLite store of a service. Nothing slow runs on the main thread, where it would hold
 * every hook call (issue #19: one request must never stall the service):
 * - Writes run in this process's writer thread for the file (./sqlite-thread.ts, issue
 *   #15), so a commit's fsync does not hold the event loop; each write still resolves only
 *   once its transaction has committed, and group commit (./group-commit.ts) still batches
 *   the audit of concurrent calls into one commit.
 * - The statistics (`stats`, `dailyStats`, `hookCalls`: /admin/stats, the console, the
 *   CLI), which scan the audit of the period, seconds over months of a busy site, run in
 *   the reader thread, read-only, one at a time, started by the first of them. At most
 *   MAX_WAITING_READS wait or run (./stats-limiter.ts): an admin client that gives up cannot
 *   leave an unbounded queue behind it, and a further read is refused at once as
 *   `unavailable` (503 with Retry-After).
 * - The hook path's reads (`lastOverride` for suppression, `servedCards` for feedback) stay
 *   on a read-only connection of the main thread: each is an indexed look-up of a few rows,
 *   microseconds, less than a round trip to a thread, and in the reader thread they would
 *   wait behind a statistics query, the stall this module exists to prevent.
 *
 * Every read sees the last committed state, which includes every write already
 * acknowledged, because the writer answers only after the commit; in WAL mode a reader
 * never takes the write lock and never waits for a writer or its fsync.
 */
import { makePrivateFile } from './private-file.js';
import { acquireSqliteThread, type SqliteThread } from './sqlite-thread.js';
import { openSqliteStore } from './sqlite-store.js';
import { statsLimiter } from './stats-limiter.js';
import type { Store } from './store.js';

/** Opens the store on `file` (not ':memory:', which one thread's connection alone can see). */
export function openSqliteThreadStore(file: string): Store {
  makePrivateFile(file);
  const writer = acquireSqliteThread(file, 'writer');
  // Started by the first statistics read: most processes (each worker, the CLI) never run one.
  let reader: SqliteThread | undefined;
  const readerThread = () => (reader ??= acquireSqliteThread(file, 'reader'));
  // Opened on the first look-up, after migrate() has created the file and its tables.
  let lookups: Store | undefined;
  const lookup = () => (lookups ??= openSqliteStore(file, { readOnly: true }));
  const write =
    <T>(op: keyof Store) =>
    (...args: unknown[]) =>
      writer.call<T>('store', op, args);
  const read = boundedReads(readerThread);
  return {
    migrate: write<undefined>('migrate'),
    recordCards: write<undefined>('recordCards'),
    checkWritable: write<undefined>('checkWritable'),
    recordFeedback: write<Awaited<ReturnType<Store['recordFeedback']>>>('recordFeedback'),
    purgeBefore: write<number>('purgeBefore'),
    recordHookCalls: write<boolean>('recordHookCalls'),
    lastOverride: (...args) => lookup().lastOverride(...args),
    servedCards: (...args) => lookup().servedCards(...args),
    stats: read<Awaited<ReturnType<Store['stats']>>>('stats'),
    dailyStats: read<Awaited<ReturnType<Store['dailyStats']>>>('dailyStats'),
    hookCalls: read<Awaited<ReturnType<Store['hookCalls']>>>('hookCalls'),
    close: async () => {
      await Promise.all([writer.release(), reader?.release(), lookups?.close()]);
      reader = undefined;
      lookups = undefined;
    },
  };
}

/** The reader thread's calls, one at a time, refused once MAX_WAITING_READS are outstanding. */
function boundedReads(thread: () => SqliteThread) {
  const limit = statsLimiter(1);
  return <T>(op: keyof Store) =>
    (...args: unknown[]): Promise<T> =>
      limit(() => thread().call<T>('store', op, args));
}
