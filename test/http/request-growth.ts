/**
 * How a request's cost grows from a small body to a large one (issue #19: one request must
 * never stall the service). The large body is ten times the small one in the dimension under
 * test; linear work costs ~10×, quadratic ~100×, and the limit is 20×. A check of growth, not
 * of speed: both bodies are measured in the same run as CPU time of this process, best of a
 * few tries, so a slow or busy machine changes both alike.
 */

/** Linear growth gives ~10×; quadratic ~100×. 20× leaves room for noise and GC. */
export const MAX_GROWTH = 20;
const TRIES = 3;
const ROUNDS = 3;

export interface Measured {
  small: number;
  large: number;
  statuses: number[];
}

/**
 * CPU milliseconds this process spent from sending the request to the end of the answer,
 * and the status. Client and service share the process, so this is the request's own work;
 * CPU time, unlike wall time, does not grow when other processes load the machine.
 */
async function timeCall(
  url: string,
  body: string | Uint8Array,
  headers: Record<string, string>,
): Promise<{ ms: number; status: number }> {
  const started = process.cpuUsage();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  await res.arrayBuffer();
  const used = process.cpuUsage(started);
  return { ms: (used.user + used.system) / 1000, status: res.status };
}

/** Best time of a few interleaved tries at each size (the least disturbed by GC and JIT). */
async function bestTimes(
  url: string,
  small: string | Uint8Array,
  large: string | Uint8Array,
  headers: Record<string, string>,
): Promise<Measured> {
  const best = [Infinity, Infinity];
  const statuses: number[] = [];
  await timeCall(url, small, headers); // warm-up: JIT and caches, not measured
  for (let i = 0; i < TRIES; i++) {
    for (const [slot, body] of [small, large].entries()) {
      const { ms, status } = await timeCall(url, body, headers);
      best[slot] = Math.min(best[slot] ?? Infinity, ms);
      statuses.push(status);
    }
  }
  return { small: best[0] ?? Infinity, large: best[1] ?? Infinity, statuses };
}

/**
 * Growth of the large request over the small one at `url`, measured up to ROUNDS times:
 * quadratic work exceeds the limit every round (about 100×), a pause of the collector only
 * once. `options`: headers to send (gzip, a credential), and the limit of the rounds when not
 * MAX_GROWTH (./bounded-cost.test.ts compares two bodies of one size).
 */
export async function growthOf(
  url: string,
  small: string | Uint8Array,
  large: string | Uint8Array,
  options: { headers?: Record<string, string>; maxGrowth?: number } = {},
): Promise<Measured> {
  const maxGrowth = options.maxGrowth ?? MAX_GROWTH;
  let measured: Measured = { small: 0, large: 0, statuses: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const times = await bestTimes(url, small, large, options.headers ?? {});
    measured = { ...times, statuses: [...measured.statuses, ...times.statuses] };
    if (measured.large <= maxGrowth * measured.small) break;
  }
  return measured;
}
