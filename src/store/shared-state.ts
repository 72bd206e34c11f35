/**
 * State the workers of one deployment share, so that cluster mode (one worker per core,
 * src/cluster/cluster.ts) stays correct: a JWT id is accepted once across all workers, and a
 * caller's requests are counted once per rate-limit window, whichever worker answers.
 * Kept in the configured store's database (the SQLite file, or PostgreSQL), in the tables
 * of migration 2. Nothing here is clinical or personal: keys are issuer/jti pairs and
 * caller keys.
 */
import { Pool } from 'pg';
import type { StoreOptions } from './open-store.js';
import { numberPlaceholders } from './postgres-store.js';
import { SHARED_STATE_SQL as SQL, type SharedState } from './shared-state-contract.js';
import { acquireSqliteThread } from './sqlite-thread.js';

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
 * writer thread for the file (./sqlite-thread.ts), on the connection of
 * ./sqlite-shared-state.ts, so waiting for another process's lock, or behind the audit
 * commit's fsync, never holds the event loop. Each call is one statement, prepared once, in
 * one round trip to the thread.
 */
function threadSharedState(file: string): SharedState {
  const thread = acquireSqliteThread(file, 'writer');
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
