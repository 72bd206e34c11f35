/**
 * Hook calls counted for "cards per 100 hook calls" (issue #17). Counting is not on the
 * safety path, so it does not cost each call a database commit: calls are tallied in memory
 * per UTC hour and service, and added to the store every few seconds, before a stats read
 * and at close. Counts a failed write could not add are kept for the next one; a node that
 * dies loses at most its last few seconds of counts (docs/go-live.md says so).
 */
import { hourStartOf } from './queries.js';
import type { HookCallCount, Store } from './store.js';

export interface CallTally {
  /** One hook call answered by `serviceId` at `at`. */
  count(serviceId: string, at: Date): void;
  /** Adds the calls tallied so far to the store; never throws (a failure keeps them). */
  flush(): Promise<void>;
  /** Stops the timer and flushes what is left. */
  close(): Promise<void>;
}

export function callTally(
  store: Pick<Store, 'recordHookCalls'>,
  options: { flushMs?: number; onError?: (error: unknown) => void } = {},
): CallTally {
  let pending = new Map<string, HookCallCount>();
  let writing: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    // One write at a time, in order, so a count is never added twice nor lost between them.
    writing = writing.then(async () => {
      if (pending.size === 0) return;
      const counts = [...pending.values()];
      pending = new Map();
      try {
        await store.recordHookCalls(counts);
      } catch (error) {
        for (const count of counts) add(count.hourStart, count.serviceId, count.calls);
        options.onError?.(error);
      }
    });
    return writing;
  };
  const add = (hourStart: string, serviceId: string, calls: number) => {
    const key = JSON.stringify([hourStart, serviceId]);
    const entry = pending.get(key);
    if (entry) entry.calls += calls;
    else pending.set(key, { hourStart, serviceId, calls });
  };
  const timer = setInterval(() => void flush(), options.flushMs ?? 5000);
  timer.unref();

  return {
    count: (serviceId, at) => {
      add(hourStartOf(at.toISOString()), serviceId, 1);
    },
    flush,
    close: () => {
      clearInterval(timer);
      return flush();
    },
  };
}
