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
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { ensureLocalIssuerKeys } from '../src/auth/local-issuer.js';
import { loadDefaultSettings } from '../src/config/load-settings.js';
import { startBaseline } from './baseline-app.js';
import { runFhirLimit, serviceQueries } from './fhir-limit.js';
import { runLoad, type LoadResult } from './load.js';
import { buildScenarios, HEAVY_RESOURCES, type Scenario } from './payloads.js';
import { microTable, runRulesMicro, type MicroResults } from './rules-micro.js';
import {
  SERVICE_V8_FLAGS,
  startClusterUnderTest,
  startExampleFhirServer,
  startServiceUnderTest,
  type ServiceUnderTest,
} from './services.js';
import { startProfiler, type Profiler } from './profile.js';
import { fmt, mb, table } from './stats.js';
import { evaluateTargets, okRate, type RunsByServer } from './targets.js';
import {
  localIssuerSigner,
  mintTokenPool,
  rs384Signer,
  type Signer,
  type TokenPool,
} from './tokens.js';

const CONNECTIONS = 10;
/** `--quick`: a smoke run of the benchmark itself (short runs, small micro sizes); not results. */
const QUICK = process.argv.includes('--quick');
const WARMUP_SECONDS = QUICK ? 0.5 : 1;
const MEASURE_SECONDS = QUICK ? 1 : 5;
/** Largest token pool minted for one run. */
const MAX_TOKENS = 30_000;
/** The body limit of the service and the baseline (service.bodyLimit default), in bytes. */
const BODY_LIMIT_BYTES = 5 * 1024 * 1024;
/** Scenarios that also get the verify baselines and the RS384 production run. */
const VERIFY_SCENARIOS = new Set(['typical', 'heavy']);
/** Scenarios whose auth-off and production runs are CPU-profiled with --profile. */
const PROFILED_SCENARIOS = new Set(['typical', 'heavy']);
/** Tokens in a verify baseline's pool: it does not refuse a replay, so the pool is cycled. */
const VERIFY_POOL = 500;

type ServerKind =
  | 'baseline'
  | 'verify-es384'
  | 'verify-rs384'
  | 'production'
  | 'production-rs384'
  | 'auth-off'
  | 'cluster'
  | 'fhir-limit';
/** Workers of the cluster-mode run: one per core. */
const CLUSTER_WORKERS = availableParallelism();
const SERVER_LABEL: Record<ServerKind, string> = {
  baseline: 'baseline (bare express)',
  'verify-es384': 'baseline + one ES384 verify',
  'verify-rs384': 'baseline + one RS384 verify',
  production: 'service: auth ES384 + audit',
  'production-rs384': 'service: auth RS384 + audit',
  'auth-off': 'service: auth off, audit on',
  cluster: `cluster: ${String(CLUSTER_WORKERS)} workers, auth off, audit on`,
  'fhir-limit': 'FHIR server limit (its 4 queries)',
};

interface RunRecord {
  server: ServerKind;
  warmup: LoadResult;
  measured: LoadResult;
  /** process.memoryUsage().rss right after the measured run (the whole process). */
  rssBytes: number;
  /** The highest RSS sampled (every 50 ms) during the measured run. */
  peakRssBytes: number;
  /** --profile: the CPU profile of the measured run. */
  profile?: string;
  tokens?: { warmup: TokenPool; measured: TokenPool; exhausted: boolean };
  /** From the service's /metrics: prefetch keys it could not obtain during the measured run. */
  prefetchKeysUnavailable?: number;
  fhirReadErrors?: number;
  throughputRatio?: number;
  p99Ratio?: number;
}

interface ScenarioRecord {
  name: string;
  description: string;
  serviceId: string;
  bodyBytes: number;
  prefetchResources: number;
  sanity: Partial<Record<ServerKind, { status: number; cards: number | undefined }>>;
  runs: RunRecord[];
}

const log = (line: string) => {
  console.log(line);
};

function targetUrl(base: string, scenario: Scenario): string {
  return `${base}/cds-services/${scenario.serviceId}`;
}

