/**
 * The HTTP face of the service (CDS Hooks 2.0 §Discovery, §Calling a CDS Service). The only
 * module that knows express; everything it does is delegated to src/cds/.
 */
import cors from 'cors';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { ServiceSettings } from '../config/settings.js';
import { callService, discoveryDocument, type FhirAccess } from '../cds/hook-service.js';
import type { HookRequest } from '../cds/request-schema.js';
import { ServiceError } from '../errors.js';
import { errorHandler, notFoundHandler } from './error-handler.js';

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
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(
    pinoHttp({
      logger: deps.logger,
      // Only method, path and status: headers carry the JWT, bodies carry patient data,
      // and query strings can carry identifiers (../shared/dependencies.md §3).
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: pathOf(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customSuccessMessage: (req, res, ms) =>
        `${req.method} ${pathOf(req.url)} ${String(res.statusCode)} ${String(Math.round(ms))}ms`,
      customErrorMessage: (req, res) =>
        `${req.method} ${pathOf(req.url)} ${String(res.statusCode)}`,
    }),
  );
  // Chrome's Private Network Access: a public page (the CDS Hooks Sandbox) calling a service
  // on localhost sends this preflight header; an allowed origin gets the matching grant.
  app.use('/cds-services', (req, res, next) => {
    const origin = req.headers.origin;
    if (
      req.method === 'OPTIONS' &&
      req.headers['access-control-request-private-network'] === 'true' &&
      origin &&
      deps.corsOrigins.includes(origin)
    ) {
      res.setHeader('Access-Control-Allow-Private-Network', 'true');
    }
    next();
  });
  app.use(
    '/cds-services',
    cors({
      origin: [...deps.corsOrigins],
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['Authorization', 'Content-Type'],
      maxAge: 600,
    }),
  );
  app.use(
    express.json({ limit: deps.bodyLimit, type: ['application/json', 'application/fhir+json'] }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/cds-services', (_req, res) => {
    res.json(discoveryDocument(deps.settings()));
  });

  app.post('/cds-services/:id', async (req, res) => {
    if (!req.is(['application/json', 'application/fhir+json'])) {
      throw new ServiceError('unsupported-media-type', [
        {
          severity: 'error',
          code: 'not-supported',
          diagnostics: 'request body: send Content-Type application/json',
        },
      ]);
    }
    const result = await callService(req.params.id, req.body, {
      settings: deps.settings(),
      now: deps.clock(),
      locale: deps.settings().defaultLocale,
      newUuid: deps.newUuid,
      fhirAccess: deps.fhirAccess,
    });
    res.json(result.response);
  });

  app.use(notFoundHandler());
  app.use(errorHandler(deps.logger));
  return app;
}

/** The path of a request URL without its query string, which may carry identifiers. */
function pathOf(url: string | undefined): string {
  return (url ?? '').split('?', 1)[0] ?? '';
}
