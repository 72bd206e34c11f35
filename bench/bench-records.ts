/**
 * What one `npm run bench` run measures and records: its settings (connections, run
 * lengths, token pools), the servers it loads, and the record of each run, shared by the
 * run itself (./run.ts) and its report (./report.ts).
 */
import { availableParallelism } from 'node:os';
import type { LoadResult } from './load.js';
import type { CpuPerRequest } from './thread-cpu.js';
import type { TokenPool } from './tokens.js';

export const CONNECTIONS = 10;
/** `--quick`: a smoke run of the benchmark itself (short runs, small micro sizes); not results. */
export const QUICK = process.argv.includes('--quick');
export const WARMUP_SECONDS = QUICK ? 0.5 : 1;
export const MEASURE_SECONDS = QUICK ? 1 : 5;
/**
 * Seconds measured per run of a scenario. Heavy runs twice as long: at 50–80 calls a second,
 * 5 s is about 350 calls, and on this shared host one run's rate moved 0.75–0.95× of its
 * baseline's (docs/performance-log.md §14.4); both sides of every ratio get the same length.
 */
export function measureSecondsOf(scenario: string): number {
  return scenario === 'heavy' ? MEASURE_SECONDS * 2 : MEASURE_SECONDS;
}
/**
 * Rounds of the bare baseline and the auth-off service, one run after the other, in the
 * scenarios below. On this shared host the ratio of two neighbouring 5 s runs moved from
 * 0.33× to 0.62× within minutes on the same code (docs/performance-log.md §21), so the auth-off
 * throughput targets take the median of the rounds' ratios. The first round is the two rows
 * of the table; the others are printed and kept in latest.json.
 */
export const PAIRED_ROUNDS = QUICK ? 2 : 3;
export const PAIRED_SCENARIOS = new Set(['typical', 'heavy']);
/**
 * Scenarios that also load the auth-off service with its audit on tmpfs: what the audit's
 * disk write and fsync wait cost the auth-off targets and the FHIR fallback's account.
 */
export const TMPFS_SCENARIOS = new Set(['typical', 'heavy', 'fhir-fallback']);
/** Largest token pool minted for one run. */
export const MAX_TOKENS = 30_000;
/** The body limit of the service and the baseline (service.bodyLimit default), in bytes. */
export const BODY_LIMIT_BYTES = 32 * 1024 * 1024;
/** Scenarios that also get the verify baselines and the RS384 production run. */
export const VERIFY_SCENARIOS = new Set(['typical', 'heavy']);
/** Scenarios whose auth-off and production runs are CPU-profiled with --profile. */
export const PROFILED_SCENARIOS = new Set(['typical', 'heavy']);
/** Tokens in a verify baseline's pool: it does not refuse a replay, so the pool is cycled. */
export const VERIFY_POOL = 500;

export type ServerKind =
  | 'baseline'
  | 'verify-es384'
  | 'verify-rs384'
  | 'production'
  | 'production-rs384'
  | 'auth-off'
  | 'auth-off-tmpfs'
  | 'cluster'
  | 'fhir-limit';
/** Rows that only run where the machine allows them (auth-off-tmpfs: a tmpfs at /dev/shm). */
export type OptionalServerKind = 'auth-off-tmpfs';
/** Workers of the cluster-mode run: one per core. */
export const CLUSTER_WORKERS = availableParallelism();
export const SERVER_LABEL: Record<ServerKind, string> = {
  baseline: 'baseline (bare express)',
  'verify-es384': 'baseline + one ES384 verify',
  'verify-rs384': 'baseline + one RS384 verify',
  production: 'service: auth ES384 + audit',
  'production-rs384': 'service: auth RS384 + audit',
  'auth-off': 'service: auth off, audit on',
  'auth-off-tmpfs': 'service: auth off, audit on tmpfs',
  cluster: `cluster: ${String(CLUSTER_WORKERS)} workers, auth off, audit on`,
  'fhir-limit': 'FHIR server limit (its 4 queries)',
};

export interface RunRecord {
  server: ServerKind;
  warmup: LoadResult;
  measured: LoadResult;
  /** process.memoryUsage().rss right after the measured run (the whole process). */
  rssBytes: number;
  /** The highest RSS sampled (every 50 ms) during the measured run. */
  peakRssBytes: number;
  /**
   * CPU per answered request over the measured run: the main thread (where the baselines and
   * the services answer) and the whole process. Not for the cluster, whose workers are
   * processes of their own; for fhir-limit the main thread is that row's own client.
   */
  cpu?: CpuPerRequest;
  /**
   * The FHIR server's CPU per request over the measured run, all its threads (fhir-fallback
   * rows, Linux): it shares the two cores with this process.
   */
  fhirServerMs?: number;
  /** --profile: the CPU profile of the measured run. */
  profile?: string;
  tokens?: { warmup: TokenPool; measured: TokenPool; exhausted: boolean };
  /** From the service's /metrics: prefetch keys it could not obtain during the measured run. */
  prefetchKeysUnavailable?: number;
  fhirReadErrors?: number;
  throughputRatio?: number;
  p99Ratio?: number;
}

/** One side of a paired round: 2xx answers a second, and the main thread's CPU per request. */
export interface RoundSide {
  okRate: number;
  mainMs: number | undefined;
}

/**
 * Two rows measured one after the other (PAIRED_ROUNDS): in typical and heavy the bare
 * baseline and the auth-off service; in the FHIR fallback the FHIR server's own limit and the
 * production service.
 */
export interface PairedRound {
  /** The row the target divides by. */
  baseline: RoundSide;
  /** The row the target judges. */
  service: RoundSide;
  /**
   * The auth-off service with its audit database on tmpfs, measured right after: what the
   * rate would be if the audit's commit cost no disk write and no fsync wait
   * (docs/performance.md §2.1). Where /dev/shm is a tmpfs.
   */
  tmpfs?: RoundSide;
}

export interface ScenarioRecord {
  name: string;
  description: string;
  serviceId: string;
  bodyBytes: number;
  prefetchResources: number;
  sanity: Partial<Record<ServerKind, { status: number; cards: number | undefined }>>;
  runs: RunRecord[];
  /** PAIRED_SCENARIOS and the fallback: every round, the first being the table's two rows. */
  rounds?: PairedRound[];
}