/** One call outside the measurement: the status and how many cards came back. */
async function sanityCall(
  url: string,
  body: string,
  token?: string,
): Promise<{ status: number; cards: number | undefined }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
  const text = await response.text();
  let cards: number | undefined;
  try {
    cards = (JSON.parse(text) as { cards?: unknown[] }).cards?.length;
  } catch {
    cards = undefined;
  }
  if (response.status !== 200) log(`    ! ${url} answered ${String(response.status)}: ${text}`);
  return { status: response.status, cards };
}

/** Sums a counter's samples whose labels contain every `labels` fragment. */
async function scrapeCounter(baseUrl: string, name: string, labels: string[]): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (!labels.every((label) => line.includes(label))) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1)) || 0;
  }
  return sum;
}

async function serviceCounters(baseUrl: string) {
  return {
    unavailable: await scrapeCounter(baseUrl, 'emd_cds_prefetch_keys_total', [
      'source="unavailable"',
    ]),
    fhirErrors: await scrapeCounter(baseUrl, 'emd_cds_fhir_read_seconds_count', [
      'outcome="error"',
    ]),
  };
}

function describeRun(label: string, result: LoadResult): string {
  const codes = Object.entries(result.statusCodes)
    .map(([status, count]) => `${status}×${String(count)}`)
    .join(' ');
  return `    ${label.padEnd(30)} ${fmt(result.requestsPerSecond).padStart(7)} req/s  p50 ${fmt(result.latencyP50Ms).padStart(6)} ms  p99 ${fmt(result.latencyP99Ms).padStart(6)} ms  [${codes}]${result.errors > 0 ? `  errors ${String(result.errors)} (timeouts ${String(result.timeouts)})` : ''}`;
}

/** Where latest.json and the --profile CPU profiles go (git-ignored). */
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

