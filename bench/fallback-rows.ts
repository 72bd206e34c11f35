/**
 * The FHIR fallback's own rows in `npm run bench` (issue #15): the FHIR server's limit (the
 * service's four queries for one hook call, sent straight to the local FHIR server at the same
 * concurrency) as a row of the table, then paired rounds of that limit and the production
 * service, alternated.
 */
import {
  CONNECTIONS,
  PAIRED_ROUNDS,
  WARMUP_SECONDS,
  type PairedRound,
  type RoundSide,
  type ServerKind,
} from './bench-records.js';
import { runFhirLimit, serviceQueries } from './fhir-limit.js';
import type { LoadResult } from './load.js';
import { audienceOf, tokenCount, type ScenarioRows } from './scenario-rows.js';
import { fmt } from './stats.js';
import { okRate } from './targets.js';
import { mintTokenPool } from './tokens.js';

/** A load run of the FHIR server's own limit: the service's four queries, straight to it. */
function fhirLimitLoad({
  scenario,
  context,
}: ScenarioRows): (seconds: number) => Promise<LoadResult> {
  const { servers, settings } = context;
  const service = settings.services.find(
    (s) => s.id === scenario.serviceId && s.hook === 'patient-view',
  );
  if (!service) throw new Error(`no patient-view service ${scenario.serviceId}`);
  const hookContext = (JSON.parse(scenario.body) as { context: Record<string, unknown> }).context;
  const queries = serviceQueries(
    service,
    hookContext,
    servers.services['auth-off'].options.fhirPageSize,
  );
  return (seconds) =>
    runFhirLimit({ fhirServerUrl: servers.fhir.url, queries, connections: CONNECTIONS, seconds });
}

/** The FHIR server's own limit, a row of the table. */
export async function measureFhirLimit(rows: ScenarioRows) {
  const { measure, push, measureSeconds } = rows;
  const fhirLoad = fhirLimitLoad(rows);
  const warmup = await fhirLoad(WARMUP_SECONDS);
  push('fhir-limit', warmup, await measure('fhir-limit', () => fhirLoad(measureSeconds)));
}

/**
 * The FHIR server's limit and the production service again, one after the other,
 * PAIRED_ROUNDS in all: the first round is the two rows of the table, which stand some 20 s
 * apart with other rows between them. Alternated, auth off read 0.86–0.87× of the limit where
 * the table's order gave 0.74–0.78× (docs/performance-log.md §38.5). Returns the time spent
 * minting the rounds' tokens.
 */
export async function measureFallbackRounds(rows: ScenarioRows): Promise<number> {
  const { scenario, record, load, measureSeconds, context } = rows;
  const { servers, dir, log } = context;
  const row = (server: ServerKind) => record.runs.find((r) => r.server === server)?.measured;
  const [limit, production] = [row('fhir-limit'), row('production')];
  if (!limit || !production) return 0;
  // The limit row's main thread is its load generator's: no main-thread figure for either side.
  const side = (measured: LoadResult): RoundSide => ({
    okRate: okRate(measured),
    mainMs: undefined,
  });
  const rounds: PairedRound[] = [{ baseline: side(limit), service: side(production) }];
  const fhirLoad = fhirLimitLoad(rows);
  let mintMs = 0;
  for (let round = 2; round <= PAIRED_ROUNDS; round += 1) {
    const limitRun = await fhirLoad(measureSeconds);
    const pool = await mintTokenPool({
      signer: servers.es384,
      audience: audienceOf(scenario, servers),
      count: tokenCount(okRate(production) * measureSeconds * 2 + CONNECTIONS * 2 + 50),
      dir,
      name: `${scenario.name}-production-round-${String(round)}`,
    });
    mintMs += pool.mintMs;
    const productionRun = await load('production', measureSeconds, `round-${String(round)}`, {
      file: pool.file,
      cycle: false,
    });
    const next = { baseline: side(limitRun), service: side(productionRun) };
    rounds.push(next);
    log(
      `    round ${String(round)}: FHIR server limit ${fmt(next.baseline.okRate, 0)} calls/s, production ${fmt(next.service.okRate, 0)}: ${fmt(next.service.okRate / next.baseline.okRate, 2)}×${productionRun.sent > pool.count ? ' — POOL EXHAUSTED: the extra requests went without a token (401)' : ''}`,
    );
  }
  record.rounds = rounds;
  return mintMs;
}
