/**
 * Cluster mode (WORKERS > 1, or "auto" for one per core): a primary process forks workers
 * that all accept connections on the one port (node:cluster hands them out round-robin).
 * Each worker is a whole service; what must be shared for correctness — the JWT replay
 * guard and the rate-limit counts — lives in the store's database (src/store/shared-state.ts).
 *
 * The primary first creates what workers would otherwise race to create: the local
 * issuer's keys, the audit key, the schema. Its workers are kept by ./cluster-supervisor.ts:
 * restarted when they die, pausing longer after each one that dies at start, told how many
 * serve (for /readyz), given up on (exit 1) when none serves and the last few started all
 * failed; SIGHUP (reload) is passed on to each, and on SIGTERM each finishes its requests
 * before the primary exits 0, the only way it exits 0. It also sums the workers' metrics for
 * a scrape of /metrics (src/cluster/cluster-metrics.ts), and gives each worker, whenever it
 * starts, the start-only settings it read and checked and what the files they name held
 * (./worker-start-settings.ts).
 */
import type { Logger } from 'pino';
import { answerWorkersMetrics } from './cluster-metrics.js';
import { scaledTiming } from './cluster-restarts.js';
import { WorkerSupervisor } from './cluster-supervisor.js';
import { answerStartSettings, type StartSettings } from './worker-start-settings.js';
import { warnOfMissingWebApps } from '../http/web-apps.js';
import { auditKeyOf } from '../config/start-files.js';
import type { ServiceOptions } from '../config/environment.js';
import { openStore } from '../store/open-store.js';
import { openFleetRegistry } from '../store/fleet-registry.js';
import { checkAuditKey } from '../store/fleet-membership.js';

export async function runPrimary(
  options: ServiceOptions,
  startSettings: StartSettings,
  logger: Logger,
): Promise<void> {
  // The local issuer's keys and the audit key were made, if new, when the start files were
  // read (src/config/start-files.ts): before the first fork, so no two workers race to.
  const auditKey = auditKeyOf(startSettings.files);
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

  // Here once for the node: each worker would say it again at each start (src/service.ts).
  warnOfMissingWebApps(options.webRoot, logger);
  // Before the first fork: a worker asks for these first, and may be scraped once it listens.
  answerStartSettings(startSettings);
  answerWorkersMetrics();
  const timing = scaledTiming(options.clusterTimeScale);
  new WorkerSupervisor(options.workers, options.port, timing, logger).start();
  logger.info(
    { workers: options.workers, port: options.port },
    `cluster: ${String(options.workers)} workers share port ${String(options.port)}, with the replay guard and rate limits in the store database`,
  );
}
