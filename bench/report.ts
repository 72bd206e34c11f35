/**
 * The end of `npm run bench`: the results table, the micro-benchmark's table and the
 * targets printed, and everything written to bench/results/latest.json (git-ignored).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import {
  BODY_LIMIT_BYTES,
  CONNECTIONS,
  MEASURE_SECONDS,
  measureSecondsOf,
  SERVER_LABEL,
  WARMUP_SECONDS,
  type ScenarioRecord,
  type ServerKind,
} from './bench-records.js';
import { HEAVY_RESOURCES } from './payloads.js';
import { STEADY_STATE_SECONDS_PER_SCENARIO } from './steady-state.js';
import { microTable, type MicroResults } from './rules-micro.js';
import { fmt, mb, table } from './stats.js';
import type { evaluateTargets } from './targets.js';

/** Where latest.json and the --profile CPU profiles go (git-ignored). */
export const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

export interface BenchOutcome {
  startedAt: Date;
  machine: Record<string, unknown> & { loadAverageAtStart: number[] };
  loadAverageAtEnd: number[];
  rssAfterStartBytes: number;
  records: ScenarioRecord[];
  micro: MicroResults;
  targets: ReturnType<typeof evaluateTargets>;
  totalSeconds: number;
  phases: {
    steadyStateSeconds: number;
    loadScenariosSeconds: number;
    tokenMintingSeconds: number;
    microSeconds: number;
  };
}

export async function reportResults(
  outcome: BenchOutcome,
  log: (line: string) => void,
): Promise<void> {
  const {
    startedAt,
    machine,
    loadAverageAtEnd,
    rssAfterStartBytes,
    records,
    micro,
    targets,
    totalSeconds,
    phases,
  } = outcome;
  const rows = records.flatMap((record) =>
    (Object.keys(SERVER_LABEL) as ServerKind[]).flatMap((server) => {
      const run = record.runs.find((r) => r.server === server);
      if (!run) return [];
      const m = run.measured;
      return [
        [
          record.name,
          SERVER_LABEL[server],
          fmt(record.bodyBytes / 1024, 0),
          fmt(m.requestsPerSecond, 0),
          fmt(m.latencyP50Ms, 1),
          fmt(m.latencyP99Ms, 1),
          String(m.errors),
          String(m.non2xx),
          run.prefetchKeysUnavailable === undefined ? '–' : String(run.prefetchKeysUnavailable),
          mb(run.peakRssBytes),
          run.cpu?.mainMs === undefined ? '–' : fmt(run.cpu.mainMs, 2),
          run.cpu === undefined ? '–' : fmt(run.cpu.processMs, 2),
          run.throughputRatio === undefined ? '–' : `${run.throughputRatio.toFixed(2)}×`,
          run.p99Ratio === undefined ? '–' : `${run.p99Ratio.toFixed(1)}×`,
        ],
      ];
    }),
  );
  const resultsTable = table(
    [
      'scenario',
      'server',
      'body KiB',
      'req/s',
      'p50 ms',
      'p99 ms',
      'errors',
      'non-2xx',
      'data gaps',
      'peak RSS MiB',
      'main CPU ms/req',
      'all CPU ms/req',
      'req/s vs base',
      'p99 vs base',
    ],
    rows,
  );
  log(
    `\nResults (${String(CONNECTIONS)} connections, ${String(MEASURE_SECONDS)} s measured (heavy ${String(measureSecondsOf('heavy'))} s) after ${String(WARMUP_SECONDS)} s warm-up, all after the steady-state load; RSS is the whole process — all servers, the load generator thread and the data — after each run; CPU per request: the main thread, where baselines and services answer, and every thread of the process, load generator included)\n`,
  );
  log(resultsTable);
  log(
    `\nIn-process (no HTTP): evaluate() alone; callService() with the data as prefetch (no audit; JSON.parse of that body shown apart); callService() with no prefetch, reading the local FHIR server (budget ${String(micro.fhirBudgetMs / 1000)} s, up to ${String(micro.fhirMaxPages)} pages)\n`,
  );
  log(microTable(micro));
  log('\nTargets (reported, not asserted)');
  for (const target of targets)
    log(`  ${target.met ? 'met    ' : 'NOT met'}  ${target.name}: ${target.detail}`);
  log(
    `\nTotal ${fmt(totalSeconds, 0)} s: steady-state load ${String(phases.steadyStateSeconds)} s, load scenarios ${String(phases.loadScenariosSeconds)} s (of which token minting ${String(phases.tokenMintingSeconds)} s), micro-benchmark ${String(phases.microSeconds)} s; load average ${machine.loadAverageAtStart.join(' ')} at start, ${loadAverageAtEnd.join(' ')} at end (the machine is shared).`,
  );

  const output = {
    generatedAt: startedAt.toISOString(),
    machine: { ...machine, loadAverageAtEnd },
    rssAfterStartBytes,
    settings: {
      connections: CONNECTIONS,
      warmupSeconds: WARMUP_SECONDS,
      steadyStateSecondsPerScenario: STEADY_STATE_SECONDS_PER_SCENARIO,
      measureSeconds: MEASURE_SECONDS,
      heavyMeasureSeconds: measureSecondsOf('heavy'),
      bodyLimitBytes: BODY_LIMIT_BYTES,
      heavyResources: HEAVY_RESOURCES,
      loadGenerator: 'autocannon 9.0.0, one worker thread of the benchmark process',
      singleProcess: true,
    },
    scenarios: records,
    micro,
    targets,
    notes: [
      'Baseline and both services on the main thread, autocannon in a worker thread; the FHIR server and the cluster in processes of their own.',
      'The audit store cannot be switched off through startService: the auth-off service still audits to SQLite.',
      'Token minting (ES384 with the local issuer key, RS384 with a key made for the run) happens before each run with tokens and is not counted.',
      'The verify baselines cycle a pool of tokens (they keep no replay cache); the service gets a fresh token per call.',
      "fhir-limit: the service's FHIR queries for one patient-view call, sent straight to the FHIR server by a closed loop on the main thread; one iteration counts as one request.",
    ],
    totalSeconds,
    phases,
    table: resultsTable,
  };
  const resultsFile = join(RESULTS_DIR, 'latest.json');
  // Formatted as prettier would, so `prettier --check .` stays clean after a run.
  const json = await format(JSON.stringify(output), {
    ...(await resolveConfig(resultsFile)),
    filepath: resultsFile,
  });
  writeFileSync(resultsFile, json);
  log(`\nWrote ${resultsFile}`);
}
