/**
 * Timing one operation in-process (./rules-micro.ts): warm-up runs, then measured runs, each
 * run's input built outside the timed part.
 */

export interface SamplePlan<T> {
  /** Runs before any is timed: at least this many… */
  warmup: number;
  /**
   * …and for at least this long. A count alone left V8 compiling the call's functions while
   * the timed runs went on: 50 warm-up calls at 50 resources measured `callService()` at
   * 0.51–0.57 ms, 2,000 (about a second) at 0.32–0.36 ms, the same code (performance log
   * §36.1). A running service is past that within its first second, so the steady state is
   * what is measured.
   */
  warmupMs?: number;
  /** Timed runs. */
  measured: number;
  /** Stop timing after this long (but time at least 3 runs). */
  capMs?: number;
  /** Builds each run's input, outside the timed part. */
  prepare?: () => T;
}

/** The measured runs' durations in ms, in the order they ran. */
export async function sample<T = undefined>(
  plan: SamplePlan<T>,
  run: (input: T) => Promise<unknown>,
): Promise<number[]> {
  const prepare = plan.prepare ?? (() => undefined as T);
  const warmupUntil = performance.now() + (plan.warmupMs ?? 0);
  for (let i = 0; i < plan.warmup || performance.now() < warmupUntil; i += 1) await run(prepare());
  const capMs = plan.capMs ?? Number.POSITIVE_INFINITY;
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < plan.measured; i += 1) {
    const input = prepare();
    const t0 = performance.now();
    await run(input);
    samples.push(performance.now() - t0);
    if (samples.length >= 3 && performance.now() - started > capMs) break;
  }
  return samples;
}
