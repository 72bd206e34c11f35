/**
 * Why a CDS client's token was refused: a stable code, logged, counted in /metrics, and sent
 * to the client in the 401's `WWW-Authenticate` header (RFC 6750 §3 `error_description`)
 * whenever a Bearer token came at all (../http/auth-middleware.ts). The codes are a public
 * interface (docs/integrating.md, generated from scripts/docs-tables/auth-reasons.ts, tells
 * an integrator what to fix for each): add codes, never rename one. A code says what was
 * wrong, never what the token held.
 */
import { errors } from 'jose';

export const AUTH_FAILURE_REASONS = [
  'missing-token',
  'unsupported-scheme',
  'malformed-authorization',
  'repeated-authorization',
  'malformed-token',
  'bad-header',
  'algorithm-not-allowed',
  'unknown-issuer',
  'untrusted-jku',
  'no-keys',
  'unknown-key',
  'keys-unavailable',
  'private-keys-published',
  'bad-signature',
  'wrong-audience',
  'expired',
  'too-old',
  'not-yet-valid',
  'missing-claim',
  'replayed',
  'tenant-not-allowed',
] as const;
export type AuthFailureReason = (typeof AUTH_FAILURE_REASONS)[number];

/**
 * The reasons for which no Bearer token came at all: no `Authorization` header, or another
 * scheme (`Basic …`). RFC 6750 §3.1 treats both as a request lacking any authentication
 * information, whose challenge carries no error code or other error information.
 */
export const NO_BEARER_TOKEN_REASONS: ReadonlySet<AuthFailureReason> = new Set([
  'missing-token',
  'unsupported-scheme',
]);

/**
 * The reasons that are a malformed request rather than a bad token, RFC 6750 §3.1
 * `invalid_request` ("missing a required parameter, … repeats the same parameter, … or is
 * otherwise malformed"), which it answers with 400: an `Authorization` header that is not
 * §2.1's `Bearer 1*SP b64token` (no token at all, a space inside it), or more than one
 * `Authorization` header.
 */
export const INVALID_REQUEST_REASONS: ReadonlySet<AuthFailureReason> = new Set([
  'malformed-authorization',
  'repeated-authorization',
]);

export class AuthFailure extends Error {
  override readonly name = 'AuthFailure';
  readonly reason: AuthFailureReason;
  /**
   * Logged (CDS Hooks best practice: iss, tenant and jti may be logged), but possibly read
   * from a token that did not verify: the 401 line cuts them (../http/claim-for-log.ts).
   */
  readonly iss: string | undefined;
  readonly aud: unknown;
  /**
   * What the service saw, for the log only (the client gets the reason alone): what an
   * issuer's key server answered, say, so the hospital can tell a moved key URL from a key
   * server that is down. Never token or key material.
   */
  readonly detail: string | undefined;
  constructor(
    reason: AuthFailureReason,
    details: { iss?: string | undefined; aud?: unknown; detail?: string | undefined } = {},
  ) {
    super(reason);
    this.reason = reason;
    this.iss = details.iss;
    this.aud = details.aud;
    this.detail = details.detail;
  }
}

/** The reason for an error jose raised while verifying a token whose header already passed. */
export function reasonOf(error: unknown): AuthFailureReason {
  if (error instanceof AuthFailure) return error.reason;
  // jose reports a too-old `iat` (maxTokenAge) as JWTExpired on the iat claim.
  if (error instanceof errors.JWTExpired) return error.claim === 'iat' ? 'too-old' : 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    // jose says "missing" for an absent required claim and "invalid" for a date that is
    // not a number: both are the token's shape, not its values (docs/integrating.md §3).
    if (error.reason === 'missing' || error.reason === 'invalid') return 'missing-claim';
    if (error.claim === 'aud')
      return isAudience(error.payload.aud) ? 'wrong-audience' : 'missing-claim';
    if (error.claim === 'iat' || error.claim === 'nbf') return 'not-yet-valid';
    return 'missing-claim';
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm-not-allowed';
  // The header's `kid` names no key of the issuer (jose refetches a remote JWKS once first).
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown-key';
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSMultipleMatchingKeys
  )
    return 'bad-signature';
  if (
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    error instanceof errors.JOSENotSupported
  )
    return 'keys-unavailable';
  if (error instanceof errors.JOSEError) return 'malformed-token';
  return 'keys-unavailable';
}

/** RFC 7519 §4.1.3: `aud` is a string or an array of strings. */
function isAudience(aud: unknown): boolean {
  return (
    typeof aud === 'string' || (Array.isArray(aud) && aud.every((item) => typeof item === 'string'))
  );
}
