/**
 * CDS Hooks 2.0 §Trusting CDS Clients over HTTP: every call carries `Authorization: Bearer
 * <JWT>` whose `aud` is the URL of the endpoint called (discovery, service or feedback), as
 * the client sees it — built from the configured public base URL, not from the request, so
 * a proxy in front does not change it. Failure: a 401 with an empty body (house style) whose
 * `WWW-Authenticate` header carries the reason code (RFC 6750 §3) when a Bearer token came
 * (a 400 `invalid_request` with an OperationOutcome when the header itself is malformed),
 * so an integrator whose audience or clock is wrong can tell without our log; the reason,
 * issuer and audience go to the log, each cut to 200 characters (./claim-for-log.ts). The
 * token never goes to the client or the log.
 */
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import {
  AuthFailure,
  INVALID_REQUEST_REASONS,
  NO_BEARER_TOKEN_REASONS,
  type AuthFailureReason,
} from '../auth/auth-failure.js';
import type { JwtVerifier, VerifiedCaller } from '../auth/jwt-verifier.js';
import type { ServiceMetrics } from '../cds/metrics.js';
import { toOperationOutcome } from '../errors.js';
import { bearerChallenge } from './bearer-challenge.js';
import { claimForLog } from './claim-for-log.js';
import { FHIR_JSON } from './error-handler.js';

export interface AuthDeps {
  verify: JwtVerifier;
  publicBaseUrl: string;
}

declare module 'express-serve-static-core' {
  interface Locals {
    /** The verified CDS client, when authentication is on. */
    caller?: VerifiedCaller;
    /** The CDS Service called, for the request log. */
    serviceId?: string;
  }
}

export function requireCaller(
  auth: AuthDeps,
  logger: Logger,
  metrics: ServiceMetrics,
): RequestHandler {
  return async (req, res, next) => {
    const path = req.originalUrl.split('?', 1)[0] ?? '';
    const audience = `${auth.publicBaseUrl}${path}`;
    try {
      // Node keeps the first of several Authorization lines and drops the rest: count them.
      if ((req.headersDistinct.authorization?.length ?? 0) > 1)
        throw new AuthFailure('repeated-authorization');
      res.locals.caller = await auth.verify(req.headers.authorization, audience);
      next();
    } catch (error) {
      if (!(error instanceof AuthFailure)) throw error;
      // iss and aud may come from a token that did not verify: cut, as attacker text.
      logger.warn(
        {
          reason: error.reason,
          iss: claimForLog(error.iss),
          aud: claimForLog(error.aud),
          expectedAud: claimForLog(audience),
          // What the service saw (a key server's answer), never token or key material.
          detail: error.detail,
        },
        'rejected CDS client token',
      );
      res.setHeader('WWW-Authenticate', challengeFor(error.reason));
      const isMalformed = INVALID_REQUEST_REASONS.has(error.reason);
      metrics.clientError(isMalformed ? 400 : 401, error.reason);
      if (isMalformed) res.status(400).type(FHIR_JSON).json(malformedRequest(error.reason));
      else res.status(401).end();
    }
  };
}

/**
 * The body of a 400 for a malformed `Authorization` header (RFC 6750 §3.1 `invalid_request`:
 * "SHOULD respond with the HTTP 400 (Bad Request) status code"): it names the header, never
 * its value.
 */
function malformedRequest(reason: AuthFailureReason): fhir4.OperationOutcome {
  const diagnostics =
    reason === 'repeated-authorization'
      ? 'Authorization header: sent more than once; send it once'
      : 'Authorization header: not "Bearer <token>" (RFC 6750 §2.1); send one JWT after "Bearer "';
  return toOperationOutcome([{ severity: 'error', code: 'invalid', diagnostics }]);
}

/**
 * The 401's challenge. RFC 6750 §3.1: a request that "lacks any authentication information
 * (e.g., the client was unaware that authentication is necessary or attempted using an
 * unsupported authentication method)" gets no error code or other error information; §3:
 * the Bearer scheme "MUST be followed by one or more auth-param values", hence the realm
 * (the protection space: every /cds-services endpoint). A token that came and failed gets
 * `invalid_token` and the reason code (docs/integrating.md §3); the log has the reason in
 * both cases. A malformed `Authorization` header is §3.1's `invalid_request`, a 400.
 */
function challengeFor(reason: AuthFailureReason): string {
  if (NO_BEARER_TOKEN_REASONS.has(reason)) return bearerChallenge({ realm: 'cds-services' });
  if (INVALID_REQUEST_REASONS.has(reason))
    return bearerChallenge({ error: 'invalid_request', errorDescription: reason });
  return bearerChallenge({ error: 'invalid_token', errorDescription: reason });
}
