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
import { ensureLocalIssuerKeys } from '../src/auth/local-issuer.js';
import { loadDefaultSettings } from '../src/config/load-settings.js';
import { startBaseline } from './baseline-app.js';
import {
  BODY_LIMIT_BYTES,
  CLUSTER_WORKERS,
  CONNECTIONS,
  MAX_TOKENS,
  MEASURE_SECONDS,
  measureSecondsOf,
  PROFILED_SCENARIOS,
  QUICK,
  SERVER_LABEL,
  VERIFY_POOL,
  VERIFY_SCENARIOS,
  WARMUP_SECONDS,
  type RunRecord,
  type ScenarioRecord,
  type ServerKind,
} from './bench-records.js';
import { runFhirLimit, serviceQueries } from './fhir-limit.js';
import { runLoad, type LoadResult } from './load.js';
import { buildScenarios } from './payloads.js';
import { describeRun, sampleRss, sanityCall, serviceCounters, targetUrl } from './probes.js';
import { reportResults, RESULTS_DIR } from './report.js';
import { runRulesMicro, type MicroResults } from './rules-micro.js';
import {
  SERVICE_V8_FLAGS,
  startClusterUnderTest,
  startExampleFhirServer,
  startServiceUnderTest,
  type ServiceUnderTest,
} from './services.js';
import { startProfiler, type Profiler } from './profile.js';
import { fmt, mb } from './stats.js';
import { evaluateTargets, okRate, type RunsByServer } from './targets.js';
import { localIssuerSigner, mintTokenPool, rs384Signer, type Signer } from './tokens.js';
import { cpuPerRequest, cpuSnapshot } from './thread-cpu.js';
import { STEADY_STATE_SECONDS_PER_SCENARIO, warmToSteadyState } from './steady-state.js';

const log = (line: string) => {
  console.log(line);
};

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
    `On 127.0.0.1: the baseline and both services in this process, autocannon in a worker thread, the FHIR server and the cluster in processes of their own; ${String(CONNECTIONS)} connections, ${String(WARMUP_SECONDS)} s warm-up + ${String(MEASURE_SECONDS)} s measured per run (heavy ${String(measureSecondsOf('heavy'))} s), after ${String(STEADY_STATE_SECONDS_PER_SCENARIO)} s of each scenario on the auth-off service (and of typical on the baseline) to bring the code to steady state.`,
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

  const steadyStarted = performance.now();
  await warmToSteadyState(scenarios, {
    service: services['auth-off'].baseUrl,
    baseline: baselines.baseline.baseUrl,
  });
  const steadyStateSeconds = Number(((performance.now() - steadyStarted) / 1000).toFixed(1));
  log(`  steady state: ${String(steadyStateSeconds)} s of load before any row (not measured)`);

  const records: ScenarioRecord[] = [];
  const loadStarted = performance.now();
  let mintMs = 0;
  const settings = loadDefaultSettings();
  for (const scenario of scenarios) {
    log(`\n${scenario.name}`);
    const measureSeconds = measureSecondsOf(scenario.name);
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
      const cpuAtStart = cpuSnapshot();
      const profiled =
        profiler &&
        PROFILED_SCENARIOS.has(scenario.name) &&
        (server === 'auth-off' || server.startsWith('production'))
          ? await profiler.around(`${scenario.name}-${server}`, run)
          : { value: await run(), file: undefined };
      const cpu = cpuPerRequest(cpuAtStart, profiled.value.responses);
      return { measured: profiled.value, peakRssBytes: rss.stop(), profile: profiled.file, cpu };
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
        // The cluster's workers are processes of their own: this process's CPU is not theirs.
        ...(server === 'cluster' ? {} : { cpu: m.cpu }),
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
      const m = await measure(server, () => load(server, measureSeconds, 'measured'));
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
      push('fhir-limit', warmup, await measure('fhir-limit', () => fhirLoad(measureSeconds)));
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
          await measure(verifyServer, () => load(verifyServer, measureSeconds, 'measured', tokens)),
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
        count: clamp(expectedRate * measureSeconds * 2 + CONNECTIONS * 2 + 50),
        dir,
        name: `${scenario.name}-${server}-measured`,
      });
      const before = await serviceCounters(baseUrls.production);
      const m = await measure(server, () =>
        load(server, measureSeconds, 'measured', { file: measuredPool.file, cycle: false }),
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

// Keys, audit databases, token pools and request hooks live here for the run only.
const workDir = mkdtempSync(join(tmpdir(), 'emd-cds-bench-'));
try {
  await main(workDir, { profile: process.argv.includes('--profile') });
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
