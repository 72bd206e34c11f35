/**
 * The cluster primary's workers (src/cluster/cluster.ts): forks `wanted` of them and keeps them
 * running until SIGTERM or SIGINT. A worker that dies is started again after a pause
 * (./cluster-restarts.ts); the workers are told how many of them serve, for /readyz
 * (./cluster-headcount.ts); when none serves and the last few started all died before
 * serving, the primary stops with status 1. A pending restart is a timer that keeps the
 * primary alive: with every worker dead, an unref'd one let the primary exit 0, which
 * `Restart=on-failure` does not restart. The primary exits 0 only when asked to stop.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { tellHeadcount } from './cluster-headcount.js';
import {
  GIVE_UP_AFTER_FAILED_STARTS,
  restartBackoff,
  type RestartTiming,
  type WorkerDeath,
} from './cluster-restarts.js';
import { exitAfterLogs } from '../logger.js';

export class WorkerSupervisor {
  readonly #wanted: number;
  readonly #port: number;
  readonly #logger: Logger;
  readonly #nextDelay: (death: WorkerDeath) => number;
  #stopping = false;
  /** The status the primary exits with once its workers have: 1 only when it gave up. */
  #exitCode: 0 | 1 = 0;
  /** Ids of the workers that listen on the service's port. */
  readonly #serving = new Set<number>();
  readonly #forkedAt = new Map<number, number>();
  readonly #pendingRestarts = new Set<NodeJS.Timeout>();
  /** Workers in a row that died before they listened; a worker that listens resets it. */
  #failedStarts = 0;
  /** A worker died since all were last serving: the log says when all serve again. */
  #short = false;

  constructor(wanted: number, port: number, timing: RestartTiming, logger: Logger) {
    this.#wanted = wanted;
    this.#port = port;
    this.#logger = logger;
    this.#nextDelay = restartBackoff(timing);
  }

  /** Forks the workers, and follows them and the primary's signals from now on. */
  start(): void {
    cluster.on('listening', (worker, address) => {
      this.#onListening(worker, address.port);
    });
    cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
      this.#onExit(worker, code, signal);
    });
    process.on('SIGHUP', () => {
      for (const worker of this.#liveWorkers()) worker.process.kill('SIGHUP');
    });
    const stop = () => {
      if (!this.#stopping) this.#stopAll(0);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    for (let i = 0; i < this.#wanted; i += 1) this.#fork();
  }

  #onListening(worker: Worker, port: number): void {
    // A worker with METRICS_PORT listens there first: it serves once the service's port is
    // open (PORT=0 lets each listen where it may, so any listening counts).
    if (this.#port !== 0 && port !== this.#port) return;
    if (this.#serving.has(worker.id)) return;
    this.#serving.add(worker.id);
    this.#failedStarts = 0;
    tellHeadcount(this.#headcount());
    if (this.#serving.size < this.#wanted || !this.#short) return;
    this.#short = false;
    this.#logger.info(
      this.#headcount(),
      `${String(this.#wanted)} of ${String(this.#wanted)} workers serving again`,
    );
  }

  #onExit(worker: Worker, code: number | null, signal: string | null): void {
    const hadListened = this.#serving.delete(worker.id);
    const livedMs = Date.now() - (this.#forkedAt.get(worker.id) ?? Date.now());
    this.#forkedAt.delete(worker.id);
    if (this.#stopping) {
      if (this.#liveWorkers().length === 0) exitAfterLogs(this.#logger, this.#exitCode);
      return;
    }
    this.#short = true;
    if (!hadListened) this.#failedStarts += 1;
    const how = signal ? `signal ${signal}` : `exit code ${String(code)}`;
    if (this.#serving.size === 0 && this.#failedStarts >= GIVE_UP_AFTER_FAILED_STARTS) {
      this.#logger.fatal(
        {
          worker: worker.process.pid,
          code,
          signal,
          ...this.#headcount(),
          failedStarts: this.#failedStarts,
        },
        `no worker is serving, and the last ${String(this.#failedStarts)} workers started each exited before serving (the last with ${how}; their errors are above): the node stops with exit status 1, so that its supervisor takes over`,
      );
      this.#stopAll(1);
      return;
    }
    const delayMs = this.#nextDelay({ livedMs, served: hadListened });
    this.#logger.error(
      {
        worker: worker.process.pid,
        code,
        signal,
        livedMs,
        ...this.#headcount(),
        restartInMs: delayMs,
      },
      `worker exited unexpectedly (${how}); ${String(this.#serving.size)} of ${String(this.#wanted)} workers serving; starting another in ${String(delayMs)} ms`,
    );
    tellHeadcount(this.#headcount());
    this.#restartAfter(delayMs);
  }

  #restartAfter(delayMs: number): void {
    const timer = setTimeout(() => {
      this.#pendingRestarts.delete(timer);
      this.#fork();
    }, delayMs);
    this.#pendingRestarts.add(timer);
  }

  #stopAll(code: 0 | 1): void {
    this.#stopping = true;
    this.#exitCode = code;
    for (const timer of this.#pendingRestarts) clearTimeout(timer);
    this.#pendingRestarts.clear();
    if (this.#liveWorkers().length === 0) exitAfterLogs(this.#logger, code);
    for (const worker of this.#liveWorkers()) worker.process.kill('SIGTERM');
  }

  #fork(): void {
    this.#forkedAt.set(cluster.fork().id, Date.now());
  }

  #liveWorkers(): Worker[] {
    return Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
  }

  #headcount(): { serving: number; wanted: number } {
    return { serving: this.#serving.size, wanted: this.#wanted };
  }
}
