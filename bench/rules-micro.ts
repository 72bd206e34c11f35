/**
 * In-process micro-benchmark, no HTTP in front:
 *  - `evaluate()` alone, at 50, 500, 2,000, 10,000 and 50,000 resources, on a record built
 *    for each run from a fresh copy of the resources (outside the timed part);
 *  - `callService()` with the same data as prefetch (request validation, record, rules,
 *    cards; no audit), on a body parsed afresh for each call, and how long JSON.parse of
 *    that body takes — the part the HTTP layer does;
 *  - `callService()` with no prefetch, reading the patient from the local FHIR server
 *    (tools/fhir-server, a fresh one per size, loaded in transactions of 50) through
 *    fhirKitRunner with a 60 s budget and up to 1,000 pages (production: 2500 ms, 10 pages).
 * 10,000 resources cannot go over HTTP prefetch (5 mb body limit), so that size is measured
 * only here. Times are reported, never checked. It calls the built service (./built.ts). Run
 * alone: `npm run build && npx tsx bench/rules-micro.ts`.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type * as HookService from '../src/cds/hook-service.js';
import type * as Metrics from '../src/cds/metrics.js';
import type { ServiceSettings } from '../src/cds/service-settings.js';
import type * as LoadSettings from '../src/config/load-settings.js';
import type * as FhirAccess from '../src/fhir/fhir-access.js';
import type * as FhirKitRunner from '../src/fhir/fhir-kit-runner.js';
import type * as Evaluate from '../src/rules/evaluate.js';
import type * as PatientRecord from '../src/rules/patient-record.js';
import { startFhirServer } from '../tools/fhir-server/fhir-server.js';
import { builtModule } from './built.js';
import { sample } from './sample.js';
import { fmt, mean, percentile, table } from './stats.js';
import {
  patientViewPrefetch,
  syntheticPatient,
  transactionChunks,
} from '../src/backtest/synthetic-patient.js';

export const MICRO_SIZES = [50, 500, 2_000, 10_000, 50_000] as const;
/** The FHIR path stops at 10,000: loading 50,000 resources into the local server takes minutes. */
const FHIR_SIZES = new Set<number>([50, 500, 2_000, 10_000]);

export interface MicroRow {
  resources: number;
  iterations: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
}

export interface MicroResults {
  evaluate: MicroRow[];
  callServicePrefetch: (MicroRow & { bodyBytes: number; jsonParseP50Ms: number; cards: number })[];
  fhirFallback: (MicroRow & { loadMs: number; cards: number; unavailableKeys: string[] })[];
  fhirBudgetMs: number;
  fhirMaxPages: number;
}

/**
 * Iterations per size: [warm-up, measured]; fewer for the big patients. The evaluate() and
 * callService() warm-ups also last at least WARMUP_MS (./sample.ts says why).
 */
const EVALUATE_ITERATIONS: Record<number, [number, number]> = {
  50: [200, 2000],
  500: [100, 1000],
  2000: [50, 300],
  10000: [5, 50],
  50000: [2, 10],
};
const CALL_ITERATIONS: Record<number, [number, number]> = {
  50: [50, 500],
  500: [20, 100],
  2000: [5, 50],
  10000: [1, 10],
  50000: [1, 3],
};
/** Long enough for V8 to have compiled a call's functions (./sample.ts). */
const WARMUP_MS = 1_000;
const FHIR_ITERATIONS: Record<number, [number, number]> = {
  50: [3, 20],
  500: [2, 10],
  2000: [0, 3],
  10000: [0, 1],
};
/**
 * A generous budget for the in-process FHIR path (10,000 resources take well over 10 s
 * against the local server, so 20 s would be too close), and enough pages for them.
 */
const FHIR_BUDGET_MS = 60_000;
const FHIR_MAX_PAGES = 1_000;
/** Stop adding FHIR iterations at one size after this long (but run at least 3 when asked for more). */
const FHIR_TIME_CAP_MS = 15_000;

function summarise(resources: number, samples: readonly number[]): MicroRow {
  return {
    resources,
    iterations: samples.length,
    p50Ms: percentile(samples, 50),
    p99Ms: percentile(samples, 99),
    meanMs: mean(samples),
    maxMs: Math.max(...samples),
  };
}

function patientViewBody(patientId: string, extra: Record<string, unknown>) {
  return {
    hook: 'patient-view',
    hookInstance: randomUUID(),
    context: { userId: 'Practitioner/example-haematologist', patientId },
    ...extra,
  };
}

