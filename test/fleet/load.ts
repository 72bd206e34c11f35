/**
 * A bounded load for the fleet test: `concurrency` loops each sending hook calls with a
 * fresh token, until `requests` calls were made or `stop()` is called, each loop resting
 * `pauseMs` (default 0) after every answer. Every answer is kept (status and the card uuids
 * of a 200), so a test can check them all.
 */
import { postHook } from './hook-calls.js';

export interface LoadResult {
  status: number;
  uuids: string[];
}

export interface Load {
  /** Resolves once `count` calls have been answered. */
  started(count: number): Promise<void>;
  /** How many calls have been answered so far. */
  answered(): number;
  done: Promise<LoadResult[]>;
  stop(): Promise<LoadResult[]>;
}

export function runLoad(args: {
  url: string;
  token: () => Promise<string>;
  body: string;
  concurrency: number;
  requests: number;
  pauseMs?: number;
}): Load {
  const results: LoadResult[] = [];
  let sent = 0;
  let stopped = false;
  const waiters: { count: number; resolve: () => void }[] = [];
  const one = async (): Promise<LoadResult> => {
    try {
      const response = await postHook(args.url, 'emd-patient-view', args.body, await args.token());
      const text = await response.text();
      const uuids =
        response.status === 200
          ? (JSON.parse(text) as { cards: { uuid: string }[] }).cards.map((card) => card.uuid)
          : [];
      return { status: response.status, uuids };
    } catch {
      return { status: 0, uuids: [] };
    }
  };
  const loop = async () => {
    while (!stopped && sent < args.requests) {
      sent += 1;
      results.push(await one());
      for (const waiter of waiters.filter((w) => results.length >= w.count)) waiter.resolve();
      if (args.pauseMs) await new Promise((resolve) => setTimeout(resolve, args.pauseMs));
    }
  };
  const done = Promise.all(Array.from({ length: args.concurrency }, loop)).then(() => results);
  return {
    started: (count) =>
      new Promise((resolve) => {
        if (results.length >= count) resolve();
        else waiters.push({ count, resolve });
      }),
    answered: () => results.length,
    done,
    stop: () => {
      stopped = true;
      return done;
    },
  };
}
