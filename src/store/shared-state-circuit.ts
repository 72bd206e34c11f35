/**
 * The fallback of the shared replay guard and rate limits (issue #16): when the store's
 * database cannot answer, a check is answered from this node's memory instead of failing
 * the hook call, so alerts keep flowing. The accepted risk: during the outage a token
 * replayed to another node is not recognised there, and each node counts its own callers.
 * Each fallback is counted in /metrics; the first of an outage is logged at warn. After a
 * failure the database is not asked again for `retryMs`, so calls do not each wait for a
 * connection timeout.
 */
import type { Logger } from 'pino';
import type { ResilienceMetrics } from './resilience-metrics.js';

export type SharedGuard = 'replay-guard' | 'rate-limit';

export interface SharedStateCircuit {
  /** `shared()` when the database answers in time; otherwise `local()`. */
  run<T>(guard: SharedGuard, shared: () => Promise<T>, local: () => T): Promise<T>;
  /** True while checks are answered from memory (until the next attempt at the database). */
  isDown(): boolean;
}

export function sharedStateCircuit(options: {
  logger: Logger;
  metrics: ResilienceMetrics;
  retryMs?: number;
  timeoutMs?: number;
  now?: () => number;
}): SharedStateCircuit {
  const retryMs = options.retryMs ?? 2000;
  const timeoutMs = options.timeoutMs ?? 2000;
  const now = options.now ?? Date.now;
  let downUntil: number | undefined;

  const fallBack = <T>(guard: SharedGuard, local: () => T, error?: unknown): T => {
    if (error !== undefined) {
      if (downUntil === undefined)
        options.logger.warn(
          { guard, problem: error instanceof Error ? error.message : 'unknown' },
          'shared state unavailable: the replay guard and rate limits use this node only (a token replayed to another node is not recognised until the database answers)',
        );
      downUntil = now() + retryMs;
    }
    options.metrics.sharedStateFallback(guard);
    return local();
  };

  return {
    async run(guard, shared, local) {
      if (downUntil !== undefined && now() < downUntil) return fallBack(guard, local);
      let timer: NodeJS.Timeout | undefined;
      try {
        const result = await Promise.race([
          shared(),
          new Promise<never>((_resolve, reject) => {
            timer = setTimeout(() => {
              reject(new Error(`no answer within ${String(timeoutMs)} ms`));
            }, timeoutMs);
          }),
        ]);
        if (downUntil !== undefined) options.logger.info('shared state answers again');
        downUntil = undefined;
        return result;
      } catch (error) {
        return fallBack(guard, local, error);
      } finally {
        clearTimeout(timer);
      }
    },
    isDown: () => downUntil !== undefined && now() < downUntil,
  };
}
