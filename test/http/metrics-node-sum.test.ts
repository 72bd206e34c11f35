/**
 * Cluster mode's /metrics is the sum of the workers' registries, as prom-client's
 * AggregatorRegistry makes it (src/cluster/cluster-metrics.ts). Counters add up; the two gauges that
 * each say something of the whole node take the largest value instead: two workers that
 * cannot record do not make `emd_cds_audit_cannot_record` 2, and two readings of the node's
 * one spool file do not double its depth (the audit's, nor the hook-call counts').
 */
import { AggregatorRegistry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import {
  createPrometheusMetrics,
  type PrometheusMetrics,
} from '../../src/http/prometheus-metrics.js';

async function nodeSum(workers: PrometheusMetrics[]): Promise<string[]> {
  const registries = await Promise.all(workers.map((w) => w.registry.getMetricsAsJSON()));
  const text = await AggregatorRegistry.aggregate(registries).metrics();
  return text
    .split('\n')
    .filter((line) => line.startsWith('emd_cds_') && !line.includes('_bucket'));
}

describe("a cluster node's /metrics", () => {
  it('adds up the counters and takes the largest value of the node-wide gauges', async () => {
    const [a, b] = [createPrometheusMetrics(), createPrometheusMetrics()] as const;
    a.hookCallAnswered('emd-patient-view');
    a.hookCallAnswered('emd-patient-view');
    b.hookCallAnswered('emd-patient-view');
    a.auditSpooled(4);
    b.auditSpooled(1);
    a.auditSpoolDepth(5);
    b.auditSpoolDepth(5);
    a.auditCannotRecord(true);
    b.auditCannotRecord(true);
    a.hookCallCountsSpooled(2);
    b.hookCallCountsSpooled(2);
    a.hookCallsInMemory(3);
    b.hookCallsInMemory(4);
    const lines = await nodeSum([a, b]);
    expect(lines).toContain('emd_cds_hook_calls_total{service="emd-patient-view"} 3');
    expect(lines).toContain('emd_cds_audit_spooled_total 5');
    expect(lines).toContain('emd_cds_audit_spool_depth 5');
    expect(lines).toContain('emd_cds_audit_cannot_record 1');
    // The node's one spool file read by each worker; each worker's own calls in memory.
    expect(lines).toContain('emd_cds_hook_call_counts_spool_depth 2');
    expect(lines).toContain('emd_cds_hook_calls_in_memory 7');
  });

  it('says 1 for cannot-record when only one worker cannot', async () => {
    const [a, b] = [createPrometheusMetrics(), createPrometheusMetrics()] as const;
    a.auditCannotRecord(false);
    b.auditCannotRecord(true);
    expect(await nodeSum([a, b])).toContain('emd_cds_audit_cannot_record 1');
  });
});
