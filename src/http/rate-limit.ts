/**
 * Rate limiting keyed on the verified issuer (and tenant): EHRs call from a few addresses,
 * so an address key would throttle a whole hospital at once. Without authentication it
 * falls back to the client address. Over the limit: 429 with an OperationOutcome.
 */
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { ServiceMetrics } from '../cds/metrics.js';
import { toOperationOutcome } from '../errors.js';

export function callerRateLimit(perMinute: number, metrics: ServiceMetrics): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
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
