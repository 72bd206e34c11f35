/**
 * The HTTP face of the service (CDS Hooks 2.0 §Discovery, §Calling a CDS Service). The only
 * module that knows express; everything it does is delegated to src/cds/.
 */
import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ServiceSettings } from '../cds/service-settings.js';
import type { StartOnlyInForce } from '../config/config-view.js';
import { callService } from '../cds/hook-service.js';
import type { FhirAccess } from '../fhir/fhir-query.js';
import { discoveryDocument } from '../cds/discovery.js';
import { receiveFeedback } from '../cds/feedback.js';
import { selectLocale } from '../cds/locale.js';
import type { AuditDeps } from '../cds/call-audit.js';
import type { SharedState } from '../store/shared-state-contract.js';
import type { SharedStateCircuit } from '../store/shared-state-circuit.js';
import { serveStats } from './admin-stats.js';
import { consoleApi } from './console-api.js';
import { requireJson } from './require-json.js';
import type { ServiceMetrics } from '../cds/metrics.js';
import type { HookRequest } from '../cds/request-schema.js';
import { ServiceError } from '../errors.js';
import { requireCaller, type AuthDeps } from './auth-middleware.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { guardedMetrics } from './metrics-listener.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { callerRateLimit } from './rate-limit.js';
import { requestLogging } from './request-logging.js';
import { securityHeaders } from './security-headers.js';
import { allowBrowserClients } from './browser-clients.js';
import { serveHealthProbes } from './health-probes.js';
import type { NodeHealth } from './readiness.js';
import { jsonBody, takeBody } from './json-body.js';
import { serveTimelineApi, type TimelineOrigins } from './timeline-app.js';
import { serveWebApps } from './web-apps.js';
import { serveFleetView } from './fleet-routes.js';
import type { FleetNode } from '../store/fleet-view.js';

export interface AppDeps {
  /** The settings in force; a function so a reload takes effect on the next request. */
  settings: () => ServiceSettings;
  logger: Logger;
  clock: () => Date;
  newUuid: () => string;
  fhirAccess: (request: HookRequest) => FhirAccess;
  /** Browser origins allowed to call (the public CDS Hooks Sandbox runs in the browser). */
  corsOrigins: readonly string[];
  /** Largest accepted request body; prefetch Bundles can be large. */
  bodyLimit: string;
  /** JWT verification of CDS clients; undefined only when explicitly switched off. */
  auth: AuthDeps | undefined;
  /** True: GET /cds-services needs no token (AUTH_DISCOVERY=off); service calls still do. */
  openDiscovery?: boolean;
  /** Service calls per minute per verified issuer (per address when auth is off). */
  rateLimitPerMinute: number;
  /** Cluster mode or a fleet: rate-limit counts in the deployment's database, with a fallback. */
  sharedState?: { state: SharedState; circuit: SharedStateCircuit } | undefined;
  /** What /readyz reports (issue #16): the audit spool or no audit at all, the shared state. */
  health?: () => NodeHealth;
  /**
   * The nodes sharing this store database, for GET /admin/instances and /admin/nodes (the
   * same list; issue #16, admin token). Undefined, or no admin token: both answer 404.
   */
  fleet?: () => Promise<FleetNode[]>;
  /** True once shutdown has begun: /readyz then says so, so the balancer stops sending. */
  isShuttingDown: () => boolean;
  /** Audit of served cards, feedback and suppression; undefined for a deployment without a store. */
  audit: AuditDeps | undefined;
  /** The credential for /admin/stats (Bearer); undefined disables the endpoint. */
  adminToken: string | undefined;
  /** Counters and timings; served at /metrics when they are Prometheus metrics. */
  metrics: ServiceMetrics & { handler?: RequestHandler };
  /**
   * /metrics on this app's port: `{ credential }` serves it, behind that Bearer credential
   * when one is given; false leaves it to a listener of its own (METRICS_PORT). Default: open.
   */
  publicMetrics?: { credential: string | undefined } | false;
  /**
   * FHIR servers the service may read: the timeline page may fetch from them too (CSP), and the
   * console shows them (for its SMART launch).
   */
  fhirServers: readonly string[];
  /** The timeline page's other origins: SMART token endpoints, EHRs that embed it (CSP). */
  timeline?: TimelineOrigins | undefined;
  /** The built browser apps (dist/web); undefined serves none. */
  webRoot?: string | undefined;
  /** The start-only settings the node runs with, for GET /admin/config (no secret in them). */
  startOnly?: StartOnlyInForce | undefined;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // No ETag: every answer is computed for one call (cards carry fresh uuids), so a hash of
  // each body (sha1 of several KiB per card response) could never match (issue #15).
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(requestLogging(deps.logger));
  allowBrowserClients(app, deps.corsOrigins);
  app.use(securityHeaders());
  // CORS first (preflights carry no token), then who is calling, then how often: one
  // handler for both, as every layer express matches costs a call some time (issue #15).
  app.use('/cds-services', guardServiceCalls(deps));
  // A body is read only where a route takes one, and only once its caller is known: here
  // after the token check and the rate limit, and for the console's dry run after the admin
  // credential (./console-api.ts). Read for every path, a small gzip body that inflates to
  // megabytes of nesting held the event loop for a second or more before any 404 or 401.
  app.use('/cds-services', jsonBody(deps.bodyLimit));

