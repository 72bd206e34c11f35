/**
 * One structured log line per request (pino-http): request id, method, path, service,
 * verified issuer, status, duration. Nothing else: headers carry the JWT, bodies carry patient
 * data, and query strings can carry identifiers (../shared/dependencies.md §3). Redaction of
 * the sensitive keys stays on as a second line of defence.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/** A caller's X-Request-Id is kept when it is a plain token, so logs join up across systems. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.authorization',
  '*.fhirAuthorization',
  '*.access_token',
  '*.prefetch',
  '*.context',
];

export function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: pathOf(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      // pino-http attaches a synthetic "failed with status code" error to 4xx/5xx; the status says it.
      err: (err: { type?: string; message?: string; stack?: string }) => ({
        type: err.type,
        message: err.message,
        stack: err.stack,
      }),
    },
    customProps: (_req, res) => {
      const locals = (
        res as ServerResponse & { locals?: { serviceId?: string; caller?: { iss: string } } }
      ).locals;
      return { service: locals?.serviceId, iss: locals?.caller?.iss };
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: (req, res, ms) =>
      `${req.method ?? ''} ${pathOf(originalUrl(req))} ${String(res.statusCode)} ${String(Math.round(ms))}ms`,
    customErrorMessage: (req, res) =>
      `${req.method ?? ''} ${pathOf(originalUrl(req))} ${String(res.statusCode)}`,
  });
}

/** The path of a request URL without its query string, which may carry identifiers. */
function pathOf(url: string | undefined): string {
  return (url ?? '').split('?', 1)[0] ?? '';
}

/** Express keeps the full URL in originalUrl; mounted middleware sees a shortened req.url. */
function originalUrl(req: { url?: string }): string | undefined {
  return (req as { originalUrl?: string }).originalUrl ?? req.url;
}
