/**
 * How many statistics reads (`stats`, `dailyStats`, `hookCalls`: /admin/stats, the console,
 * the CLI) a store runs at once, and how many may wait (issue #19: one request must never
 * stall the service). Each scans the audit of its period, seconds over months of a busy site.
 * - SQLite runs them in its reader thread, one at a time (./sqlite-thread-store.ts).
 * - PostgreSQL runs them on the store's pool, which the hook calls' audit writes and
 *   suppression look-ups share: four analysts opening the console's three views at once
 *   would hold ten connections, and each hook call would wait for one (its audit spools after
 *   3 s, its look-up gives up). Two at a time leave the rest of the pool to the hook calls.
 * Past the waiting bound a read is refused at once as `unavailable` (503 with Retry-After),
 * so an admin client that gives up cannot leave an unbounded queue behind it.
 */
import { ServiceError } from '../errors.js';

/** Reads that may wait for or run at once: the last waits about ten seconds. */
export const MAX_WAITING_READS = 8;
/** Reads a PostgreSQL store runs on its pool at once (its pool holds 10 connections). */
export const POSTGRES_READS_AT_ONCE = 2;

export type StatsLimiter = <T>(read: () => Promise<T>) => Promise<T>;

/** Runs at most `atOnce` reads together, queues up to MAX_WAITING_READS in all, refuses more. */
export function statsLimiter(atOnce: number): StatsLimiter {
  let outstanding = 0;
  let running = 0;
  const waiting: (() => void)[] = [];
  // A read that ends hands its place to the first waiting one, so none starts past `atOnce`.
  const take = async (): Promise<void> => {
    if (running < atOnce) running += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const give = (): void => {
    const first = waiting.shift();
    if (first) first();
    else running -= 1;
  };
  return async <T>(read: () => Promise<T>): Promise<T> => {
    if (outstanding >= MAX_WAITING_READS) throw busy();
    outstanding += 1;
    try {
      await take();
      try {
        return await read();
      } finally {
        give();
      }
    } finally {
      outstanding -= 1;
    }
  };
}

function busy(): ServiceError {
  return new ServiceError('unavailable', [
    {
      severity: 'error',
      code: 'transient',
      diagnostics: `the statistics are busy (${String(MAX_WAITING_READS)} reads already wait); try again shortly`,
    },
  ]);
}
