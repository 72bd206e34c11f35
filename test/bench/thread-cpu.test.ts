/**
 * The bench's CPU accounting (docs/performance.md §15): the main thread's time is its own,
 * apart from the other threads of the process (autocannon, the audit writer, collector
 * helpers), and a throughput target reads as the main-thread time it allows a request.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { LoadResult } from '../../bench/load.js';
import type { MicroResults } from '../../bench/rules-micro.js';
import { evaluateTargets } from '../../bench/targets.js';
import { cpuPerRequest, cpuSnapshot } from '../../bench/thread-cpu.js';

const onLinux = process.platform === 'linux';

/** Keeps the calling thread on the CPU for `ms` of wall time. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy on purpose
  }
}

describe('main-thread CPU per request', () => {
  it.runIf(onLinux)('counts the main thread spinning on the main thread', () => {
    const start = cpuSnapshot();
    spin(150);
    const cpu = cpuPerRequest(start, 1);
    // Most of the 150 ms spun, unless the shared machine took the core away for long.
    expect(cpu.mainMs).toBeGreaterThan(10);
    // The main thread is one of the process's threads: never more than all of them.
    expect(cpu.mainMs).toBeLessThanOrEqual(cpu.processMs * 1.05 + 1);
  });

  it.runIf(onLinux)('leaves another thread spinning out of the main thread', async () => {
    const start = cpuSnapshot();
    const worker = new Worker(
      'const until = performance.now() + 300; while (performance.now() < until) {}',
      { eval: true },
    );
    await new Promise((resolve) => worker.once('exit', resolve));
    const cpu = cpuPerRequest(start, 1);
    // The main thread only waited; the worker's time shows in the process's total.
    expect(cpu.processMs - (cpu.mainMs ?? 0)).toBeGreaterThan(cpu.mainMs ?? 0);
  });

  it('divides by the requests answered', () => {
    const start = { mainNs: 0, processMicros: 0 };
    const cpu = cpuPerRequest(start, 1_000);
    // Everything this process ever spent, over 1,000 requests: a thousandth of its total.
    const usage = process.cpuUsage();
    expect(cpu.processMs).toBeCloseTo((usage.user + usage.system) / 1e3 / 1_000, 1);
  });
});

const load = (requests: number): LoadResult => ({
  requestsPerSecond: requests / 5,
  responses: requests,
  sent: requests,
  durationSeconds: 5,
  latencyP50Ms: 5,
  latencyP97_5Ms: 9,
  latencyP99Ms: 10,
  latencyMaxMs: 12,
  errors: 0,
  timeouts: 0,
  non2xx: 0,
  statusCodes: { '200': requests },
});

const NO_MICRO: MicroResults = {
  evaluate: [],
  callServicePrefetch: [],
  fhirFallback: [],
  fhirBudgetMs: 5_000,
  fhirMaxPages: 10,
};

describe('throughput targets in main-thread time', () => {
  it('states what 0.55× of the baseline allows a typical request', () => {
    const targets = evaluateTargets(
      {
        typical: {
          baseline: {
            measured: load(10_000),
            peakRssBytes: 0,
            cpu: { mainMs: 0.44, processMs: 0.6 },
          },
          'auth-off': {
            measured: load(4_000),
            peakRssBytes: 0,
            cpu: { mainMs: 1.1, processMs: 1.5 },
          },
        },
      },
      NO_MICRO,
    );
    const typical = targets.find((t) => t.name.startsWith('typical, auth off'));
    // 4,000 against 10,000 answers is 0.40×; 0.44 ms ÷ 0.55 = 0.80 ms.
    expect(typical).toMatchObject({ met: false });
    expect(typical?.detail).toBe(
      '0.40× (800 vs 2000 req/s; main thread 1.10 ms a request vs 0.44, 0.80 allowed)',
    );
  });

  it('says nothing of main-thread time where a run has no CPU figure', () => {
    const targets = evaluateTargets(
      {
        typical: {
          baseline: { measured: load(10_000), peakRssBytes: 0 },
          'auth-off': { measured: load(6_000), peakRssBytes: 0 },
        },
      },
      NO_MICRO,
    );
    expect(targets.find((t) => t.name.startsWith('typical, auth off'))?.detail).toBe(
      '0.60× (1200 vs 2000 req/s)',
    );
  });
});
