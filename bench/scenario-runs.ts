/**
 * The rows of one scenario in `npm run bench`: a sanity call to each server, then the load
 * rows in order (the bare baseline, the service with authentication off, the cluster; the
 * FHIR server's own limit for the fallback scenario; the verify baselines and the production
 * service with a fresh token per call), each a warm-up and a measured run, and the ratios
 * against the baseline; then paired rounds, in typical and heavy of the baseline and auth off,
 * in the fallback of the FHIR server's limit and production (./fallback-rows.ts). Prints each
 * row as it is measured.
 */
import {
  CONNECTIONS,
  PAIRED_ROUNDS,
  PAIRED_SCENARIOS,
  TMPFS_SCENARIOS,
  SERVER_LABEL,
  VERIFY_POOL,
  VERIFY_SCENARIOS,
  WARMUP_SECONDS,
  type PairedRound,
  type RoundSide,
  type ScenarioRecord,
  type ServerKind,
} from './bench-records.js';
import type { BenchServers } from './bench-servers.js';
import { measureFallbackRounds, measureFhirLimit } from './fallback-rows.js';
import type { Scenario } from './payloads.js';
import { sanityCall, serviceCounters, targetUrl } from './probes.js';
import {
  audienceOf,
  scenarioRows,
  tokenCount,
  urlOf,
  type ScenarioContext,
  type ScenarioRows,
} from './scenario-rows.js';
import { fmt } from './stats.js';
import { okRate } from './targets.js';
import { cpuPerRequest, cpuSnapshot } from './thread-cpu.js';
import { mintTokenPool } from './tokens.js';

/** Measures every row of `scenario`; `mintMs` is the time spent minting its token pools. */
export async function measureScenario(
  scenario: Scenario,
  context: ScenarioContext,
): Promise<{ record: ScenarioRecord; mintMs: number }> {
  context.log(`\n${scenario.name}`);
  const rows = scenarioRows(scenario, await sanityRecord(scenario, context), context);
  await measureOpenRows(rows);
  if (PAIRED_SCENARIOS.has(scenario.name)) await measureRounds(rows);
  if (scenario.name === 'fhir-fallback') await measureFhirLimit(rows);
  let mintMs = await measureSignedRows(rows);
  if (scenario.name === 'fhir-fallback') mintMs += await measureFallbackRounds(rows);
  addRatiosToBaseline(rows.record);
  logRowProblems(rows.record, context.log);
  return { record: rows.record, mintMs };
}

/** One call to each server (status and cards), and the scenario's record, with no rows yet. */
async function sanityRecord(
  scenario: Scenario,
  { servers, log }: ScenarioContext,
): Promise<ScenarioRecord> {
  const { baseUrls } = servers;
  const audience = audienceOf(scenario, servers);
  const sanity = {
    baseline: await sanityCall(targetUrl(baseUrls.baseline, scenario), scenario.body),
    production: await sanityCall(
      targetUrl(baseUrls.production, scenario),
      scenario.body,
      await servers.es384.mint(audience),
    ),
    'production-rs384': await sanityCall(
      targetUrl(baseUrls.production, scenario),
      scenario.body,
      await servers.rs384.mint(audience),
    ),
    'auth-off': await sanityCall(targetUrl(baseUrls['auth-off'], scenario), scenario.body),
    cluster: await sanityCall(targetUrl(baseUrls.cluster, scenario), scenario.body),
    ...(hasTmpfsRow(scenario, servers)
      ? {
          'auth-off-tmpfs': await sanityCall(
            targetUrl(urlOf(baseUrls, 'auth-off-tmpfs'), scenario),
            scenario.body,
          ),
        }
      : {}),
  };
  log(
    `    one call each: baseline ${String(sanity.baseline.status)}, production ${String(sanity.production.status)} (${String(sanity.production.cards)} cards; RS384 ${String(sanity['production-rs384'].status)}), auth off ${String(sanity['auth-off'].status)} (${String(sanity['auth-off'].cards)} cards${sanity['auth-off-tmpfs'] ? `; on tmpfs ${String(sanity['auth-off-tmpfs'].status)}` : ''}), cluster ${String(sanity.cluster.status)} (${String(sanity.cluster.cards)} cards)`,
  );
  return {
    name: scenario.name,
    description: scenario.description,
    serviceId: scenario.serviceId,
    bodyBytes: scenario.bodyBytes,
    prefetchResources: scenario.prefetchResources,
    sanity,
    runs: [],
  };
}

/**
 * The rows that need no token: the bare baseline, the service with auth off (in
 * TMPFS_SCENARIOS also with its audit on tmpfs, where there is one), the cluster.
 */
