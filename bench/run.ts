/**
 * `npm run bench`: load benchmark of the CDS Hooks service, then the in-process
 * micro-benchmark (bench/rules-micro.ts), on 127.0.0.1 only. In this process: a bare
 * express baseline and two verify baselines (bare + one ES384 / RS384 verification), the
 * service in production mode (authentication and audit on; ES384 and RS384 tokens) and the
 * service with authentication off, with the load generator (autocannon) in a worker thread.
 * In processes of their own: the local FHIR server (also loaded directly, for its own
 * limit), and the service in cluster mode (one worker per core, authentication off). Prints
 * one table and the targets of issue #15 (met / not met) and writes
 * bench/results/latest.json; `-- --profile` also writes CPU profiles of the typical and
 * heavy runs there. It reports; it never fails on a number.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadDefaultSettings } from '../src/config/load-settings.js';
import {
  BODY_LIMIT_BYTES,
  CONNECTIONS,
  MEASURE_SECONDS,
  measureSecondsOf,
  QUICK,
  WARMUP_SECONDS,
  type ScenarioRecord,
} from './bench-records.js';
import { startBenchServers } from './bench-servers.js';
import { buildScenarios } from './payloads.js';
import { reportResults, RESULTS_DIR } from './report.js';
import { runRulesMicro, type MicroResults } from './rules-micro.js';
import { measureScenario } from './scenario-runs.js';
import { SERVICE_V8_FLAGS } from './services.js';
import { startProfiler, type Profiler } from './profile.js';
import { fmt, mb } from './stats.js';
import { STEADY_STATE_SECONDS_PER_SCENARIO, warmToSteadyState } from './steady-state.js';
import { evaluateTargets, type RunsByServer } from './targets.js';
import { tmpfsFolder, type TmpfsFolder } from './tmpfs-folder.js';
import { parseScriptArgs } from '../tools/script-args.js';

const log = (line: string) => {
  console.log(line);
};

async function main(dir: string, tmpfs: TmpfsFolder, options: { profile: boolean }): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const startedAt = new Date();
  const started = performance.now();
  const cpuList = cpus();
  const machine = {
    cores: cpuList.length,
    cpuModel: cpuList[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${platform()} ${release()}`,
    totalMemoryMiB: Math.round(totalmem() / 1024 / 1024),
    loadAverageAtStart: loadavg().map((value) => Number(value.toFixed(2))),
  };
  log(
    `EMD CDS Hooks load benchmark — ${String(machine.cores)} cores (${machine.cpuModel}), Node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}`,
  );
  log(
    `V8 heap flags: ${SERVICE_V8_FLAGS.join(' ') || "Node's defaults"} (the services' and, in this process, the baseline's; npm start gives the service the same).`,
  );
  log(
    `On 127.0.0.1: the baseline and both services in this process, autocannon in a worker thread, the FHIR server and the cluster in processes of their own; ${String(CONNECTIONS)} connections, ${String(WARMUP_SECONDS)} s warm-up + ${String(MEASURE_SECONDS)} s measured per run (heavy ${String(measureSecondsOf('heavy'))} s), after ${String(STEADY_STATE_SECONDS_PER_SCENARIO)} s of each scenario on the auth-off service and on the cluster (and of typical on the baseline) to bring the code to steady state.`,
  );

  const servers = await startBenchServers(dir, tmpfs);
  const rssAfterStartBytes = process.memoryUsage().rss;
  log(
    `FHIR server ${servers.fhir.url} (${String(servers.fhir.patients)} example patients); baseline ${servers.baseUrls.baseline}; service ${servers.baseUrls.production} (auth + audit), ${servers.baseUrls['auth-off']} (auth off); RSS with all of them up, before any load: ${mb(rssAfterStartBytes)} MiB`,
  );
  const profiler: Profiler | undefined = options.profile
    ? await startProfiler(RESULTS_DIR)
    : undefined;

  const scenarios = buildScenarios(servers.fhir.url);
  for (const s of scenarios) {
    log(
      `  ${s.name.padEnd(15)} ${String(s.prefetchResources).padStart(5)} resources in prefetch, body ${fmt(s.bodyBytes / 1024, 1)} KiB${s.bodyBytes > BODY_LIMIT_BYTES ? ` — OVER THE ${String(BODY_LIMIT_BYTES / 1024 / 1024)} MiB BODY LIMIT` : ''}: ${s.description}`,
    );
  }

  const steadyStarted = performance.now();
  await warmToSteadyState(
    scenarios,
    {
      service: servers.baseUrls['auth-off'],
      baseline: servers.baseUrls.baseline,
      cluster: servers.baseUrls.cluster,
    },
    dir,
  );
  const steadyStateSeconds = Number(((performance.now() - steadyStarted) / 1000).toFixed(1));
  log(`  steady state: ${String(steadyStateSeconds)} s of load before any row (not measured)`);

  const records: ScenarioRecord[] = [];
  const loadStarted = performance.now();
  let mintMs = 0;
  const settings = loadDefaultSettings();
  for (const scenario of scenarios) {
    const measured = await measureScenario(scenario, { servers, settings, dir, profiler, log });
    records.push(measured.record);
    mintMs += measured.mintMs;
  }

  profiler?.close();
  await servers.close();

  const loadSeconds = (performance.now() - loadStarted) / 1000;

  log('\nIn-process micro-benchmark (bench/rules-micro.ts)');
  const microStarted = performance.now();
  const micro: MicroResults = QUICK
    ? await runRulesMicro(log, [50, 2_000], { withFhir: false })
    : await runRulesMicro(log);
  const phases = {
    loadScenariosSeconds: Number(loadSeconds.toFixed(1)),
    tokenMintingSeconds: Number((mintMs / 1000).toFixed(1)),
    steadyStateSeconds,
    microSeconds: Number(((performance.now() - microStarted) / 1000).toFixed(1)),
  };

  const loadAverageAtEnd = loadavg().map((value) => Number(value.toFixed(2)));
  const totalSeconds = (performance.now() - started) / 1000;
  const targets = evaluateTargets(
    Object.fromEntries(
      records.map((record): [string, RunsByServer] => [
        record.name,
        Object.fromEntries(record.runs.map((run) => [run.server, run])),
      ]),
    ),
    micro,
    Object.fromEntries(records.map((record) => [record.name, record.rounds])),
  );

  await reportResults(
    {
      startedAt,
      machine,
      loadAverageAtEnd,
      rssAfterStartBytes,
      records,
      micro,
      targets,
      totalSeconds,
      phases,
    },
    log,
  );
}

const { values } = parseScriptArgs('npm run bench -- [--profile]', {
  options: { profile: { type: 'boolean', default: false } },
});
// Keys, audit databases, token pools and request hooks live here for the run only, and one
// audit database on tmpfs (memory, until removed).
const workDir = mkdtempSync(join(tmpdir(), 'emd-cds-bench-'));
const tmpfs = tmpfsFolder();
try {
  await main(workDir, tmpfs, { profile: values.profile });
} finally {
  rmSync(workDir, { recursive: true, force: true });
  if ('dir' in tmpfs) rmSync(tmpfs.dir, { recursive: true, force: true });
}