/** RSS of this process every 50 ms until stopped: the highest seen (or now, if higher). */
function sampleRss(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

async function main(dir: string, options: { profile: boolean }): Promise<void> {
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
    `On 127.0.0.1: the baseline and both services in this process, autocannon in a worker thread, the FHIR server and the cluster in processes of their own; ${String(CONNECTIONS)} connections, ${String(WARMUP_SECONDS)} s warm-up + ${String(MEASURE_SECONDS)} s measured per run.`,
  );

  const fhir = await startExampleFhirServer();
  const keys = await ensureLocalIssuerKeys(join(dir, 'production', 'local-issuer'));
  const es384 = await localIssuerSigner(keys);
  const rs384 = await rs384Signer(dir);
  const baselines = {
    baseline: await startBaseline(),
    'verify-es384': await startBaseline({ alg: 'ES384', key: es384.publicKey }),
    'verify-rs384': await startBaseline({ alg: 'RS384', key: rs384.signer.publicKey }),
  };
  const services: Record<'production' | 'auth-off', ServiceUnderTest> = {
    production: await startServiceUnderTest({
      auth: true,
      dir: join(dir, 'production'),
      fhirServerUrl: fhir.url,
      issuersFile: rs384.issuersFile,
    }),
    'auth-off': await startServiceUnderTest({
      auth: false,
      dir: join(dir, 'auth-off'),
      fhirServerUrl: fhir.url,
    }),
  };
  const clusterService = await startClusterUnderTest({
    dir: join(dir, 'cluster'),
    fhirServerUrl: fhir.url,
    workers: CLUSTER_WORKERS,
  });
  const rssAfterStartBytes = process.memoryUsage().rss;
  const signers: Record<'production' | 'production-rs384', Signer> = {
    production: es384,
    'production-rs384': rs384.signer,
  };
  log(
    `FHIR server ${fhir.url} (${String(fhir.patients)} example patients); baseline ${baselines.baseline.baseUrl}; service ${services.production.baseUrl} (auth + audit), ${services['auth-off'].baseUrl} (auth off); RSS with all of them up, before any load: ${mb(rssAfterStartBytes)} MiB`,
  );
  const profiler: Profiler | undefined = options.profile
    ? await startProfiler(RESULTS_DIR)
    : undefined;

  const scenarios = buildScenarios(fhir.url);
  for (const s of scenarios) {
    log(
      `  ${s.name.padEnd(15)} ${String(s.prefetchResources).padStart(5)} resources in prefetch, body ${fmt(s.bodyBytes / 1024, 1)} KiB${s.bodyBytes > BODY_LIMIT_BYTES ? ' — OVER THE 5 mb BODY LIMIT' : ''}: ${s.description}`,
    );
  }

  const records: ScenarioRecord[] = [];
  const loadStarted = performance.now();
  let mintMs = 0;
  const settings = loadDefaultSettings();
  for (const scenario of scenarios) {
    log(`\n${scenario.name}`);
    const baseUrls: Record<ServerKind, string> = {
      baseline: baselines.baseline.baseUrl,
      'verify-es384': baselines['verify-es384'].baseUrl,
      'verify-rs384': baselines['verify-rs384'].baseUrl,
      production: services.production.baseUrl,
      'production-rs384': services.production.baseUrl,
      'auth-off': services['auth-off'].baseUrl,
      cluster: clusterService.baseUrl,
      'fhir-limit': fhir.url,
    };
    const audience = `${services.production.options.publicBaseUrl}/cds-services/${scenario.serviceId}`;
    const sanity = {
      baseline: await sanityCall(targetUrl(baseUrls.baseline, scenario), scenario.body),
      production: await sanityCall(
        targetUrl(baseUrls.production, scenario),
        scenario.body,
        await es384.mint(audience),
      ),
      'production-rs384': await sanityCall(
        targetUrl(baseUrls.production, scenario),
        scenario.body,
        await rs384.signer.mint(audience),
      ),
      'auth-off': await sanityCall(targetUrl(baseUrls['auth-off'], scenario), scenario.body),
      cluster: await sanityCall(targetUrl(baseUrls.cluster, scenario), scenario.body),
    };
    log(
      `    one call each: baseline ${String(sanity.baseline.status)}, production ${String(sanity.production.status)} (${String(sanity.production.cards)} cards; RS384 ${String(sanity['production-rs384'].status)}), auth off ${String(sanity['auth-off'].status)} (${String(sanity['auth-off'].cards)} cards), cluster ${String(sanity.cluster.status)} (${String(sanity.cluster.cards)} cards)`,
    );
    const record: ScenarioRecord = {
      name: scenario.name,
      description: scenario.description,
      serviceId: scenario.serviceId,
      bodyBytes: scenario.bodyBytes,
      prefetchResources: scenario.prefetchResources,
      sanity,
      runs: [],
    };
    records.push(record);

    const load = (
      server: ServerKind,
      seconds: number,
      tag: string,
      tokens?: { file: string; cycle: boolean },
    ) =>
      runLoad({
        url: baseUrls[server],
        path: `/cds-services/${scenario.serviceId}`,
        body: scenario.body,
        connections: CONNECTIONS,
        durationSeconds: seconds,
        dir,
        name: `${scenario.name}-${server}-${tag}`,
        ...(tokens ? { tokenFile: tokens.file, cycleTokens: tokens.cycle } : {}),
      });
    /** The measured run, sampling RSS, CPU-profiled when asked. */
    const measure = async (server: ServerKind, run: () => Promise<LoadResult>) => {
      const rss = sampleRss();
      const profiled =
        profiler &&
        PROFILED_SCENARIOS.has(scenario.name) &&
        (server === 'auth-off' || server.startsWith('production'))
          ? await profiler.around(`${scenario.name}-${server}`, run)
          : { value: await run(), file: undefined };
      return { measured: profiled.value, peakRssBytes: rss.stop(), profile: profiled.file };
    };
    const push = (
      server: ServerKind,
      warmup: LoadResult,
      m: Awaited<ReturnType<typeof measure>>,
      extra: Partial<RunRecord> = {},
    ) => {
      record.runs.push({
        server,
        warmup,
        measured: m.measured,
        rssBytes: process.memoryUsage().rss,
        peakRssBytes: m.peakRssBytes,
        ...(m.profile ? { profile: m.profile } : {}),
        ...extra,
      });
      log(describeRun(SERVER_LABEL[server], m.measured));
    };

    // Baseline and auth-off first: no tokens needed, and auth-off bounds the production rate.
    for (const server of ['baseline', 'auth-off', 'cluster'] as const) {
      const warmup = await load(server, WARMUP_SECONDS, 'warmup');
      // Counted over the measured run only.
      const before = server === 'auth-off' ? await serviceCounters(baseUrls[server]) : undefined;
      const m = await measure(server, () => load(server, MEASURE_SECONDS, 'measured'));
      const after = before ? await serviceCounters(baseUrls[server]) : undefined;
      push(
        server,
        warmup,
        m,
        before && after
          ? {
              prefetchKeysUnavailable: after.unavailable - before.unavailable,
              fhirReadErrors: after.fhirErrors - before.fhirErrors,
            }
          : {},
      );
    }

    if (scenario.name === 'fhir-fallback') {
      // The FHIR server's own limit: the service's four queries, straight to it.
      const service = settings.services.find(
        (s) => s.id === scenario.serviceId && s.hook === 'patient-view',
      );
      if (!service) throw new Error(`no patient-view service ${scenario.serviceId}`);
      const context = (JSON.parse(scenario.body) as { context: Record<string, unknown> }).context;
      const queries = serviceQueries(service, context, services['auth-off'].options.fhirPageSize);
      const fhirLoad = (seconds: number) =>
        runFhirLimit({ fhirServerUrl: fhir.url, queries, connections: CONNECTIONS, seconds });
      const warmup = await fhirLoad(WARMUP_SECONDS);
      push('fhir-limit', warmup, await measure('fhir-limit', () => fhirLoad(MEASURE_SECONDS)));
    }

    // Each request to the service needs a fresh token. Pools are sized from the rates seen so far.
    const authOff = record.runs.find((r) => r.server === 'auth-off');
    const boundRate = authOff ? okRate(authOff.measured) : 1000;
    const clamp = (n: number) => Math.min(MAX_TOKENS, Math.max(100, Math.ceil(n)));
    const withVerify = VERIFY_SCENARIOS.has(scenario.name);
    const runs: ['verify-es384' | 'verify-rs384' | undefined, 'production' | 'production-rs384'][] =
      withVerify
        ? [
            ['verify-es384', 'production'],
            ['verify-rs384', 'production-rs384'],
          ]
        : [[undefined, 'production']];
    for (const [verifyServer, server] of runs) {
      const signer = signers[server];
      if (verifyServer) {
        const pool = await mintTokenPool({
          signer,
          audience,
          count: VERIFY_POOL,
          dir,
          name: `${scenario.name}-${verifyServer}`,
        });
        mintMs += pool.mintMs;
        const tokens = { file: pool.file, cycle: true };
        const warmup = await load(verifyServer, WARMUP_SECONDS, 'warmup', tokens);
        push(
          verifyServer,
          warmup,
          await measure(verifyServer, () =>
            load(verifyServer, MEASURE_SECONDS, 'measured', tokens),
          ),
        );
      }
      const warmupPool = await mintTokenPool({
        signer,
        audience,
        count: clamp(boundRate * WARMUP_SECONDS * 1.3 + CONNECTIONS * 2 + 20),
        dir,
        name: `${scenario.name}-${server}-warmup`,
      });
      const warmup = await load(server, WARMUP_SECONDS, 'warmup', {
        file: warmupPool.file,
        cycle: false,
      });
      const warmupExhausted = warmup.sent > warmupPool.count;
      // A cold warm-up is slower than the measured run, and auth off is no upper bound on a
      // shared machine (a run of 2026-12-03 ran dry at 1.4×): twice the faster of the two.
      const expectedRate = Math.max(boundRate, warmupExhausted ? 0 : okRate(warmup));
      const measuredPool = await mintTokenPool({
        signer,
        audience,
        count: clamp(expectedRate * MEASURE_SECONDS * 2 + CONNECTIONS * 2 + 50),
        dir,
        name: `${scenario.name}-${server}-measured`,
      });
      const before = await serviceCounters(baseUrls.production);
      const m = await measure(server, () =>
        load(server, MEASURE_SECONDS, 'measured', { file: measuredPool.file, cycle: false }),
      );
      const after = await serviceCounters(baseUrls.production);
      const exhausted = m.measured.sent > measuredPool.count;
      mintMs += warmupPool.mintMs + measuredPool.mintMs;
      push(server, warmup, m, {
        tokens: { warmup: warmupPool, measured: measuredPool, exhausted },
        prefetchKeysUnavailable: after.unavailable - before.unavailable,
        fhirReadErrors: after.fhirErrors - before.fhirErrors,
      });
      log(
        `    tokens (${signer.alg}): ${String(warmupPool.count + measuredPool.count)} minted in ${fmt((warmupPool.mintMs + measuredPool.mintMs) / 1000, 1)} s (not counted); ${String(m.measured.sent)} sent in the measured run${exhausted ? ' — POOL EXHAUSTED: the extra requests went without a token (401)' : ''}`,
      );
    }

    const base = record.runs.find((r) => r.server === 'baseline')?.measured;
    for (const run of record.runs) {
      if (!base || run.server === 'baseline') continue;
      run.throughputRatio = run.measured.requestsPerSecond / base.requestsPerSecond;
      run.p99Ratio = run.measured.latencyP99Ms / base.latencyP99Ms;
    }
    for (const run of record.runs) {
      if (run.warmup.errors + run.warmup.non2xx > 0)
        log(
          `    (warm-up of ${SERVER_LABEL[run.server]}: ${String(run.warmup.errors)} errors, statuses ${JSON.stringify(run.warmup.statusCodes)} — not counted)`,
        );
      const bad = run.measured.errors + run.measured.non2xx;
      if (bad > 0 || (run.prefetchKeysUnavailable ?? 0) > 0)
        log(
          `    ! ${SERVER_LABEL[run.server]}: ${String(run.measured.errors)} errors, ${String(run.measured.non2xx)} non-2xx, statuses ${JSON.stringify(run.measured.statusCodes)}, prefetch keys unavailable ${String(run.prefetchKeysUnavailable ?? 0)}, FHIR read errors ${String(run.fhirReadErrors ?? 0)}`,
        );
    }
  }

  profiler?.close();
  await Promise.all([
    ...Object.values(baselines).map((b) => b.close()),
    services.production.service.close(),
    services['auth-off'].service.close(),
    clusterService.close(),
    fhir.close(),
  ]);

  const loadSeconds = (performance.now() - loadStarted) / 1000;

  log('\nIn-process micro-benchmark (bench/rules-micro.ts)');
  const microStarted = performance.now();
  const micro: MicroResults = QUICK
    ? await runRulesMicro(log, [50, 2_000], { withFhir: false })
    : await runRulesMicro(log);
  const phases = {
    loadScenariosSeconds: Number(loadSeconds.toFixed(1)),
    tokenMintingSeconds: Number((mintMs / 1000).toFixed(1)),
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
  );

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
      'req/s vs base',
      'p99 vs base',
    ],
    rows,
  );
  log(
    `\nResults (${String(CONNECTIONS)} connections, ${String(MEASURE_SECONDS)} s measured after ${String(WARMUP_SECONDS)} s warm-up; RSS is the whole process — all servers, the load generator thread and the data — after each run)\n`,
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
    `\nTotal ${fmt(totalSeconds, 0)} s: load scenarios ${String(phases.loadScenariosSeconds)} s (of which token minting ${String(phases.tokenMintingSeconds)} s), micro-benchmark ${String(phases.microSeconds)} s; load average ${machine.loadAverageAtStart.join(' ')} at start, ${loadAverageAtEnd.join(' ')} at end (the machine is shared).`,
  );

  const output = {
    generatedAt: startedAt.toISOString(),
    machine: { ...machine, loadAverageAtEnd },
    rssAfterStartBytes,
    settings: {
      connections: CONNECTIONS,
      warmupSeconds: WARMUP_SECONDS,
      measureSeconds: MEASURE_SECONDS,
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

// Keys, audit databases, token pools and request hooks live here for the run only.
const workDir = mkdtempSync(join(tmpdir(), 'emd-cds-bench-'));
try {
  await main(workDir, { profile: process.argv.includes('--profile') });
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
