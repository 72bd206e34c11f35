/**
 * Cluster mode (WORKERS > 1, or "auto" for one per core): a primary process forks workers
 * that all accept connections on the one port (node:cluster hands them out round-robin).
 * Each worker is a whole service; what must be shared for correctness — the JWT replay
 * guard and the rate-limit counts — lives in the store's database (src/store/shared-state.ts).
 *
 * The primary first creates what workers would otherwise race to create: the local
 * issuer's keys, the audit key, the schema. It restarts a worker that dies, pausing longer
 * after each one that dies at start (./cluster-restarts.ts), tells the workers how many of
 * them serve, for /readyz (./cluster-headcount.ts), and exits with status 1 when none serves
 * and the last few started all failed. It passes SIGHUP (reload) on to every worker, and on SIGTERM lets each
 * finish its requests, then exits 0: the only way it exits 0. It also sums the workers'
 * metrics for a scrape of /metrics (src/cluster-metrics.ts).
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { ensureLocalIssuerKeys } from './auth/local-issuer.js';
import { tellHeadcount } from './cluster-headcount.js';
import { answerWorkersMetrics } from './cluster-metrics.js';
import {
  GIVE_UP_AFTER_FAILED_STARTS,
  restartBackoff,
  scaledTiming,
  type RestartTiming,
} from './cluster-restarts.js';
import { exitAfterLogs } from './logger.js';
import { loadAuditSecret } from './config/audit-secret.js';
import type { ServiceOptions } from './config/environment.js';
import { openStore } from './store/open-store.js';
import { openFleetRegistry } from './store/fleet-registry.js';
import { checkAuditKey } from './store/fleet-membership.js';

export async function runPrimary(options: ServiceOptions, logger: Logger): Promise<void> {
  if (options.auth.localIssuer.enabled)
    await ensureLocalIssuerKeys(options.auth.localIssuer.keyDir);
  const auditKey = loadAuditSecret(options.audit.secret, options.audit.secretFile);
  const store = openStore(options.store);
  try {
    await store.migrate();
  } finally {
    await store.close();
  }
  // Checked here once, so a refused node exits instead of restarting workers that each fail.
  const registry = openFleetRegistry(options.store);
  try {
    await checkAuditKey(registry, auditKey, new Date(), options.store);
  } finally {
    await registry.close();
  }

  // Before the first fork: a worker's scrape may come as soon as it listens.
  answerWorkersMetrics();
  superviseWorkers(options, scaledTiming(options.clusterTimeScale), logger);
  logger.info(
    { workers: options.workers, port: options.port },
    `cluster: ${String(options.workers)} workers share port ${String(options.port)}, with the replay guard and rate limits in the store database`,
  );
}

/**
 * Forks `wanted` workers and keeps them running until SIGTERM or SIGINT. A pending restart
 * is a timer that keeps the primary alive: with every worker dead, an unref'd one let the
 * primary exit 0, which `Restart=on-failure` does not restart.
 */
function superviseWorkers(
  options: Pick<ServiceOptions, 'workers' | 'port'>,
  timing: RestartTiming,
  logger: Logger,
): void {
  const wanted = options.workers;
  let stopping = false;
  /** The status the primary exits with once its workers have: 1 only when it gave up. */
  let exitCode: 0 | 1 = 0;
  /** Ids of the workers that listen on the service's port. */
  const serving = new Set<number>();
  const forkedAt = new Map<number, number>();
  const pendingRestarts = new Set<NodeJS.Timeout>();
  const nextDelay = restartBackoff(timing);
  /** Workers in a row that died before they listened; a worker that listens resets it. */
  let failedStarts = 0;
  /** A worker died since all were last serving: the log says when all serve again. */
  let short = false;

  const liveWorkers = () => Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
  const headcount = () => ({ serving: serving.size, wanted });
  const fork = () => {
    forkedAt.set(cluster.fork().id, Date.now());
  };
  const stopAll = (code: 0 | 1) => {
    stopping = true;
    exitCode = code;
    for (const timer of pendingRestarts) clearTimeout(timer);
    pendingRestarts.clear();
    if (liveWorkers().length === 0) exitAfterLogs(logger, code);
    for (const worker of liveWorkers()) worker.process.kill('SIGTERM');
  };

  cluster.on('listening', (worker, address) => {
    // A worker with METRICS_PORT listens there first: it serves once the service's port is
    // open (PORT=0 lets each listen where it may, so any listening counts).
    if (options.port !== 0 && address.port !== options.port) return;
    if (serving.has(worker.id)) return;
    serving.add(worker.id);
    failedStarts = 0;
    tellHeadcount(headcount());
    if (serving.size < wanted || !short) return;
    short = false;
    logger.info(headcount(), `${String(wanted)} of ${String(wanted)} workers serving again`);
  });
  cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
    const hadListened = serving.delete(worker.id);
    const livedMs = Date.now() - (forkedAt.get(worker.id) ?? Date.now());
    forkedAt.delete(worker.id);
    if (stopping) {
      if (liveWorkers().length === 0) exitAfterLogs(logger, exitCode);
      return;
    }
    short = true;
    if (!hadListened) failedStarts += 1;
    const how = signal ? `signal ${signal}` : `exit code ${String(code)}`;
    if (serving.size === 0 && failedStarts >= GIVE_UP_AFTER_FAILED_STARTS) {
      logger.fatal(
        { worker: worker.process.pid, code, signal, ...headcount(), failedStarts },
        `no worker is serving, and the last ${String(failedStarts)} workers started each exited before serving (the last with ${how}; their errors are above): the node stops with exit status 1, so that its supervisor takes over`,
      );
      stopAll(1);
      return;
    }
    const delayMs = nextDelay(livedMs);
    logger.error(
      { worker: worker.process.pid, code, signal, livedMs, ...headcount(), restartInMs: delayMs },
      `worker exited unexpectedly (${how}); ${String(serving.size)} of ${String(wanted)} workers serving; starting another in ${String(delayMs)} ms`,
    );
    tellHeadcount(headcount());
    const timer = setTimeout(() => {
      pendingRestarts.delete(timer);
      fork();
    }, delayMs);
    pendingRestarts.add(timer);
  });

  process.on('SIGHUP', () => {
    for (const worker of liveWorkers()) worker.process.kill('SIGHUP');
  });
  const stop = () => {
    if (!stopping) stopAll(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  for (let i = 0; i < wanted; i += 1) fork();
}

export const isClusterWorker = (): boolean => cluster.isWorker;
