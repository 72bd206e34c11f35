/**
 * Rate limiting keyed on the verified issuer (and tenant, when the issuer lists its tenants):
 * EHRs call from a few addresses, so an address key would throttle a whole hospital at once.
 * Without authentication it falls back to the client address. Over the limit: 429 with an
 * OperationOutcome.
 */
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import type { SharedState } from '../store/shared-state-contract.js';
import type { SharedStateCircuit } from '../store/shared-state-circuit.js';
import type { ServiceMetrics } from '../cds/metrics.js';
import { toOperationOutcome } from '../errors.js';

const WINDOW_MS = 60_000;

/**
 * `shared`: count in the deployment's database (cluster mode, or a fleet on PostgreSQL),
 * so the limit holds across workers and nodes; otherwise in this process's memory. While
 * the database cannot answer, `circuit` counts in memory (each node its own callers).
 */
export function callerRateLimit(
  perMinute: number,
  metrics: ServiceMetrics,
  shared?: { state: SharedState; circuit: SharedStateCircuit; now?: () => number },
): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    ...(shared
      ? { store: sharedWindowStore(shared.state, shared.circuit, shared.now ?? Date.now) }
      : {}),
    limit: perMinute,
    // IETF draft-7's `RateLimit: limit=…, remaining=…, reset=…` and `RateLimit-Policy`. Not
    // draft-8: its policy header names the caller's partition by a SHA-256 of the key, worked
    // out anew on every answer, about 1.5 % of a typical call's main thread (issue #15), and
    // a client learns nothing from it that the limit, remaining and reset do not say.
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req, res) => {
      const caller = res.locals.caller;
      if (!caller) return `ip:${ipKeyGenerator(req.ip ?? '')}`;
      // An issuer with no `tenants` list may name any tenant: keyed per tenant, one caller
      // would get a fresh budget for every tenant string it invents. Listed ones were checked.
      return callerKey(caller.iss, caller.hasListedTenants ? caller.tenant : undefined);
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

/** A tenant longer than this is keyed by its SHA-256 (`callerKey`). */
const LONGEST_TENANT_AS_WRITTEN = 64;

/**
 * The rate limit's key for a verified caller: its issuer (from the allowlist) and its tenant,
 * when the issuer lists its tenants (else `undefined`: one budget for the issuer).
 * CDS Hooks 2.0 sets no length on `tenant`, and the key is a primary key in the deployment's
 * database (`rate_window`): a tenant of a few kilobytes exceeds PostgreSQL's B-tree entry
 * limit (2704 bytes), the write fails, and the node then counts every caller in its own
 * memory while the circuit is open. A long tenant is keyed by its SHA-256 instead; a short
 * one, as every real tenant is, as written, so a call pays for no hash.
 */
export function callerKey(iss: string, tenant: string | undefined): string {
  const partition =
    tenant === undefined || tenant.length <= LONGEST_TENANT_AS_WRITTEN
      ? (tenant ?? '')
      : `sha256:${createHash('sha256').update(tenant).digest('base64url')}`;
  return `iss:${iss}|${partition}`;
}

/** Fixed one-minute windows, counted in the shared database (in memory while it is down). */
function sharedWindowStore(
  state: SharedState,
  circuit: SharedStateCircuit,
  now: () => number,
): Store {
  const windowOf = () => Math.floor(now() / WINDOW_MS) * WINDOW_MS;
  // This node's counts of the current window, for the outage only.
  let localWindow = 0;
  const localHits = new Map<string, number>();
  const countLocally = (key: string, windowStart: number, delta: number) => {
    if (windowStart !== localWindow) {
      localHits.clear();
      localWindow = windowStart;
    }
    const hits = Math.max(0, (localHits.get(key) ?? 0) + delta);
    localHits.set(key, hits);
    return hits;
  };
  return {
    localKeys: false,
    async increment(key) {
      const windowStart = windowOf();
      const totalHits = await circuit.run(
        'rate-limit',
        () => state.countHit(key, windowStart),
        () => countLocally(key, windowStart, 1),
      );
      return { totalHits, resetTime: new Date(windowStart + WINDOW_MS) };
    },
    async decrement(key) {
      const windowStart = windowOf();
      await circuit.run(
        'rate-limit',
        () => state.uncountHit(key, windowStart),
        () => void countLocally(key, windowStart, -1),
      );
    },
    async resetKey(key) {
      localHits.delete(key);
      await state.resetHits(key).catch(() => undefined);
    },
  };
}
