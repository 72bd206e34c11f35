/**
 * What every row of a scenario in `npm run bench` is measured with (./scenario-runs.ts,
 * ./fallback-rows.ts): the run's servers and folder, a load run of one server, a measured run
 * (RSS sampled, CPU counted, profiled when asked) and the record it is pushed to; where each
 * server's load goes and whom its tokens name.
 */
import type { ServiceSettings } from '../src/cds/service-settings.js';
import {
  CONNECTIONS,
  MAX_TOKENS,
  PROFILED_SCENARIOS,
  SERVER_LABEL,
  measureSecondsOf,
  type RunRecord,
  type ScenarioRecord,
  type ServerKind,
} from './bench-records.js';
import type { BenchServers } from './bench-servers.js';
import { runScenarioLoad, type LoadResult } from './load.js';
import type { Scenario } from './payloads.js';
import { describeRun, sampleRss } from './probes.js';
import type { Profiler } from './profile.js';
import { cpuPerRequest, cpuSnapshot, type CpuPerRequest } from './thread-cpu.js';

export interface ScenarioContext {
  servers: BenchServers;
  settings: ServiceSettings;
  /** Where token pools and request hooks are written for the run. */
  dir: string;
  profiler: Profiler | undefined;
  log: (line: string) => void;
}

/** What every kind of row needs: a load run, a measured run, and the record it adds to. */
export interface ScenarioRows {
  scenario: Scenario;
  record: ScenarioRecord;
  context: ScenarioContext;
  measureSeconds: number;
  load: (
    server: ServerKind,
    seconds: number,
    tag: string,
    tokens?: { file: string; cycle: boolean },
  ) => Promise<LoadResult>;
  measure: (server: ServerKind, run: () => Promise<LoadResult>) => Promise<MeasuredRun>;
  push: (
    server: ServerKind,
    warmup: LoadResult,
    m: MeasuredRun,
    extra?: Partial<RunRecord>,
  ) => void;
}

interface MeasuredRun {
  measured: LoadResult;
  peakRssBytes: number;
  profile: string | undefined;
  cpu: CpuPerRequest;
  /** The FHIR server's CPU per request (fhir-fallback rows). */
  fhirServerMs: number | undefined;
}

export function scenarioRows(
  scenario: Scenario,
  record: ScenarioRecord,
  context: ScenarioContext,
): ScenarioRows {
  const { servers, dir, profiler, log } = context;
  const { baseUrls } = servers;
  const load = (
    server: ServerKind,
    seconds: number,
    tag: string,
    tokens?: { file: string; cycle: boolean },
  ) =>
    runScenarioLoad(urlOf(baseUrls, server), scenario, {
      connections: CONNECTIONS,
      seconds,
      dir,
      name: `${scenario.name}-${server}-${tag}`,
      tokens,
    });
  /** The measured run, sampling RSS, CPU-profiled when asked. */
  const measure = async (
    server: ServerKind,
    run: () => Promise<LoadResult>,
  ): Promise<MeasuredRun> => {
    const rss = sampleRss();
    const cpuAtStart = cpuSnapshot();
    // The fallback's rows share the two cores with the FHIR server: its CPU is part of the account.
    const fhirAtStart = scenario.name === 'fhir-fallback' ? servers.fhir.cpuMs() : undefined;
    const profiled =
      profiler &&
      PROFILED_SCENARIOS.has(scenario.name) &&
      (server === 'auth-off' || server.startsWith('production'))
        ? await profiler.around(`${scenario.name}-${server}`, run)
        : { value: await run(), file: undefined };
    const cpu = cpuPerRequest(cpuAtStart, profiled.value.responses);
    const fhirAtEnd = fhirAtStart === undefined ? undefined : servers.fhir.cpuMs();
    const fhirServerMs =
      fhirAtStart === undefined || fhirAtEnd === undefined
        ? undefined
        : (fhirAtEnd - fhirAtStart) / Math.max(profiled.value.responses, 1);
    return {
      measured: profiled.value,
      peakRssBytes: rss.stop(),
      profile: profiled.file,
      cpu,
      fhirServerMs,
    };
  };
  const push = (
    server: ServerKind,
    warmup: LoadResult,
    m: MeasuredRun,
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
      ...(m.fhirServerMs === undefined ? {} : { fhirServerMs: m.fhirServerMs }),
      ...(m.profile ? { profile: m.profile } : {}),
      ...extra,
    });
    log(describeRun(SERVER_LABEL[server], m.measured));
  };

  return {
    scenario,
    record,
    context,
    measureSeconds: measureSecondsOf(scenario.name),
    load,
    measure,
    push,
  };
}

/** The audience every token for `scenario` names: its service on the production server. */
export function audienceOf(scenario: Scenario, servers: BenchServers): string {
  return `${servers.services.production.options.publicBaseUrl}/cds-services/${scenario.serviceId}`;
}

/** Where `server`'s load goes; an optional row is only loaded where it runs. */
export function urlOf(baseUrls: BenchServers['baseUrls'], server: ServerKind): string {
  const url = baseUrls[server];
  if (url === undefined) throw new Error(`${SERVER_LABEL[server]} is not running in this bench`);
  return url;
}

/** A token pool's size: at least 100, at most MAX_TOKENS. */
export function tokenCount(wanted: number): number {
  return Math.min(MAX_TOKENS, Math.max(100, Math.ceil(wanted)));
}
