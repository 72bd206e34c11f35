/**
 * `jti` replay protection (CDS Hooks best practice: remember each jti for the token's
 * lifetime). An interface, so several processes can share a store; the in-memory one
 * serves a single process.
 */
import { ServiceError } from '../errors.js';
import type { SharedState } from '../store/shared-state.js';
export interface ReplayCache {
  /** True the first time `key` is seen before `expiresAtMs`; false for a replay. */
  rememberOnce(key: string, expiresAtMs: number): Promise<boolean>;
}

export class InMemoryReplayCache implements ReplayCache {
  readonly #seen = new Map<string, number>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  rememberOnce(key: string, expiresAtMs: number): Promise<boolean> {
    const now = this.#now();
    this.#prune(now);
    const until = this.#seen.get(key);
    if (until !== undefined && until > now) return Promise.resolve(false);
    this.#seen.set(key, expiresAtMs);
    return Promise.resolve(true);
  }

  /** Entries are inserted roughly in expiry order, so expired ones sit at the front. */
  #prune(now: number): void {
    for (const [key, until] of this.#seen) {
      if (until > now) break;
      this.#seen.delete(key);
    }
  }
}

/**
 * The replay cache of cluster mode: jti entries in the deployment's database, so a token
 * replayed to another worker is refused too. If the database cannot answer, the call fails
 * with 503 (fail closed: a token is never accepted unchecked).
 */
export class SharedReplayCache implements ReplayCache {
  readonly #state: SharedState;
  readonly #now: () => number;

  constructor(state: SharedState, now: () => number = Date.now) {
    this.#state = state;
    this.#now = now;
  }

  async rememberOnce(key: string, expiresAtMs: number): Promise<boolean> {
    try {
      return await this.#state.rememberOnce(key, expiresAtMs, this.#now());
    } catch (error) {
      throw sharedStateUnavailable('the replay guard', error);
    }
  }
}

export function sharedStateUnavailable(what: string, cause: unknown): ServiceError {
  return new ServiceError(
    'unavailable',
    [{ severity: 'error', code: 'transient', diagnostics: `${what} cannot be checked just now` }],
    { cause },
  );
}