async function measureOpenRows(rows: ScenarioRows) {
  const { scenario, load, measure, push, measureSeconds, context } = rows;
  const { baseUrls } = context.servers;
  const withTmpfs = hasTmpfsRow(scenario, context.servers);
  // Baseline and auth-off first: no tokens needed, and auth-off bounds the production rate.
  const servers: ServerKind[] = [
    'baseline',
    'auth-off',
    ...(withTmpfs ? (['auth-off-tmpfs'] as const) : []),
    'cluster',
  ];
  if (TMPFS_SCENARIOS.has(scenario.name) && 'unavailable' in context.servers.auditOnTmpfs)
    context.log(
      `    (no row with the audit on tmpfs: ${context.servers.auditOnTmpfs.unavailable})`,
    );
  for (const server of servers) {
    const warmup = await load(server, WARMUP_SECONDS, 'warmup');
    // Counted over the measured run only.
    const counted = server === 'auth-off' || server === 'auth-off-tmpfs';
    const before = counted ? await serviceCounters(urlOf(baseUrls, server)) : undefined;
    const m = await measure(server, () => load(server, measureSeconds, 'measured'));
    const after = before ? await serviceCounters(urlOf(baseUrls, server)) : undefined;
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
}

/** TMPFS_SCENARIOS get the row with the audit on tmpfs, where the machine has one. */
function hasTmpfsRow(scenario: Scenario, servers: BenchServers): boolean {
  return TMPFS_SCENARIOS.has(scenario.name) && 'service' in servers.auditOnTmpfs;
}

/**
 * The bare baseline and the auth-off service again (and the latter with its audit on tmpfs,
 * where it runs), one after the other, PAIRED_ROUNDS in all: the first round is the rows just
 * measured. None is profiled; all are warm.
 */
async function measureRounds(rows: ScenarioRows) {
  const { record, load, measureSeconds, context } = rows;
  const side = (server: ServerKind): RoundSide | undefined => {
    const run = record.runs.find((r) => r.server === server);
    return run && { okRate: okRate(run.measured), mainMs: run.cpu?.mainMs };
  };
  const measureSide = async (server: ServerKind, round: number): Promise<RoundSide> => {
    const cpuAtStart = cpuSnapshot();
    const measured = await load(server, measureSeconds, `round-${String(round)}`);
    return {
      okRate: okRate(measured),
      mainMs: cpuPerRequest(cpuAtStart, measured.responses).mainMs,
    };
  };
  const [baseline, service, tmpfs] = [side('baseline'), side('auth-off'), side('auth-off-tmpfs')];
  if (!baseline || !service) return;
  const rounds: PairedRound[] = [{ baseline, service, ...(tmpfs ? { tmpfs } : {}) }];
  for (let round = 2; round <= PAIRED_ROUNDS; round += 1) {
    const next: PairedRound = {
      baseline: await measureSide('baseline', round),
      service: await measureSide('auth-off', round),
      ...(tmpfs ? { tmpfs: await measureSide('auth-off-tmpfs', round) } : {}),
    };
    rounds.push(next);
    const onTmpfs = next.tmpfs
      ? `; audit on tmpfs ${fmt(next.tmpfs.okRate, 0)} req/s: ${fmt(next.tmpfs.okRate / next.baseline.okRate, 2)}×`
      : '';
    context.log(
      `    round ${String(round)}: baseline ${fmt(next.baseline.okRate, 0)} req/s, auth off ${fmt(next.service.okRate, 0)} req/s: ${fmt(next.service.okRate / next.baseline.okRate, 2)}×${onTmpfs}`,
    );
  }
  record.rounds = rounds;
}

/**
 * The verify baselines (a cycled token pool) and the production service with a fresh token
 * per call; returns the time spent minting tokens.
 */
async function measureSignedRows(rows: ScenarioRows): Promise<number> {
  const { scenario, record, load, measure, push, measureSeconds, context } = rows;
  const { servers, dir, log } = context;
  const { baseUrls } = servers;
  const audience = audienceOf(scenario, servers);
  let mintMs = 0;
  // Each request to the service needs a fresh token. Pools are sized from the rates seen so far.
  const authOff = record.runs.find((r) => r.server === 'auth-off');
  const boundRate = authOff ? okRate(authOff.measured) : 1000;
  const withVerify = VERIFY_SCENARIOS.has(scenario.name);
  const runs: ['verify-es384' | 'verify-rs384' | undefined, 'production' | 'production-rs384'][] =
    withVerify
      ? [
          ['verify-es384', 'production'],
          ['verify-rs384', 'production-rs384'],
        ]
      : [[undefined, 'production']];
  for (const [verifyServer, server] of runs) {
    const signer = server === 'production' ? servers.es384 : servers.rs384;
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
      count: tokenCount(boundRate * WARMUP_SECONDS * 1.3 + CONNECTIONS * 2 + 20),
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
      count: tokenCount(expectedRate * measureSeconds * 2 + CONNECTIONS * 2 + 50),
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

  return mintMs;
}

/** Each row's throughput and p99 against the bare baseline's. */
function addRatiosToBaseline(record: ScenarioRecord): void {
  const base = record.runs.find((r) => r.server === 'baseline')?.measured;
  for (const run of record.runs) {
    if (!base || run.server === 'baseline') continue;
    run.throughputRatio = run.measured.requestsPerSecond / base.requestsPerSecond;
    run.p99Ratio = run.measured.latencyP99Ms / base.latencyP99Ms;
  }
}

/** Warm-ups that were not clean, and measured runs with errors or data gaps. */
function logRowProblems(record: ScenarioRecord, log: (line: string) => void): void {
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
