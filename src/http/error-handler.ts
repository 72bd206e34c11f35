/**
 * The one place errors become HTTP responses: a status per error code, an OperationOutcome
 * body (CDS Hooks 3.0 recommends one with every non-2xx), never a stack trace. The cause
 * goes to the log, without request bodies, tokens or patient data.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ServiceMetrics } from '../cds/metrics.js';
import { ServiceError, toOperationOutcome, type ErrorCode } from '../errors.js';
import { sizeText } from '../fhir/bytes-in-flight.js';
import { BodyError, BodyTooLarge } from './body-text.js';
import { MAX_REQUEST_BYTES_IN_FLIGHT } from './request-bytes-in-flight.js';

const STATUS_BY_CODE = {
  'invalid-request': 400,
  'unknown-service': 404,
  'unknown-route': 404,
  // The Allow header RFC 9110 §15.5.6 requires is set by ./method-not-allowed.ts.
  'method-not-allowed': 405,
  'required-data-unavailable': 412,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  unavailable: 503,
  internal: 500,
} as const satisfies Record<ErrorCode, number>;

export const FHIR_JSON = 'application/fhir+json';

/** What a 503 asks the client to wait before retrying. */
const RETRY_AFTER_SECONDS = 5;

export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => {
    next(
      new ServiceError('unknown-route', [
        {
          severity: 'error',
          code: 'not-found',
          diagnostics: `no route for ${req.method} ${req.path}${emptySegmentHint(req.path)}`,
        },
      ]),
    );
  };
}

/**
 * A CDS client calls `<the discovery URL it was given>/<service id>` (the public Sandbox
 * does exactly that), so a discovery URL registered with a slash at the end makes every call
 * `/cds-services//<id>`, while discovery itself answers. The path is not read as `/`: the
 * token's `aud` names the URL called, and the registration is what is wrong.
 */
function emptySegmentHint(path: string): string {
  if (!path.startsWith('/cds-services/') || !path.includes('//')) return '';
  return ': the path has an empty segment ("//"). A CDS client adds "/<service id>" to the discovery URL it was given, so register that URL without the slash at the end: http://host:port/cds-services, not http://host:port/cds-services/';
}

export function errorHandler(logger: Logger, metrics: ServiceMetrics): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const serviceError = error instanceof ServiceError ? error : fromBodyParser(error);
    if (!serviceError) logger.error({ err: error }, 'unhandled error');
    const outcome =
      serviceError ??
      new ServiceError('internal', [
        {
          severity: 'fatal',
          code: 'exception',
          diagnostics: 'internal error; the service log has the details',
        },
      ]);
    const status = STATUS_BY_CODE[outcome.code];
    if (status < 500) metrics.clientError(status, outcome.code);
    else if (error instanceof BodyError && error.type === 'node.bound.reached')
      metrics.requestBytesBoundReached();
    // 503 is always transient here (a store that will answer again, a node reading too many
    // bodies at once): say when to retry.
    if (status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(status).type(FHIR_JSON).json(toOperationOutcome(outcome.issues));
  };
}

/**
 * body-parser (and ./json-body.ts) signal problems with `type` and `status` on a plain error;
 * an unsupported or undecodable Content-Encoding also names it in `encoding`.
 */
function fromBodyParser(error: unknown): ServiceError | undefined {
  const { type, encoding, status } = (error ?? {}) as {
    type?: unknown;
    encoding?: unknown;
    status?: unknown;
  };
  switch (type) {
    case 'entity.parse.failed':
      return new ServiceError('invalid-request', [
        {
          severity: 'error',
          code: 'structure',
          // Our own words when ./json-body.ts wrote them ("not a JSON object or array", for
          // `null` or `"text"`); never JSON.parse's, which quote the body.
          diagnostics:
            error instanceof BodyError && error.message.startsWith('request body: ')
              ? error.message
              : 'request body: not valid JSON',
        },
      ]);
    case 'entity.decode.failed':
      return new ServiceError('invalid-request', [
        {
          severity: 'error',
          code: 'structure',
          diagnostics: `request body: could not be decoded as Content-Encoding ${shown(encoding)}`,
        },
      ]);
    case 'entity.too.large':
      return new ServiceError('payload-too-large', [
        {
          severity: 'error',
          code: 'too-costly',
          diagnostics: tooLargeDiagnostics(error),
        },
      ]);
    case 'node.bound.reached':
      return new ServiceError('unavailable', [
        {
          severity: 'error',
          code: 'transient',
          diagnostics: `request body: not read, as this node is already reading ${sizeText(MAX_REQUEST_BYTES_IN_FLIGHT)} of request bodies at once; a transient state: retry after a few seconds`,
        },
      ]);
    case 'encoding.unsupported':
      return new ServiceError('unsupported-media-type', [
        {
          severity: 'error',
          code: 'not-supported',
          diagnostics: `request body: Content-Encoding ${shown(encoding)} is not supported (gzip, deflate and br are)`,
        },
      ]);
    case 'charset.unsupported':
      return new ServiceError('unsupported-media-type', [
        {
          severity: 'error',
          code: 'not-supported',
          diagnostics: 'request body: unsupported charset (send UTF-8)',
        },
      ]);
    default:
      // Express's router passes a malformed URL (a bad %-escape in the service id) as a
      // URIError with status 400.
      if (error instanceof URIError)
        return new ServiceError('invalid-request', [
          { severity: 'error', code: 'invalid', diagnostics: 'request URL: not a valid URL path' },
        ]);
      // Any other 400 of body-parser's (an aborted request, a body shorter than its length).
      if (status === 400)
        return new ServiceError('invalid-request', [
          { severity: 'error', code: 'structure', diagnostics: 'request body: could not be read' },
        ]);
      return undefined;
  }
}

/**
 * The 413's words: the limit in force and the setting that raises it, so the integrator whose
 * EHR sends large imaging prefetch knows what to change (H120). Never any of the body.
 */
function tooLargeDiagnostics(error: unknown): string {
  if (!(error instanceof BodyTooLarge)) return 'request body: larger than BODY_LIMIT';
  return `request body: larger than BODY_LIMIT (${sizeText(error.limitBytes)} here); raise BODY_LIMIT (service.bodyLimit) to take prefetch this large, and the proxy's body limit with it (docs/configuring.md)`;
}

/** A Content-Encoding as the client sent it, quoted and cut short (it is the client's text). */
function shown(encoding: unknown): string {
  return typeof encoding === 'string' ? JSON.stringify(encoding.slice(0, 40)) : '(unknown)';
}
