/** The service's metrics in Prometheus format (prom-client), served at GET /metrics. */
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ServiceMetrics } from '../cds/metrics.js';
import type { ResilienceMetrics } from '../store/resilience-metrics.js';
import { sizeText } from '../fhir/bytes-in-flight.js';
import { MAX_FHIR_BYTES_IN_FLIGHT } from '../fhir/response-limit.js';
import { callCounts } from './call-counts.js';
import { MAX_REQUEST_BYTES_IN_FLIGHT } from './request-bytes-in-flight.js';

export interface PrometheusMetrics extends ServiceMetrics, ResilienceMetrics {
  /** This process's own metrics: what a cluster worker sends the primary (../cluster/cluster-metrics.ts). */
  registry: Registry;
  /** GET /metrics: this process's own metrics. */
  handler: RequestHandler;
}

/**
 * `serviceIds`: the services discovery lists, whose hook-call counts start at 0 (without
 * them, a service's count appears at its first call).
 */
export function createPrometheusMetrics(
  options: { serviceIds?: readonly string[] } = {},
): PrometheusMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'emd_cds_' });
  const ruleSeconds = new Histogram({
    name: 'emd_cds_rule_evaluation_seconds',
    help: 'Time to evaluate one rule for one hook call',
    labelNames: ['rule'],
    buckets: [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05],
    registers: [registry],
  });
  const prefetch = new Counter({
    name: 'emd_cds_prefetch_keys_total',
    help: 'Prefetch keys by where their data came from: prefetch (hit), no-data, fhir (miss, fetched) or unavailable',
    labelNames: ['key', 'source'],
    registers: [registry],
  });
  const fhirSeconds = new Histogram({
    name: 'emd_cds_fhir_read_seconds',
    help: 'Time to read one prefetch query from the client FHIR server',
    labelNames: ['resource_type', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2],
    registers: [registry],
  });
  const clientErrors = new Counter({
    name: 'emd_cds_client_errors_total',
    help: 'Requests answered with a 4xx, by status and reason',
    labelNames: ['status', 'reason'],
    registers: [registry],
  });
  const boundReached = new Counter({
    name: 'emd_cds_request_bytes_bound_reached_total',
    help: `Requests refused 503 with Retry-After, their body not read: this process was already reading ${sizeText(MAX_REQUEST_BYTES_IN_FLIGHT)} of request bodies at once`,
    registers: [registry],
  });
  const fhirBoundReached = new Counter({
    name: 'emd_cds_fhir_answer_bytes_bound_reached_total',
    help: `FHIR reads cut off, the call's Conditions then 412 or its imaging checks off: this process was already reading ${sizeText(MAX_FHIR_BYTES_IN_FLIGHT)} of FHIR answers at once`,
    registers: [registry],
  });
  const budgetExhausted = new Counter({
    name: 'emd_cds_fhir_budget_exhausted_total',
    help: 'Hook calls whose FHIR time budget (FHIR_TIMEOUT_MS) ran out before their reads finished',
    labelNames: ['service'],
    registers: [registry],
  });
  const resilience = resilienceMetrics(registry);
  return {
    ...resilience,
    ...callCounts(registry, options.serviceIds ?? []),
    registry,
    ruleEvaluated: (rule, seconds) => {
      ruleSeconds.observe({ rule }, seconds);
    },
    prefetchKey: (key, source) => {
      prefetch.inc({ key, source });
    },
    fhirRead: (resourceType, outcome, seconds) => {
      fhirSeconds.observe({ resource_type: resourceType, outcome }, seconds);
    },
    clientError: (status, reason) => {
      clientErrors.inc({ status: String(status), reason });
    },
    requestBytesBoundReached: () => {
      boundReached.inc();
    },
    fhirAnswerBytesBoundReached: () => {
      fhirBoundReached.inc();
    },
    fhirBudgetExhausted: (service) => {
      budgetExhausted.inc({ service });
    },
    handler: async (_req, res) => {
      res.type(registry.contentType).send(await registry.metrics());
    },
  };
}

/**
 * Issue #16: what a node does while its database is down. In cluster mode the node's /metrics
 * sums its workers' metrics (../cluster/cluster-metrics.ts); the two gauges say something of the whole
 * node each, so they take the largest of the workers' values instead.
 */
function resilienceMetrics(registry: Registry): ResilienceMetrics {
  const spooled = new Counter({
    name: 'emd_cds_audit_spooled_total',
    help: 'Audit records written to the local spool because the audit store could not take them',
    registers: [registry],
  });
  const replayed = new Counter({
    name: 'emd_cds_audit_replayed_total',
    help: 'Spooled audit records since committed to the audit store',
    registers: [registry],
  });
  const depth = new Gauge({
    name: 'emd_cds_audit_spool_depth',
    help: 'Audit records waiting in the local spool',
    // The node's workers share one spool file (src/store/audit-spool.ts): each worker's value
    // is a reading of the same depth, and a sum would count the records once per worker.
    aggregator: 'max',
    registers: [registry],
  });
  const cannotRecord = new Gauge({
    name: 'emd_cds_audit_cannot_record',
    help: '1 while neither the audit store nor the local spool accepts audit records: hook calls are refused and /readyz answers 503',
    // 1 when any worker cannot record (that worker refuses its calls), never 2.
    aggregator: 'max',
    registers: [registry],
  });
  const fallback = new Counter({
    name: 'emd_cds_shared_state_fallback_total',
    help: 'Replay-guard and rate-limit checks answered from this node only, the shared database not answering',
    labelNames: ['guard'],
    registers: [registry],
  });
  const countsSpooled = new Gauge({
    name: 'emd_cds_hook_call_counts_spool_depth',
    help: 'Batches of hook-call counts (the statistics\' "per 100 hook calls") waiting in the local spool for the database',
    // One spool file per node, as the audit's: each worker reads the same depth.
    aggregator: 'max',
    registers: [registry],
  });
  const callsInMemory = new Gauge({
    name: 'emd_cds_hook_calls_in_memory',
    help: 'Hook calls counted and neither stored nor spooled (both refused them, or the database has not answered their write in time): lost from the statistics if the process stops first',
    // Each worker holds its own: the node's are their sum.
    aggregator: 'sum',
    registers: [registry],
  });
  return {
    auditSpooled: (n) => {
      spooled.inc(n);
    },
    auditReplayed: (n) => {
      replayed.inc(n);
    },
    auditSpoolDepth: (n) => {
      depth.set(n);
    },
    auditCannotRecord: (cannot) => {
      cannotRecord.set(cannot ? 1 : 0);
    },
    sharedStateFallback: (guard) => {
      fallback.inc({ guard });
    },
    hookCallCountsSpooled: (batches) => {
      countsSpooled.set(batches);
    },
    hookCallsInMemory: (calls) => {
      callsInMemory.set(calls);
    },
  };
}
