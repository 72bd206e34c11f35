/**
 * The service's store and the jobs that keep it (part of the composition root, src/service.ts):
 * the feedback and audit database behind this node's audit spool, the fleet registry and its
 * audit-key check, the shared state of the replay guard and rate limits, the hook-call tally,
 * and the daily audit retention purge.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { ServiceOptions } from './config/environment.js';
import type { PrometheusMetrics } from './http/prometheus-metrics.js';
import { openAuditSpool, SPOOL_FILE } from './store/audit-spool.js';
import { callTally, type TallyState } from './store/call-tally.js';
import { openCountSpool } from './store/count-spool.js';
import { checkAuditKey } from './store/fleet-membership.js';
import { openFleetRegistry } from './store/fleet-registry.js';
import { withGroupCommit } from './store/group-commit.js';
import { openStore } from './store/open-store.js';
import type { SharedState } from './store/shared-state-contract.js';
import { openSharedState } from './store/shared-state.js';
import { sharedStateCircuit } from './store/shared-state-circuit.js';
import { withAuditSpool } from './store/spooled-store.js';
import { DAY_MS, daysBefore } from './rules/time.js';

/**
 * True when the JWT replay guard and rate limits must go through the store's database:
 * in a cluster worker, and whenever the store is PostgreSQL (a database shared by several
 * nodes is the reason to configure one; a single node loses nothing by it).
 */
export function sharesState(options: Pick<ServiceOptions, 'sharedState' | 'store'>): boolean {
  return options.sharedState || 'postgresUrl' in options.store;
}

/**
 * Opens (and migrates) the store, joins the fleet, and starts the store's periodic jobs.
 * `auditKey`: the node's, as read at its start (src/config/start-files.ts).
 */
export async function openServiceStore(
  options: ServiceOptions,
  auditKey: Buffer,
  logger: Logger,
  metrics: PrometheusMetrics,
) {
  const database = withGroupCommit(openStore(options.store));
  await database.migrate();
  // A node whose audit key is not the fleet's must not join (src/store/fleet-membership.ts).
  const registry = openFleetRegistry(options.store);
  try {
    await checkAuditKey(registry, auditKey, new Date(), options.store);
  } catch (error) {
    await Promise.all([registry.close(), database.close()]);
    throw error;
  }
  // Issue #16: a hook call whose cards the database cannot take commits them to this
  // node's spool instead, and still answers; the spool is replayed when the database is back.
  const auditStore = withAuditSpool(database, openAuditSpool(join(options.dataDir, SPOOL_FILE)), {
    logger,
    metrics,
  });
  const circuit = sharedStateCircuit({ logger, metrics });
  // The replay guard and rate limits live in the store's database whenever other processes
  // may answer the same callers: cluster workers (SQLite or PostgreSQL), and every node on
  // PostgreSQL, which is how independent nodes behind a load balancer are deployed.
  const sharedState = sharesState(options) ? openSharedState(options.store) : undefined;
  const purgeSharedState = async (state: SharedState) => {
    const now = Date.now();
    await state.purge(now, now - 2 * 60_000).catch((error: unknown) => {
      logger.error(
        { problem: error instanceof Error ? error.message : String(error) },
        'shared state purge failed',
      );
    });
  };
  // Once before the service listens: the shared state's connection (the writer thread's,
  // or the pool's) is opened now, not by the first hook call. A first answer slower than
  // the circuit's timeout would count as an outage, and during one two workers could each
  // admit the same token (issue #15: the replay guard stays exact across workers).
  if (sharedState) await purgeSharedState(sharedState);
  const sharedStateTimer = sharedState
    ? setInterval(() => void purgeSharedState(sharedState), 60_000).unref()
    : undefined;
  // Hook calls counted for the stats' "per 100 hook calls" (issue #17), added every few
  // seconds; those the database refuses wait in the node's spool file, as its cards do.
  const hookCalls = callTally(auditStore, {
    spool: openCountSpool(join(options.dataDir, SPOOL_FILE)),
    onState: (state, problem) => {
      logTallyState(logger, state, problem);
    },
    onWaiting: ({ spooledBatches, callsInMemory }) => {
      metrics.hookCallCountsSpooled(spooledBatches);
      metrics.hookCallsInMemory(callsInMemory);
    },
  });
  const purge = async () => {
    const cutoff = daysBefore(new Date(), options.retentionDays).toISOString();
    const deleted = await auditStore.purgeBefore(cutoff);
    if (deleted > 0) logger.info({ deleted, cutoff }, 'audit retention: old records deleted');
  };
  await purge();
  const purgeTimer = setInterval(() => {
    purge().catch((error: unknown) => {
      logger.error(
        { problem: error instanceof Error ? error.message : String(error) },
        'audit retention purge failed',
      );
    });
  }, DAY_MS).unref();
  return {
    auditKey,
    registry,
    auditStore,
    circuit,
    sharedState,
    hookCalls,
    /** Stops the periodic purges; the stores stay open until closed. */
    stopTimers: (): void => {
      clearInterval(purgeTimer);
      clearInterval(sharedStateTimer);
    },
  };
}

/** Once per change of where the hook call counts wait, as the audit spool logs an outage once. */
function logTallyState(logger: Logger, state: TallyState, problem: unknown): void {
  const detail = { problem: problem instanceof Error ? problem.message : String(problem) };
  if (state === 'stored') logger.info('hook call counts stored again, the spooled ones added');
  else if (state === 'spooled')
    logger.warn(
      detail,
      'hook call counts not stored: written to the local spool, added once the audit store answers',
    );
  else if (state === 'awaiting the store')
    logger.warn(
      detail,
      'hook call counts: the audit store has not answered their write in time; left to finish, not sent again (lost if the node stops first), later counts spooled meanwhile',
    );
  else
    logger.warn(
      detail,
      'hook call counts not stored and not spooled (the local spool refused them too): kept in memory for the next try, lost if the node stops first',
    );
}
