/**
 * `jti` replay protection (CDS Hooks best practice: remember each jti for the token's
 * lifetime). An interface, so several processes can share a store; the in-memory one
 * serves a single process.
 */
import type { SharedState } from '../store/shared-state-contract.js';
import type { SharedStateCircuit } from '../store/shared-state-circuit.js';
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
 * The replay cache of cluster mode and of a fleet on PostgreSQL: jti entries in the
 * deployment's database, so a token replayed to another worker or node is refused too.
 * If the database cannot answer, this node's memory answers (../store/shared-state-circuit.ts):
 * a replay to this node is still refused, one to another node is the accepted risk of the
 * outage. Keys accepted from memory are written to the database once it answers again, so
 * they are refused everywhere for the rest of their life.
 */
export class SharedReplayCache implements ReplayCache {
  readonly #state: SharedState;
  readonly #circuit: SharedStateCircuit;
  readonly #now: () => number;
  readonly #local: InMemoryReplayCache;
  /** Keys accepted from memory, still to be written to the database (bounded). */
  readonly #catchUp = new Map<string, number>();

  constructor(state: SharedState, circuit: SharedStateCircuit, now: () => number = Date.now) {
    this.#state = state;
    this.#circuit = circuit;
    this.#now = now;
    this.#local = new InMemoryReplayCache(now);
  }

  async rememberOnce(key: string, expiresAtMs: number): Promise<boolean> {
    // This node's memory first: a key it has already accepted is a replay whatever the
    // database would say, so it is refused without a round trip (issue #15). Memory may
    // only refuse, never admit: a key new here still goes to the database, which knows
    // what the other workers and nodes accepted. Being remembered here before the database
    // answers, a second use racing the first on this node is refused at once too, and a
    // replay to this node is still refused if the database stops answering later.
    if (!(await this.#local.rememberOnce(key, expiresAtMs))) return false;
    const fresh = await this.#circuit.run(
      'replay-guard',
      () => this.#state.rememberOnce(key, expiresAtMs, this.#now()),
      () => {
        if (this.#catchUp.size < CATCH_UP_LIMIT) this.#catchUp.set(key, expiresAtMs);
        return undefined;
      },
    );
    if (fresh === undefined) return true;
    if (this.#catchUp.size > 0) this.#writeCatchUp();
    return fresh;
  }

  #writeCatchUp(): void {
    const entries = [...this.#catchUp];
    this.#catchUp.clear();
    const nowMs = this.#now();
    void Promise.all(
      entries.map(([key, expiresAtMs]) =>
        this.#state.rememberOnce(key, expiresAtMs, nowMs).catch(() => undefined),
      ),
    );
  }
}

const CATCH_UP_LIMIT = 100_000;
