/**
 * Rate limiting keyed on the verified issuer (and tenant): EHRs call from a few addresses,
 * so an address key would throttle a whole hospital at once. Without authentication it
 * falls back to the client address. Over the limit: 429 with an OperationOutcome.
 */
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { sharedStateUnavailable } from '../auth/replay-cache.js';
import type { SharedState } from '../store/shared-state.js';
import type { ServiceMetrics } from '../cds/metrics.js';
import { toOperationOutcome } from '../errors.js';

const WINDOW_MS = 60_000;

/**
 * `shared`: count in the deployment's database (cluster mode), so the limit holds across
 * workers; otherwise in this process's memory.
 */
export function callerRateLimit(
  perMinute: number,
  metrics: ServiceMetrics,
  shared?: { state: SharedState; now?: () => number },
): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    ...(shared ? { store: sharedWindowStore(shared.state, shared.now ?? Date.now) } : {}),
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req, res) => {
      const caller = res.locals.caller;
      return caller
        ? `iss:${caller.iss}|${caller.tenant ?? ''}`
        : `ip:${ipKeyGenerator(req.ip ?? '')}`;
    },
    handler: (_req, res) => {
      metrics.clientError(429, 'throttled');
      res
        .status(429)
        .type('application/fhir+json')
        .json(
          toOperationOutcome([
            {
              severity: 'error',
              code: 'throttled',
              diagnostics: `more than ${String(perMinute)} requests a minute from this client; slow down`,
            },
          ]),
        );
    },
  });
}

/** Fixed one-minute windows, counted in the shared database. */
function sharedWindowStore(state: SharedState, now: () => number): Store {
  const windowOf = () => Math.floor(now() / WINDOW_MS) * WINDOW_MS;
  return {
    localKeys: false,
    async increment(key) {
      const windowStart = windowOf();
      try {
        const totalHits = await state.countHit(key, windowStart);
        return { totalHits, resetTime: new Date(windowStart + WINDOW_MS) };
      } catch (error) {
        throw sharedStateUnavailable('the rate limit', error);
      }
    },
    async decrement(key) {
      await state.uncountHit(key, windowOf());
    },
    async resetKey(key) {
      await state.resetHits(key);
    },
  };
}
