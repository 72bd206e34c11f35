/**
 * The FHIR server's own limit (issue #15): at the same concurrency as the load runs, each
 * iteration sends straight to the local FHIR server the queries the service makes for one
 * patient-view call without prefetch (its prefetch templates filled from the hook context,
 * with the service's `_count`), in parallel as the service sends them, and reads every
 * answer to the end. No parsing, no rules: the fhir-fallback rows are compared with this.
 * A closed loop on this process's main thread (otherwise idle while it runs), keep-alive.
 */
import { fillTemplate } from '../src/cds/prefetch-template.js';
import { dataNeedsOf, type ServiceDefinition } from '../src/cds/service-definition.js';
import { withQueryEncoded } from '../src/fhir/query-on-the-wire.js';
import type { LoadResult } from './load.js';
import { percentile } from './stats.js';

/** The queries the service sends for one call of `service` with `context`. */
export function serviceQueries(
  service: ServiceDefinition,
  context: Readonly<Record<string, unknown>>,
  pageSize: number,
): string[] {
  return dataNeedsOf(service).map((need) => {
    const query = fillTemplate(need.template, context);
    if (query === undefined) throw new Error(`${need.template}: the context does not fill it`);
    // As src/fhir/fhir-kit-runner.ts does: searches get the service's page size, and the
    // query goes percent-encoded, so the server parses the same bytes.
    return withQueryEncoded(
      need.interaction === 'read' ? query : `${query}&_count=${String(pageSize)}`,
    );
  });
}

async function oneIteration(base: string, queries: readonly string[]): Promise<boolean> {
  const answers = await Promise.all(
    queries.map(async (query) => {
      const response = await fetch(`${base}/${query}`, {
        headers: { accept: 'application/fhir+json' },
      });
      await response.arrayBuffer();
      return response.status;
    }),
  );
  return answers.every((status) => status === 200);
}

/** Runs `connections` loops for `seconds`; a result shaped like the load runs' (one request = one iteration). */
export async function runFhirLimit(args: {
  fhirServerUrl: string;
  queries: readonly string[];
  connections: number;
  seconds: number;
}): Promise<LoadResult> {
  const url = args.fhirServerUrl;
  const base = url.endsWith('/') ? url.slice(0, -1) : url;
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  const deadline = started + args.seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const ok = await oneIteration(base, args.queries).catch(() => false);
      latencies.push(performance.now() - t0);
      if (!ok) failed += 1;
    }
  };
  await Promise.all(Array.from({ length: args.connections }, loop));
  const durationSeconds = (performance.now() - started) / 1000;
  return {
    requestsPerSecond: latencies.length / durationSeconds,
    responses: latencies.length,
    sent: latencies.length,
    durationSeconds,
    latencyP50Ms: percentile(latencies, 50),
    latencyP97_5Ms: percentile(latencies, 97.5),
    latencyP99Ms: percentile(latencies, 99),
    latencyMaxMs: Math.max(...latencies),
    errors: failed,
    timeouts: 0,
    non2xx: 0,
    statusCodes: { '200': latencies.length - failed },
  };
}
