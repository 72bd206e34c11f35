/**
 * State the workers of one deployment share, so that cluster mode (one worker per core,
 * src/cluster.ts) stays correct: a JWT id is accepted once across all workers, and a
 * caller's requests are counted once per rate-limit window, whichever worker answers.
 * Kept in the configured store's database (the SQLite file, or PostgreSQL), in the tables
 * of migration 2. Nothing here is clinical or personal: keys are issuer/jti pairs and
 * caller keys.
 */
import Database from 'better-sqlite3';
import { Pool } from 'pg';
import type { StoreOptions } from './open-store.js';
import { numberPlaceholders } from './postgres-store.js';
import { BUSY_TIMEOUT_MS, settle } from './sqlite-store.js';
import { acquireWriterThread } from './writer-thread.js';

export interface SharedState {
  /** True the first time `key` is seen before it expires; false for a replay. */
  rememberOnce(key: string, expiresAtMs: number, nowMs: number): Promise<boolean>;
  /** Counts one request of `key` in the window starting at `windowStartMs`; the count so far. */
  countHit(key: string, windowStartMs: number): Promise<number>;
  /** Takes one request back (express-rate-limit's skipFailedRequests and the like). */
  uncountHit(key: string, windowStartMs: number): Promise<void>;
  /** Forgets every count of `key`. */
  resetHits(key: string): Promise<void>;
  /** Deletes expired JWT ids and windows that started before `windowsBeforeMs`. */
  purge(nowMs: number, windowsBeforeMs: number): Promise<void>;
  close(): Promise<void>;
}

// Each check is one statement, one round trip: the replay guard's insert both checks and
// records (changes() / rowCount says whether the key was new), so two workers racing for
// one key cannot both see it as new.
const SQL = {
  // A key already present counts as new only once its entry has expired.
  remember: `INSERT INTO replay_guard (key, expires_at) VALUES (?, ?)
    ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at
    WHERE replay_guard.expires_at <= ?`,
  countHit: `INSERT INTO rate_window (key, window_start, hits) VALUES (?, ?, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_window.hits + 1
    RETURNING hits`,
  uncountHit: `UPDATE rate_window SET hits = hits - 1
    WHERE key = ? AND window_start = ? AND hits > 0`,
  resetHits: 'DELETE FROM rate_window WHERE key = ?',
  purgeReplay: 'DELETE FROM replay_guard WHERE expires_at <= ?',
  purgeWindows: 'DELETE FROM rate_window WHERE window_start < ?',
} as const;

const POSTGRES_SQL = Object.fromEntries(
  Object.entries(SQL).map(([name, sql]) => [name, numberPlaceholders(sql)]),
) as Record<keyof typeof SQL, string>;

/** Opens the shared state in the store's database; the store's `migrate()` must have run. */
export function openSharedState(options: StoreOptions): SharedState {
  return 'postgresUrl' in options
    ? postgresSharedState(options.postgresUrl)
    : threadSharedState(options.sqliteFile);
}

/**
 * The SQLite shared state as the main thread sees it: each call runs in this process's
 * writer thread for the file (./writer-thread.ts), so waiting for another process's lock,
 * or behind the audit commit's fsync, never holds the event loop. Each call is one
 * statement, prepared once, in one round trip to the thread.
 */
function threadSharedState(file: string): SharedState {
  const thread = acquireWriterThread(file);
  const call =
    <T>(op: keyof SharedState) =>
    (...args: unknown[]) =>
      thread.call<T>('shared', op, args);
  return {
    rememberOnce: call<boolean>('rememberOnce'),
    countHit: call<number>('countHit'),
    uncountHit: call<undefined>('uncountHit'),
    resetHits: call<undefined>('resetHits'),
    purge: call<undefined>('purge'),
    close: () => thread.release(),
  };
}

/** The synchronous SQLite connection behind the shared state; run only in the writer thread. */
export function openSqliteSharedState(file: string): SharedState {
  // A connection of its own: synchronous = NORMAL, because these rows need not survive a
  // power cut (a restart forgets nothing that matters for longer than a token's life),
  // while the audit connection keeps FULL. WAL and the busy timeout as in sqlite-store.ts.
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${String(BUSY_TIMEOUT_MS)}`);
  const remember = db.prepare<[string, number, number]>(SQL.remember);
  const countHit = db.prepare<[string, number]>(SQL.countHit);
  const uncountHit = db.prepare<[string, number]>(SQL.uncountHit);
  const resetHits = db.prepare<[string]>(SQL.resetHits);
  const purgeReplay = db.prepare<[number]>(SQL.purgeReplay);
  const purgeWindows = db.prepare<[number]>(SQL.purgeWindows);
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

function postgresSharedState(url: string): SharedState {
  // A small pool of its own, so rate-limit checks never wait behind audit writes.
  const pool = new Pool({ connectionString: url, connectionTimeoutMillis: 5000, max: 4 });
  pool.on('error', () => undefined);
  // Named statements: each connection parses and plans them once, not on every call
  // (issue #15: the replay guard and rate limit run on every hook call).
  const run = async (statement: keyof typeof SQL, values: (string | number)[]) =>
    pool.query<{ hits?: number }>({
      name: `shared-state-${statement}`,
      text: POSTGRES_SQL[statement],
      values,
    });
  return {
    rememberOnce: async (key, expiresAtMs, nowMs) =>
      (await run('remember', [key, expiresAtMs, nowMs])).rowCount === 1,
    countHit: async (key, windowStartMs) =>
      Number((await run('countHit', [key, windowStartMs])).rows[0]?.hits),
    uncountHit: async (key, windowStartMs) => {
      await run('uncountHit', [key, windowStartMs]);
    },
    resetHits: async (key) => {
      await run('resetHits', [key]);
    },
    purge: async (nowMs, windowsBeforeMs) => {
      await run('purgeReplay', [nowMs]);
      await run('purgeWindows', [windowsBeforeMs]);
    },
    close: () => pool.end(),
  };
}
