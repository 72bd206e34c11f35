/**
 * One structured log line per request: request id, method, path, service, verified issuer,
 * status, duration. Nothing else: headers carry the JWT, bodies carry patient data, and
 * query strings can carry identifiers (../shared/dependencies.md §3). Redaction of the
 * sensitive keys stays on as a second line of defence.
 *
 * Written here rather than with pino-http (issue #15): pino-http built a child logger and
 * ran its serializers for every request, about 7 % of a small call even when the level was
 * `silent`. This builds the one line only when its level is on.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Level, Logger } from 'pino';
import { textForLog } from '../log-text.js';

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
  const log = logger.child({}, { redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } });
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', id);
    const started = performance.now();
    res.once('close', () => {
      const aborted = !res.writableFinished;
      const status = res.statusCode;
      const level = levelOf(status, aborted, req.originalUrl);
      if (!log.isLevelEnabled(level)) return;
      const ms = performance.now() - started;
      const locals = res.locals as { serviceId?: string; caller?: { iss: string } };
      // Express keeps the full URL in originalUrl; mounted middleware sees a shortened req.url.
      // Cut as a refused token's claims are (./claim-for-log.ts): the path is the caller's text,
      // up to the size of a request line, and an unknown one is logged too (404).
      const path = textForLog(pathOf(req.originalUrl));
      log[level](
        {
          req: { id, method: req.method, path },
          res: { statusCode: status },
          service: locals.serviceId,
          iss: locals.caller?.iss,
          responseTime: Math.round(ms),
        },
        `${req.method} ${path} ${String(status)}${aborted ? ' aborted' : ` ${String(Math.round(ms))}ms`}`,
      );
    });
    next();
  };
}

/** The path of a request URL without its query string, which may carry identifiers. */
function pathOf(url: string | undefined): string {
  return (url ?? '').split('?', 1)[0] ?? '';
}

/**
 * A server error is an error, a refused request or a cut answer a warning. But /readyz
 * answers 503 from the moment the node begins to shut down (./health-probes.ts): that is the
 * probe doing its job, and logged as an error it would put error lines in every rolling
 * restart, where an operator's alerting looks for faults. Its 503 while the node cannot
 * record audit is the probe's answer too: the fault has its own error line, once, when it
 * begins (src/store/audit-recording.ts), not one for each probe.
 */
function levelOf(status: number, aborted: boolean, url: string): Level {
  if (status === 503 && pathOf(url) === '/readyz') return 'info';
  if (status >= 500) return 'error';
  return status >= 400 || aborted ? 'warn' : 'info';
}