  // The CDS Hooks routes before the others, which a hook call would otherwise be matched
  // against first (issue #15); no two routes here share a path.
  app.get('/cds-services', (_req, res) => {
    res.json(discoveryDocument(deps.settings()));
  });

  app.post('/cds-services/:id', async (req, res) => {
    requireJson(req);
    res.locals.serviceId = req.params.id;
    const settings = deps.settings();
    const locale = selectLocale(
      req.headers['accept-language'],
      Object.keys(settings.wording),
      settings.defaultLocale,
    );
    res.setHeader('Content-Language', locale);
    // The cards' language follows Accept-Language: a cache must key on it (RFC 9110 §12.5.5).
    res.vary('Accept-Language');
    const result = await callService(req.params.id, takeBody(req), {
      settings,
      now: deps.clock(),
      locale,
      newUuid: deps.newUuid,
      fhirAccess: deps.fhirAccess,
      metrics: deps.metrics,
      audit: deps.audit,
      logger: deps.logger,
      caller: res.locals.caller,
    });
    res.json(result.response);
  });

  // CDS Hooks 2.0 §Feedback. Answered only once the records are committed.
  app.post('/cds-services/:id/feedback', async (req, res) => {
    requireJson(req);
    res.locals.serviceId = req.params.id;
    if (!deps.audit)
      throw new ServiceError('unknown-route', [
        {
          severity: 'error',
          code: 'not-supported',
          diagnostics: 'feedback is not stored by this deployment',
        },
      ]);
    res.json(
      await receiveFeedback(req.params.id, req.body, {
        settings: deps.settings(),
        store: deps.audit.store,
        now: deps.clock(),
        caller: res.locals.caller,
      }),
    );
  });

  serveHealthProbes(app, deps);
  const publicMetrics = deps.publicMetrics ?? { credential: undefined };
  if (deps.metrics.handler && publicMetrics)
    app.get('/metrics', guardedMetrics(deps.metrics.handler, publicMetrics.credential));

  serveTimelineApi(app, deps.settings, deps.fhirServers, deps.timeline);
  if (deps.webRoot) serveWebApps(app, deps.webRoot);

  // Every /admin answer, a 401 or 404 included: dry-run cards, audit statistics, the fleet.
  app.use('/admin', (_req, res, next) => {
    res.setHeader('Cache-Control', PATIENT_DATA_CACHE);
    next();
  });
  serveStats(app, deps);
  serveFleetView(app, deps.adminToken, deps.fleet);
  app.use(
    '/admin',
    consoleApi({
      settings: deps.settings,
      clock: deps.clock,
      adminToken: deps.adminToken,
      store: deps.audit?.store,
      allowedFhirServers: deps.fhirServers,
      restartNeededFor: () => deps.health?.().restartNeededFor ?? [],
      reloadRefused: () => deps.health?.().configReloadRefusal,
      startOnly: deps.startOnly,
      bodyLimit: deps.bodyLimit,
    }),
  );

  app.use(notFoundHandler());
  app.use(errorHandler(deps.logger, deps.metrics));
  return app;
}

/**
 * Cards, feedback answers and the console's dry runs and lists are built from a patient's
 * record: no cache may keep them (RFC 9111 §5.2.2.5), not a proxy's nor the browser's.
 * Set before anything can fail, so an error answer, which may quote the request, has it too.
 */
const PATIENT_DATA_CACHE = 'no-store';
/**
 * Discovery holds no patient data (the services and their prefetch templates), so a copy may
 * be kept; but a reload changes it, so a kept copy is checked each time (RFC 9111 §5.2.2.4).
 */
const DISCOVERY_CACHE = 'no-cache';

/**
 * A method the path does not take (405), then who is calling (when authentication is on),
 * then how often: the rate limit counts the verified caller. Discovery needs no token when
 * AUTH_DISCOVERY=off; HEAD is answered by the GET route (express), so it is as open as GET.
 *
 * The 405 comes before authentication. It tells only which methods the CDS Hooks paths take,
 * which the CDS Hooks spec itself fixes and discovery documents, and which ids have a service:
 * the product's own (cds-hooks/services/, not a site's), published with it. After
 * authentication, a client with the wrong method would chase a 401 (its token's `aud`, say)
 * for a call that could never succeed, and a good token's `jti` would be spent on it; and no
 * body is read for a method nothing takes. An id no service has is no path of the service:
 * it is authenticated like any other, then 404 (docs/integrating.md §1), as a POST to it is.
 */
function guardServiceCalls(deps: AppDeps): RequestHandler {
  const limit = callerRateLimit(deps.rateLimitPerMinute, deps.metrics, deps.sharedState);
  const guard = deps.auth && requireCaller(deps.auth, deps.logger, deps.metrics);
  const guarded: RequestHandler = guard
    ? (req, res, next) =>
        guard(req, res, (error?: unknown) => {
          if (error === undefined) void limit(req, res, next);
          else next(error);
        })
    : limit;
  return async (req, res, next) => {
    const isDiscovery = (req.method === 'GET' || req.method === 'HEAD') && req.path === '/';
    res.setHeader('Cache-Control', isDiscovery ? DISCOVERY_CACHE : PATIENT_DATA_CACHE);
    const refusal = methodNotAllowed(req, res, (id) =>
      deps.settings().services.some((service) => service.id === id),
    );
    if (refusal) {
      next(refusal);
      return;
    }
    if (deps.openDiscovery && isDiscovery) await limit(req, res, next);
    else await guarded(req, res, next);
  };
}
