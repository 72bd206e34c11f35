/**
 * What a node counts while its database is down (issue #16), exported at /metrics by
 * src/http/prometheus-metrics.ts. No labels about patients: counts and guard names only.
 */
export interface ResilienceMetrics {
  /** Audit records written to the local spool because the database could not take them. */
  auditSpooled(records: number): void;
  /** Spooled audit records the database has since committed. */
  auditReplayed(records: number): void;
  /** Records waiting in the spool now. */
  auditSpoolDepth(records: number): void;
  /** True while neither the database nor the spool accepts audit records (./audit-recording.ts). */
  auditCannotRecord(cannot: boolean): void;
  /** A check answered from this node's memory because the shared database could not answer. */
  sharedStateFallback(guard: 'replay-guard' | 'rate-limit'): void;
  /** Hook-call count batches waiting in the node's spool for the database (./call-tally.ts). */
  hookCallCountsSpooled(batches: number): void;
  /** Hook calls neither stored nor spooled (refused, or in a late write): lost if it stops. */
  hookCallsInMemory(calls: number): void;
}

export const NO_RESILIENCE_METRICS: ResilienceMetrics = {
  auditSpooled: () => undefined,
  auditReplayed: () => undefined,
  auditSpoolDepth: () => undefined,
  auditCannotRecord: () => undefined,
  sharedStateFallback: () => undefined,
  hookCallCountsSpooled: () => undefined,
  hookCallsInMemory: () => undefined,
};
