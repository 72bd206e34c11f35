/**
 * The SQLite connection behind the shared state (./shared-state.ts), which runs only in the
 * writer thread (./sqlite-thread-body.ts). A file of its own so that the thread loads
 * better-sqlite3 and nothing of PostgreSQL's: pg and the main thread's side of the shared
 * state stay out of its module graph.
 */
import Database from 'better-sqlite3';
import { SHARED_STATE_SQL, type SharedState } from './shared-state-contract.js';
import { BUSY_TIMEOUT_MS, settle } from './sqlite-store.js';

/** The synchronous SQLite connection behind the shared state; run only in the writer thread. */
export function openSqliteSharedState(file: string): SharedState {
  // A connection of its own: synchronous = NORMAL, because these rows need not survive a
  // power cut (a restart forgets nothing that matters for longer than a token's life),
  // while the audit connection keeps FULL. WAL and the busy timeout as in sqlite-store.ts.
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${String(BUSY_TIMEOUT_MS)}`);
  const remember = db.prepare<[string, number, number]>(SHARED_STATE_SQL.remember);
  const countHit = db.prepare<[string, number]>(SHARED_STATE_SQL.countHit);
  const uncountHit = db.prepare<[string, number]>(SHARED_STATE_SQL.uncountHit);
  const resetHits = db.prepare<[string]>(SHARED_STATE_SQL.resetHits);
  const purgeReplay = db.prepare<[number]>(SHARED_STATE_SQL.purgeReplay);
  const purgeWindows = db.prepare<[number]>(SHARED_STATE_SQL.purgeWindows);
  return {
    rememberOnce: (key, expiresAtMs, nowMs) =>
      settle(() => remember.run(key, expiresAtMs, nowMs).changes === 1),
    countHit: (key, windowStartMs) =>
      settle(() => (countHit.get(key, windowStartMs) as { hits: number }).hits),
    uncountHit: (key, windowStartMs) =>
      settle(() => {
        uncountHit.run(key, windowStartMs);
      }),
    resetHits: (key) =>
      settle(() => {
        resetHits.run(key);
      }),
    purge: (nowMs, windowsBeforeMs) =>
      settle(() => {
        purgeReplay.run(nowMs);
        purgeWindows.run(windowsBeforeMs);
      }),
    close: () =>
      settle(() => {
        db.close();
      }),
  };
}
