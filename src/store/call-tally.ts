/**
 * Hook calls counted for "cards per 100 hook calls" (issue #17), and the cards suppression hid
 * in them (what the service would have shown but for an override). Counting is not on the
 * safety path, so it does not cost each call a database commit: both are tallied in memory
 * per UTC hour and service (and rule and level), and added to the store in one transaction
 * every few seconds, before a stats read and at close. A node that dies loses at most its
 * last few seconds of counts (docs/go-live.md says so).
 *
 * Counts the store refuses (its database down) go to the node's spool (./count-spool.ts),
 * durable, and leave memory; each flush then adds the spooled batches while the store takes
 * them, so they reach it from this process, from another worker of the node, or from the node
 * restarted on the same data folder, each batch once. Only when the spool refuses them too
 * (its disk full) do they wait in memory for the next flush, as they all did before. After
 * each flush `onWaiting` says what waits where, for /metrics: a log line per change of state
 * tells an operator when, not how many calls a node's death would take from the statistics.
 */
import type { CountSpool } from './count-spool.js';
import { hourStartOf } from './queries.js';
import { answerWithin } from './time-limit.js';
import type { HookCallCount, IndicatorCounts, Store, SuppressedCardCount } from './store.js';

/** A card suppression hid: its rule and the level it would have been shown at. */
export interface SuppressedCard {
  ruleId: string;
  indicator: keyof IndicatorCounts;
}

/**
 * Where the counts not yet in the store wait after a flush: nowhere (`stored`), in the spool
 * on disk, in this process's memory only (lost if it dies before a flush succeeds), or in a
 * write the store has not answered within its time limit (`awaiting the store`: lost too if
 * the process dies first; the counts tallied meanwhile go to the spool).
 */
export type TallyState = 'stored' | 'spooled' | 'in memory' | 'awaiting the store';

/** What waits after a flush: for /metrics, where a log line per change is not enough. */
export interface TallyWaiting {
  /** Batches in the node's spool, this process's and its sibling workers' (one file). */
  spooledBatches: number;
  /**
   * Hook calls neither stored nor spooled (both refused, or in a write the store has not
   * answered): this process's only, lost if it stops first.
   */
  callsInMemory: number;
}

export interface CallTally {
  /** One hook call answered by `serviceId` at `at`, and the cards suppression hid in it. */
  count(serviceId: string, at: Date, suppressed?: readonly SuppressedCard[]): void;
  /** Adds the counts tallied and spooled so far to the store; never throws. */
  flush(): Promise<void>;
  /** Stops the timer, flushes what is left, waits for a late write a while, closes the spool. */
  close(): Promise<void>;
}

export interface CallTallyOptions {
  flushMs?: number;
  /**
   * A store write not answered within this (3 s, as the audit's) is left to finish on its own:
   * the flushes go on, to the spool, rather than wait with it (a lock held on the table, a
   * database gone silent).
   */
  writeTimeoutMs?: number;
  /** Where counts the store refuses are written; without it they wait in memory. */
  spool?: CountSpool;
  /** Each write the store (or the spool) refused. */
  onError?: (error: unknown) => void;
  /** A flush left the counts somewhere else than the last one did, and the latest problem. */
  onState?: (state: TallyState, problem: unknown) => void;
  /** After a flush, what still waits; once only while nothing does. */
  onWaiting?: (waiting: TallyWaiting) => void;
}

/** Spooled batches one flush adds at most (one store transaction each), so a flush ends. */
const REPLAY_BATCHES_PER_FLUSH = 100;