/** The service's functions this benchmark calls, as npm start runs them (./built.ts). */
async function builtParts() {
  const [hookService, metrics, loadSettings, fhirAccess, fhirKit, rules, record] =
    await Promise.all([
      builtModule<typeof HookService>('src/cds/hook-service.ts'),
      builtModule<typeof Metrics>('src/cds/metrics.ts'),
      builtModule<typeof LoadSettings>('src/config/load-settings.ts'),
      builtModule<typeof FhirAccess>('src/fhir/fhir-access.ts'),
      builtModule<typeof FhirKitRunner>('src/fhir/fhir-kit-runner.ts'),
      builtModule<typeof Evaluate>('src/rules/evaluate.ts'),
      builtModule<typeof PatientRecord>('src/rules/patient-record.ts'),
    ]);
  return {
    callService: hookService.callService,
    NO_METRICS: metrics.NO_METRICS,
    loadDefaultSettings: loadSettings.loadDefaultSettings,
    fhirAccessFor: fhirAccess.fhirAccessFor,
    fhirKitRunner: fhirKit.fhirKitRunner,
    evaluate: rules.evaluate,
    buildPatientRecord: record.buildPatientRecord,
    flattenResources: record.flattenResources,
  };
}

export async function runRulesMicro(
  log: (line: string) => void = console.log,
  sizes: readonly number[] = MICRO_SIZES,
  { withFhir = true }: { withFhir?: boolean } = {},
): Promise<MicroResults> {
  const {
    callService,
    NO_METRICS,
    loadDefaultSettings,
    fhirAccessFor,
    fhirKitRunner,
    evaluate,
    buildPatientRecord,
    flattenResources,
  } = await builtParts();
  const settings: ServiceSettings = loadDefaultSettings();
  const now = new Date();
  const results: MicroResults = {
    evaluate: [],
    callServicePrefetch: [],
    fhirFallback: [],
    fhirBudgetMs: FHIR_BUDGET_MS,
    fhirMaxPages: FHIR_MAX_PAGES,
  };
  const deps = (fhirAccess: Parameters<typeof callService>[2]['fhirAccess']) => ({
    settings,
    now,
    locale: settings.defaultLocale,
    newUuid: randomUUID,
    fhirAccess,
    metrics: NO_METRICS,
    audit: undefined,
  });
  const noFhir = fhirAccessFor({ allowedServers: [] });

  for (const size of sizes) {
    const patientId = `bench-micro-${String(size)}`;
    const resources = syntheticPatient(patientId, size, now);
    const prefetch = patientViewPrefetch(patientId, resources);

    // evaluate() alone. Each iteration gets a record built from a fresh copy of the
    // resources, outside the timed part, as each request brings new objects: nothing the
    // rules cache on a coding (Terminology's key cache) carries over from one run to the next.
    const freshRecord = () =>
      buildPatientRecord(
        patientId,
        flattenResources(
          Object.values(structuredClone(prefetch)).filter(
            (value): value is fhir4.Resource => value !== null,
          ),
        ),
      );
    const context = { kind: 'patient-view', patientId } as const;
    const [evaluateWarmup, evaluateMeasured] = EVALUATE_ITERATIONS[size] ?? [10, 100];
    const evaluateSamples = await sample(
      {
        warmup: evaluateWarmup,
        warmupMs: WARMUP_MS,
        measured: evaluateMeasured,
        prepare: freshRecord,
      },
      (record) => {
        evaluate({ record, settings: settings.rules, context, now });
        return Promise.resolve();
      },
    );
    results.evaluate.push(summarise(size, evaluateSamples));

    // callService() with prefetch: everything the HTTP route does after express parsed the body.
    // Only its text is kept: each call below parses a body of its own from it.
    const text = JSON.stringify(patientViewBody(patientId, { prefetch }));
    const parseSamples = await sample({ warmup: 2, measured: 10 }, () => {
      JSON.parse(text);
      return Promise.resolve();
    });
    let cards = 0;
    const [callWarmup, callMeasured] = CALL_ITERATIONS[size] ?? [2, 20];
    const callSamples = await sample(
      {
        warmup: callWarmup,
        warmupMs: WARMUP_MS,
        measured: callMeasured,
        // A body parsed afresh for each call, as each request brings one: nothing read from
        // a Condition on one call (its status, its codes' keys) is found again on the next.
        prepare: () => JSON.parse(text) as unknown,
      },
      async (freshBody) => {
        const result = await callService('emd-patient-view', freshBody, deps(noFhir));
        cards = result.response.cards.length;
      },
    );
    results.callServicePrefetch.push({
      ...summarise(size, callSamples),
      bodyBytes: Buffer.byteLength(text),
      jsonParseP50Ms: percentile(parseSamples, 50),
      cards,
    });
    log(
      `  micro ${String(size).padStart(6)} resources: evaluate p99 ${fmt(percentile(evaluateSamples, 99), 3)} ms, callService(prefetch) p99 ${fmt(percentile(callSamples, 99))} ms`,
    );
  }

  // The FHIR path: a fresh local FHIR server per size, holding only that patient, so the
  // load scenarios' server and the other sizes do not slow its searches.
  for (const size of withFhir ? sizes.filter((n) => FHIR_SIZES.has(n)) : []) {
    const fhir = await startFhirServer();
    try {
      const fhirAccess = fhirAccessFor({
        allowedServers: [fhir.url],
        runnerFor: (server, token) =>
          fhirKitRunner(server, token, { timeoutMs: FHIR_BUDGET_MS, maxPages: FHIR_MAX_PAGES }),
      });
      const patientId = `bench-fhir-${String(size)}`;
      const loadStarted = performance.now();
      for (const bundle of transactionChunks(syntheticPatient(patientId, size, now), 50))
        await fhir.loadTransaction(bundle);
      const loadMs = performance.now() - loadStarted;
      const body = patientViewBody(patientId, { fhirServer: fhir.url });
      let cards = 0;
      const unavailable = new Set<string>();
      const [fhirWarmup, fhirMeasured] = FHIR_ITERATIONS[size] ?? [1, 3];
      const samples = await sample(
        { warmup: fhirWarmup, measured: fhirMeasured, capMs: FHIR_TIME_CAP_MS },
        async () => {
          const result = await callService('emd-patient-view', body, deps(fhirAccess));
          cards = result.response.cards.length;
          for (const [key, source] of Object.entries(result.provenance))
            if (source !== 'fhir') unavailable.add(`${key}:${source}`);
        },
      );
      results.fhirFallback.push({
        ...summarise(size, samples),
        loadMs,
        cards,
        unavailableKeys: [...unavailable],
      });
      log(
        `  micro ${String(size).padStart(6)} resources via FHIR: p99 ${fmt(percentile(samples, 99))} ms over ${String(samples.length)} calls (loading took ${fmt(loadMs / 1000, 1)} s, not counted)${unavailable.size > 0 ? `; NOT read from FHIR: ${[...unavailable].join(', ')}` : ''}`,
      );
    } finally {
      await fhir.close();
    }
  }
  return results;
}

