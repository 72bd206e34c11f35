/**
 * One load run with autocannon: a warm-up, then the measured run, each a separate
 * autocannon run against the same target. autocannon runs in one worker thread of this
 * process (its `workers` option), so the load generator gets the second core while the
 * servers keep the main thread. With a token pool, a small CommonJS request hook (written
 * to the temp folder, since autocannon's worker `require`s it by path) puts the next unused
 * token of the pool in each request's Authorization header.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { Scenario } from './payloads.js';

export interface LoadOptions {
  url: string;
  path: string;
  body: string;
  connections: number;
  durationSeconds: number;
  /** A JSON file of tokens, one per request; without it no Authorization header is sent. */
  tokenFile?: string;
  /** Start the pool over when it runs out (for servers that do not refuse a replayed token). */
  cycleTokens?: boolean;
  /** Requests per second over all connections (npm run soak); without it, as fast as answered. */
  overallRate?: number;
  /** Where the request hook is written. */
  dir: string;
  name: string;
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Responses received over the whole run, any status. */
  responses: number;
  /** Requests sent (each took one token when a pool was used). */
  sent: number;
  durationSeconds: number;
  latencyP50Ms: number;
  latencyP97_5Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

/** The hook autocannon's worker loads: hands out the pool's tokens in order, once each. */
function requestHookSource(tokenFile: string, cycle: boolean): string {
  return `'use strict';
// Written by bench/load.ts for one run: autocannon's worker thread loads it by path.
const { readFileSync } = require('node:fs');
const tokens = JSON.parse(readFileSync(${JSON.stringify(tokenFile)}, 'utf8'));
let next = 0;
module.exports = function setupRequest(request) {
  const token = tokens[${cycle ? 'next % tokens.length' : 'next'}];
  next += 1;
  // An exhausted pool sends no token: the service answers 401, which shows as non-2xx.
  if (token === undefined) return request;
  return { ...request, headers: { ...request.headers, authorization: 'Bearer ' + token } };
};
`;
}

/**
 * A load run of one scenario's hook call against the server at `base`: the same path and
 * body for every row of the bench and for its steady-state load.
 */
export function runScenarioLoad(
  base: string,
  scenario: Scenario,
  run: {
    connections: number;
    seconds: number;
    dir: string;
    name: string;
    tokens?: { file: string; cycle: boolean } | undefined;
  },
): Promise<LoadResult> {
  return runLoad({
    url: base,
    path: `/cds-services/${scenario.serviceId}`,
    body: scenario.body,
    connections: run.connections,
    durationSeconds: run.seconds,
    dir: run.dir,
    name: run.name,
    ...(run.tokens ? { tokenFile: run.tokens.file, cycleTokens: run.tokens.cycle } : {}),
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let setupRequest: string | undefined;
  if (options.tokenFile) {
    setupRequest = join(options.dir, `${options.name}.request-hook.cjs`);
    writeFileSync(setupRequest, requestHookSource(options.tokenFile, options.cycleTokens ?? false));
  }
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    workers: 1,
    timeout: 30,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    requests: [
      {
        method: 'POST',
        path: options.path,
        headers: { 'content-type': 'application/json' },
        // A string: a Buffer would reach the worker thread as a plain Uint8Array, which autocannon refuses.
        body: options.body,
        ...(setupRequest ? { setupRequest } : {}),
      },
    ],
  });
  const statusCodes: Record<string, number> = {};
  for (const [status, stats] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[status] = stats.count ?? 0;
  const responses = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  return {
    requestsPerSecond: result.requests.average,
    responses,
    sent: result.requests.sent,
    durationSeconds: result.duration,
    latencyP50Ms: result.latency.p50,
    latencyP97_5Ms: result.latency.p97_5,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
  };
}