export function callTally(
  store: Pick<Store, 'recordHookCalls'>,
  options: CallTallyOptions = {},
): CallTally {
  const { spool } = options;
  const writeTimeoutMs = options.writeTimeoutMs ?? 3000;
  let calls = new Map<string, HookCallCount>();
  let suppressed = new Map<string, SuppressedCardCount>();
  let writing: Promise<void> = Promise.resolve();
  let state: TallyState = 'stored';

  const report = (next: TallyState, problem: unknown) => {
    if (problem !== undefined) options.onError?.(problem);
    if (next === state) return;
    state = next;
    options.onState?.(next, problem);
  };

  /**
   * A write the store did not answer within the time limit, still under way. Its counts are
   * neither added again (the store may yet commit them) nor dropped: when it fails they go to
   * the spool. While it lasts, no other write is sent to the store, so a store that hangs holds
   * one pooled connection, not one more every flush.
   */
  let late: { calls: number; settled: Promise<void> } | undefined;

  /** Counts the store did not take: to the spool, else back to memory. */
  const keepElsewhere = (
    callCounts: readonly HookCallCount[],
    cardCounts: readonly SuppressedCardCount[],
    problem: unknown,
  ): TallyState => {
    try {
      if (spool === undefined) throw problem;
      spool.append(callCounts, cardCounts);
      report('spooled', problem);
      return 'spooled';
    } catch (spoolError) {
      for (const count of callCounts) addCalls(count.hourStart, count.serviceId, count.calls);
      for (const count of cardCounts) addSuppressed(count);
      report('in memory', spoolError === problem ? problem : bothRefused(problem, spoolError));
      return 'in memory';
    }
  };

  /** The store's answer to `write` within the time limit; a late write is left as `late`. */
  const answered = async (
    write: Promise<unknown>,
    lateCalls: number,
    onLateFailure: (error: unknown) => void,
  ) => {
    const answer = await answerWithin(write, writeTimeoutMs);
    if (answer.kind === 'late') {
      const settled = write
        .then(
          () => undefined,
          (error: unknown) => {
            onLateFailure(error);
          },
        )
        .finally(() => {
          late = undefined;
        });
      late = { calls: lateCalls, settled };
    }
    return answer;
  };

  /** Writes what is in memory to the store, else the spool, else back to memory. */
  const writeTallied = async (): Promise<TallyState | undefined> => {
    if (calls.size === 0 && suppressed.size === 0) return undefined;
    const callCounts = [...calls.values()];
    const cardCounts = [...suppressed.values()];
    calls = new Map();
    suppressed = new Map();
    if (late !== undefined) return keepElsewhere(callCounts, cardCounts, STILL_AWAITED);
    const write = store.recordHookCalls(callCounts, cardCounts);
    const answer = await answered(write, totalCalls(callCounts), (error) => {
      keepElsewhere(callCounts, cardCounts, error);
    });
    if (answer.kind === 'answered') return 'stored';
    if (answer.kind === 'failed') return keepElsewhere(callCounts, cardCounts, answer.error);
    report('awaiting the store', answer.error);
    return 'awaiting the store';
  };

  /** Adds the spooled batches, oldest first, while the store takes them; false if it did not. */
  const replaySpool = async (pending: CountSpool): Promise<boolean> => {
    try {
      for (let n = 0; n < REPLAY_BATCHES_PER_FLUSH; n += 1) {
        const batch = pending.oldest();
        if (batch === undefined) return true;
        // A batch added already (a replay cut short before the delete, or a late replay that
        // committed after all) resolves false: it is deleted all the same. A late replay's
        // batch stays in the spool, so it is not counted in memory.
        const write = store.recordHookCalls(batch.calls, batch.suppressed, batch.batchId);
        const answer = await answered(write, 0, () => undefined);
        if (answer.kind !== 'answered') throw answer.error;
        pending.remove(batch.seq);
      }
      return true;
    } catch (error) {
      // Only once memory is empty (this flush stored it, or there was none): in the spool.
      report('spooled', error);
      return false;
    }
  };

  const flush = (): Promise<void> => {
    // One write at a time, in order, so a count is never added twice nor lost between them.
    writing = writing.then(async () => {
      const wrote = await writeTallied();
      // Memory empty and nothing late: the spool's batches, and then nothing waits anywhere.
      if ((wrote === undefined || wrote === 'stored') && late === undefined) {
        const isSpoolEmpty = spool === undefined || (await replaySpool(spool));
        if (isSpoolEmpty) report('stored', undefined);
      }
      tellWaiting();
    });
    return writing;
  };
  /** What still waits, told after each flush; quiet on the flushes of a healthy store. */
  let toldNothingWaits = false;
  const tellWaiting = () => {
    if (options.onWaiting === undefined) return;
    const spooledBatches = spooledDepth();
    // A spool that cannot be read cannot be counted: its last reading stands, and the
    // state's log line already says the spool refused.
    if (spooledBatches === undefined) return;
    let callsInMemory = late?.calls ?? 0;
    if (state === 'in memory') callsInMemory += totalCalls(calls.values());
    const nothingWaits = spooledBatches === 0 && callsInMemory === 0;
    if (nothingWaits && toldNothingWaits) return;
    toldNothingWaits = nothingWaits;
    options.onWaiting({ spooledBatches, callsInMemory });
  };
  const spooledDepth = (): number | undefined => {
    try {
      return spool?.depth() ?? 0;
    } catch {
      return undefined;
    }
  };
  const addCalls = (hourStart: string, serviceId: string, n: number) => {
    const key = JSON.stringify([hourStart, serviceId]);
    const entry = calls.get(key);
    if (entry) entry.calls += n;
    else calls.set(key, { hourStart, serviceId, calls: n });
  };
  const addSuppressed = (count: SuppressedCardCount) => {
    const key = JSON.stringify([count.hourStart, count.serviceId, count.ruleId, count.indicator]);
    const entry = suppressed.get(key);
    if (entry) entry.cards += count.cards;
    else suppressed.set(key, { ...count });
  };
  const timer = setInterval(() => void flush(), options.flushMs ?? 5000);
  timer.unref();

  return {
    count: (serviceId, at, hidden = []) => {
      const hourStart = hourStartOf(at.toISOString());
      addCalls(hourStart, serviceId, 1);
      // Most calls hide no card: nothing more to do for them.
      for (const card of hidden) addSuppressed({ hourStart, serviceId, ...card, cards: 1 });
    },
    flush,
    close: async () => {
      clearInterval(timer);
      await flush();
      // A late write's counts go to the spool if it fails: give it one time limit more first.
      if (late !== undefined) await answerWithin(late.settled, writeTimeoutMs);
      spool?.close();
    },
  };
}

/** Why counts went to the spool while an earlier write is still awaited. */
const STILL_AWAITED = new Error('the audit store has not yet answered an earlier write');

function totalCalls(counts: Iterable<HookCallCount>): number {
  let total = 0;
  for (const count of counts) total += count.calls;
  return total;
}

/** One problem naming both refusals, for the log line that says the counts are in memory. */
function bothRefused(storeError: unknown, spoolError: unknown): Error {
  const text = (error: unknown) => (error instanceof Error ? error.message : String(error));
  return new Error(`store: ${text(storeError)}; spool: ${text(spoolError)}`, {
    cause: spoolError,
  });
}