export function microTable(results: MicroResults, sizes: readonly number[] = MICRO_SIZES): string {
  const measured = sizes.filter((size) => results.evaluate.some((r) => r.resources === size));
  const rows = measured.map((size) => {
    const e = results.evaluate.find((r) => r.resources === size);
    const c = results.callServicePrefetch.find((r) => r.resources === size);
    const f = results.fhirFallback.find((r) => r.resources === size);
    return [
      String(size),
      fmt(e?.p50Ms, 3),
      fmt(e?.p99Ms, 3),
      e ? String(e.iterations) : '–',
      fmt(c ? c.bodyBytes / 1024 : undefined, 0),
      fmt(c?.jsonParseP50Ms),
      fmt(c?.p50Ms),
      fmt(c?.p99Ms),
      fmt(f?.p50Ms),
      fmt(f?.p99Ms),
      f ? String(f.iterations) : '–',
      f ? String(f.cards) : '–',
    ];
  });
  return table(
    [
      'resources',
      'evaluate p50 ms',
      'evaluate p99 ms',
      'runs',
      'body KiB',
      'JSON.parse ms',
      'prefetch call p50 ms',
      'prefetch call p99 ms',
      'FHIR call p50 ms',
      'FHIR call p99 ms',
      'FHIR runs',
      'cards',
    ],
    rows,
  );
}

/** `--sizes 2000,10000` measures only those sizes; `--no-fhir` skips the FHIR path. */
function cliOptions(argv: readonly string[]): { sizes: number[]; fhir: boolean } {
  const at = argv.indexOf('--sizes');
  const sizes = at >= 0 ? (argv[at + 1] ?? '').split(',').map(Number) : [...MICRO_SIZES];
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('--sizes takes a comma-separated list of resource counts');
  return { sizes, fhir: !argv.includes('--no-fhir') };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { sizes, fhir } = cliOptions(process.argv.slice(2));
  const results = await runRulesMicro(console.log, sizes, { withFhir: fhir });
  console.log(microTable(results, sizes));
}
