/**
 * Load before anything is measured, so every row measures code V8 has finished compiling.
 * Over its first seconds under load V8 still compiles the service's code on background
 * threads (a few hundred functions, against the bare baseline's few dozen): with only each
 * row's 1 s warm-up, the first rows, typical's, measured that compiling as well. Measured
 * (docs/performance-log.md §15.2): typical auth off after 1 s of warm-up 0.35–0.37× of the
 * baseline, with the process spending 1.74–1.78 ms of CPU a request; after 8 s 0.40–0.41×
 * and 1.31–1.34 ms; after 20 s 0.40×. Compiled code belongs to the functions, not to a server
 * instance, so loading the auth-off service warms the production service's code too (all
 * but the signature check, which its own 1 s warm-up covers). The cluster's workers are
 * processes of their own, with code of their own to compile, so they get the same load:
 * with only the 1 s warm-up, its typical row measured 432 req/s, where the same cluster
 * started alone and loaded for 9 s first answered 850–940 (docs/performance-log.md §16.5).
 */
import { CONNECTIONS, QUICK } from './bench-records.js';
import { runScenarioLoad } from './load.js';
import type { Scenario } from './payloads.js';

/** Seconds of load per scenario on the service, and of typical on the baseline. */
export const STEADY_STATE_SECONDS_PER_SCENARIO = QUICK ? 0.5 : 2;

/** `dir`: the run's folder for autocannon's request hooks (the bench removes it at the end). */
export async function warmToSteadyState(
  scenarios: readonly Scenario[],
  urls: { service: string; baseline: string; cluster: string },
  dir: string,
): Promise<void> {
  const loadFor = (url: string, scenario: Scenario) =>
    runScenarioLoad(url, scenario, {
      connections: CONNECTIONS,
      seconds: STEADY_STATE_SECONDS_PER_SCENARIO,
      dir,
      name: `steady-state-${scenario.name}`,
    });
  // Every scenario on the service: each takes paths the others do not (the imaging hook,
  // the FHIR reads); the baseline answers all of them with the same code.
  for (const scenario of scenarios) {
    await loadFor(urls.service, scenario);
    await loadFor(urls.cluster, scenario);
  }
  const typical = scenarios.find((scenario) => scenario.name === 'typical');
  if (typical) await loadFor(urls.baseline, typical);
}
