/**
 * What the shared state of a deployment does (./shared-state.ts), and the statements both of
 * its databases run (SQLite in the writer thread, ./sqlite-shared-state.ts; PostgreSQL with
 * numbered placeholders). A file of its own, so that neither side imports the other.
 */

/** The shared state, whichever database keeps it; every call resolves once it has committed. */
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
export const SHARED_STATE_SQL = {
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
