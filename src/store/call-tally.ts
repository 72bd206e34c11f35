/**
 * Hook calls counted for "cards per 100 hook calls" (issue #17), and the cards suppression hid
 * in them (what the service would have shown but for an override). Counting is not on the
 * safety path, so it does not cost each call a database commit: both are tallied in memory
 * per UTC hour and service (and rule and level), and added to the store in one transaction
 * every few seconds, before a stats read and at close. Counts a failed write could not add
 * are kept for the next one; a node that dies loses at most its last few seconds of counts
 * (docs/go-live.md says so).
 */
import { hourStartOf } from './queries.js';
import type { HookCallCount, IndicatorCounts, Store, SuppressedCardCount } from './store.js';

/** A card suppression hid: its rule and the level it would have been shown at. */
export interface SuppressedCard {
  ruleId: string;
  indicator: keyof IndicatorCounts;
}

export interface CallTally {
  /** One hook call answered by `serviceId` at `at`, and the cards suppression hid in it. */
  count(serviceId: string, at: Date, suppressed?: readonly SuppressedCard[]): void;
  /** Adds the counts tallied so far to the store; never throws (a failure keeps them). */
  flush(): Promise<void>;
  /** Stops the timer and flushes what is left. */
  close(): Promise<void>;
}

export function callTally(
  store: Pick<Store, 'recordHookCalls'>,
  options: { flushMs?: number; onError?: (error: unknown) => void } = {},
): CallTally {
  let calls = new Map<string, HookCallCount>();
  let suppressed = new Map<string, SuppressedCardCount>();
  let writing: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    // One write at a time, in order, so a count is never added twice nor lost between them.
    writing = writing.then(async () => {
      if (calls.size === 0 && suppressed.size === 0) return;
      const callCounts = [...calls.values()];
      const cardCounts = [...suppressed.values()];
      calls = new Map();
      suppressed = new Map();
      try {
        await store.recordHookCalls(callCounts, cardCounts);
      } catch (error) {
        for (const count of callCounts) addCalls(count.hourStart, count.serviceId, count.calls);
        for (const count of cardCounts) addSuppressed(count);
        options.onError?.(error);
      }
    });
    return writing;
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
    close: () => {
      clearInterval(timer);
      return flush();
    },
  };
}
