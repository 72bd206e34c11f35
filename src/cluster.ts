/**
 * Cluster mode (WORKERS > 1, or "auto" for one per core): a primary process forks workers
 * that all accept connections on the one port (node:cluster hands them out round-robin).
 * Each worker is a whole service; what must be shared for correctness — the JWT replay
 * guard and the rate-limit counts — lives in the store's database (src/store/shared-state.ts).
 *
 * The primary first creates what workers would otherwise race to create: the local
 * issuer's keys, the audit key, the schema. It restarts a worker that dies, passes SIGHUP
 * (reload) on to every worker, and on SIGTERM lets each finish its requests, then exits.
 * It also sums the workers' metrics for a scrape of /metrics (src/cluster-metrics.ts).
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { ensureLocalIssuerKeys } from './auth/local-issuer.js';
import { answerWorkersMetrics } from './cluster-metrics.js';
import { exitAfterLogs } from './logger.js';
import { loadAuditSecret } from './config/audit-secret.js';
import type { ServiceOptions } from './config/environment.js';
import { openStore } from './store/open-store.js';
import { openFleetRegistry } from './store/fleet-registry.js';
import { checkAuditKey } from './store/fleet-membership.js';

/** A worker that dies is started again after this pause (no tight crash loop). */
const RESTART_DELAY_MS = 1000;

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

  let stopping = false;
  const fork = (): Worker => cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) exitAfterLogs(logger, 0);
      return;
    }
    logger.error(
      { pid: worker.process.pid, code, signal },
      `worker exited unexpectedly; starting another in ${String(RESTART_DELAY_MS)} ms`,
    );
    setTimeout(fork, RESTART_DELAY_MS).unref();
  });
  const eachWorker = (act: (worker: Worker) => void) => {
    for (const worker of Object.values(cluster.workers ?? {})) if (worker) act(worker);
  };
  process.on('SIGHUP', () => {
    eachWorker((worker) => worker.process.kill('SIGHUP'));
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (Object.keys(cluster.workers ?? {}).length === 0) exitAfterLogs(logger, 0);
    eachWorker((worker) => worker.process.kill('SIGTERM'));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  // Before the first fork: a worker's scrape may come as soon as it listens.
  answerWorkersMetrics();
  for (let i = 0; i < options.workers; i += 1) fork();
  logger.info(
    { workers: options.workers, port: options.port },
    `cluster: ${String(options.workers)} workers share port ${String(options.port)}, with the replay guard and rate limits in the store database`,
  );
}

export const isClusterWorker = (): boolean => cluster.isWorker;
