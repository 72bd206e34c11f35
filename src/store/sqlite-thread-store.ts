/**
 * The SQLite store of a service (issue #15): writes run in this process's writer thread
 * for the file (./writer-thread.ts), so a commit's fsync no longer holds the event loop;
 * each write still resolves only once its transaction has committed, and group commit
 * (./group-commit.ts) still batches the audit of concurrent calls into one commit.
 *
 * Reads (suppression look-ups, stats) run on a connection of the main thread: in WAL mode
 * a reader never takes the write lock and never waits for a writer or its fsync; it reads
 * the last committed state, which includes every write already acknowledged, because the
 * thread answers only after the commit.
 */
import { makePrivateFile } from './private-file.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';
import { acquireWriterThread } from './writer-thread.js';

/** Opens the store on `file` (not ':memory:', which one thread's connection alone can see). */
export function openSqliteThreadStore(file: string): Store {
  makePrivateFile(file);
  const thread = acquireWriterThread(file);
  // Opened on the first read, after migrate() has created the file and its tables.
  let reader: Store | undefined;
  const read = () => (reader ??= openSqliteStore(file));
  const write =
    <T>(op: keyof Store) =>
    (...args: unknown[]) =>
      thread.call<T>('store', op, args);
  return {
    migrate: write<undefined>('migrate'),
    recordCards: write<undefined>('recordCards'),
    checkWritable: write<undefined>('checkWritable'),
    recordFeedback: write<Awaited<ReturnType<Store['recordFeedback']>>>('recordFeedback'),
    purgeBefore: write<number>('purgeBefore'),
    recordHookCalls: write<undefined>('recordHookCalls'),
    lastOverride: (...args) => read().lastOverride(...args),
    servedCards: (...args) => read().servedCards(...args),
    stats: (...args) => read().stats(...args),
    dailyStats: (...args) => read().dailyStats(...args),
    hookCalls: (...args) => read().hookCalls(...args),
    close: async () => {
      await Promise.all([thread.release(), reader?.close()]);
      reader = undefined;
    },
  };
}
