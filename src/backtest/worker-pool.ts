/**
 * The backtest's worker threads (node:worker_threads), one per core: batches go to the
 * least busy worker, and `submit` waits while every worker already holds two batches, so a
 * fast source never queues the whole population in memory.
 */
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { emptyTally, mergeTally, type Tally } from './tally.js';
import type { BatchReply, BatchRequest, PatientLines, WorkerSetup } from './worker-messages.js';

const IN_FLIGHT_PER_WORKER = 2;

export interface WorkerPool {
  submit(patients: PatientLines[]): Promise<void>;
  /** Waits for every batch, stops the workers and returns the merged tally per configuration. */
  finish(): Promise<Tally[]>;
  /** Called after each batch with the patients done so far. */
  onProgress: ((patientsDone: number) => void) | undefined;
}

// The worker is a sibling module: .js once built; .ts under tsx (the dev CLI, tests). A
// worker does not inherit its parent's loader (nor does --import in execArgv reach its entry
// module on Node 20), so under tsx a small ES module registers tsx first, then loads it.
const EXTENSION = extname(fileURLToPath(import.meta.url));
const WORKER_MODULE = new URL(`./evaluate-worker${EXTENSION}`, import.meta.url);

function workerEntry(): URL {
  if (EXTENSION !== '.ts') return WORKER_MODULE;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(WORKER_MODULE.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

export function startWorkerPool(setup: WorkerSetup, size = availableParallelism()): WorkerPool {
  const totals = setup.configurations.map(() => emptyTally());
  const entry = workerEntry();
  const state: { failure: Error | undefined; wake: (() => void) | undefined; nextId: number } = {
    failure: undefined,
    wake: undefined,
    nextId: 0,
  };
  const workers = Array.from({ length: Math.max(1, size) }, () => ({
    worker: new Worker(entry, { workerData: setup }),
    pending: new Set<number>(),
  }));
  const leastBusy = () =>
    workers.reduce((best, w) => (w.pending.size < best.pending.size ? w : best));
  const wait = () => new Promise<void>((resolve) => (state.wake = resolve));
  const wake = () => {
    const resolve = state.wake;
    state.wake = undefined;
    resolve?.();
  };
  const pool: WorkerPool = {
    onProgress: undefined,
    async submit(patients) {
      while (leastBusy().pending.size >= IN_FLIGHT_PER_WORKER && !state.failure) await wait();
      if (state.failure) throw state.failure;
      const slot = leastBusy();
      state.nextId += 1;
      slot.pending.add(state.nextId);
      const request: BatchRequest = { id: state.nextId, patients };
      slot.worker.postMessage(request);
    },
    async finish() {
      while (workers.some((w) => w.pending.size > 0) && !state.failure) await wait();
      await Promise.all(workers.map((w) => w.worker.terminate()));
      if (state.failure) throw state.failure;
      return totals;
    },
  };
  for (const slot of workers) {
    slot.worker.on('message', (reply: BatchReply) => {
      slot.pending.delete(reply.id);
      reply.tallies.forEach((tally, index) => {
        mergeTally(totals[index] as Tally, tally);
      });
      const [first] = totals as [Tally];
      pool.onProgress?.(first.patients + first.failedPatients.length);
      wake();
    });
    slot.worker.on('error', (error) => {
      state.failure ??= error;
      wake();
    });
    slot.worker.on('exit', (code) => {
      if (code === 0 || slot.pending.size === 0) return;
      state.failure ??= new Error(`a backtest worker stopped (exit code ${String(code)})`);
      wake();
    });
  }
  return pool;
}
