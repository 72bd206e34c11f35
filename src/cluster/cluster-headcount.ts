/**
 * How many workers serve of how many the node wants, for each worker's /readyz: a node
 * running short (a worker that keeps failing at start) says so, rather than answering
 * "ready" from the workers still up. Only the primary knows the count; it tells every worker
 * over node:cluster's IPC channel each time the count changes, as src/cluster/cluster-metrics.ts asks
 * and answers for /metrics. A worker keeps the last count it was told: reading it costs a
 * probe nothing.
 */
import cluster from 'node:cluster';
import type { Headcount } from '../http/readiness.js';

const HEADCOUNT = 'emd-cds:workers-serving';

/** The primary's side of one worker (node:cluster's `Worker`). */
export interface HeadcountReceiver {
  send(
    message: { type: typeof HEADCOUNT } & Headcount,
    sent: (error: Error | null) => void,
  ): unknown;
}

/** Primary: tells each of `workers` the node's count. */
export function tellHeadcount(
  headcount: Headcount,
  workers: Iterable<HeadcountReceiver | undefined> = Object.values(cluster.workers ?? {}),
): void {
  for (const worker of workers)
    // A worker that died meanwhile gets nothing: the callback keeps that from being an error event.
    worker?.send({ type: HEADCOUNT, ...headcount }, () => undefined);
}

/** A cluster worker's IPC channel to the primary (`process` there). */
export interface HeadcountSource {
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

/**
 * Worker: returns the last count the primary told, undefined until it has told one (a
 * worker hears it once it listens itself).
 */
export function headcountOfNode(
  // The primary's messages come to `process` in a cluster worker.
  primary: HeadcountSource = process,
): () => Headcount | undefined {
  let last: Headcount | undefined;
  primary.on('message', (message) => {
    if (typeof message !== 'object' || message === null) return;
    const { type, serving, wanted } = message as Record<string, unknown>;
    if (type !== HEADCOUNT || typeof serving !== 'number' || typeof wanted !== 'number') return;
    last = { serving, wanted };
  });
  return () => last;
}
