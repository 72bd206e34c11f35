/**
 * Verifies the JWT a CDS client sends with every call (CDS Hooks 2.0 §Trusting CDS Clients,
 * best practices §JWT): issuer on the allowlist; keys from its static JWKS or an allowlisted
 * `jku` only; ES384 or RS384 only (never `none` or HMAC); `aud` equal to the endpoint's public
 * URL; `exp`, `iat` and a maximum age with a small clock skew; `jti` never seen before;
 * `tenant` when required. Failures carry a reason for the log, never the token.
 */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTVerifyGetKey,
} from 'jose';
import type { ReplayCache } from './replay-cache.js';
import type { AuthSettings, TrustedIssuer } from './trusted-issuers.js';

export const ALLOWED_ALGORITHMS = ['ES384', 'RS384'];

export type AuthFailureReason =
  | 'missing-token'
  | 'malformed-token'
  | 'algorithm-not-allowed'
  | 'unknown-issuer'
  | 'untrusted-jku'
  | 'no-keys'
  | 'bad-signature'
  | 'wrong-audience'
  | 'expired'
  | 'too-old'
  | 'not-yet-valid'
  | 'missing-claim'
  | 'replayed'
  | 'tenant-not-allowed'
  | 'keys-unavailable';

export class AuthFailure extends Error {
  override readonly name = 'AuthFailure';
  readonly reason: AuthFailureReason;
  /** Safe to log (CDS Hooks best practice: iss, tenant and jti may be logged). */
  readonly iss: string | undefined;
  readonly aud: unknown;
  constructor(
    reason: AuthFailureReason,
    details: { iss?: string | undefined; aud?: unknown } = {},
  ) {
    super(reason);
    this.reason = reason;
    this.iss = details.iss;
    this.aud = details.aud;
  }
}

export interface VerifiedCaller {
  iss: string;
  tenant: string | undefined;
  jti: string;
}

export type JwtVerifier = (
  authorization: string | undefined,
  audience: string,
) => Promise<VerifiedCaller>;

export function createJwtVerifier(
  settings: AuthSettings,
  replay: ReplayCache,
  currentDate: () => Date = () => new Date(),
): JwtVerifier {
  const issuers = new Map(settings.issuers.map((issuer) => [issuer.iss, issuer]));
  const staticKeys = new Map(
    settings.issuers.flatMap((issuer) =>
      issuer.jwks
        ? [
            [
              issuer.iss,
              createLocalJWKSet(issuer.jwks as Parameters<typeof createLocalJWKSet>[0]),
            ] as const,
          ]
        : [],
    ),
  );
  const remoteKeys = new Map<string, JWTVerifyGetKey>();
  const remote = (jku: string) => {
    let keys = remoteKeys.get(jku);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(jku), {
        timeoutDuration: 2000,
        cooldownDuration: 30_000,
        cacheMaxAge: 600_000,
      });
      remoteKeys.set(jku, keys);
    }
    return keys;
  };

  return async (authorization, audience) => {
    const token = /^Bearer\s+([A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]*)\s*$/i.exec(
      authorization ?? '',
    )?.[1];
    if (!authorization) throw new AuthFailure('missing-token');
    if (!token) throw new AuthFailure('malformed-token');
    const { header, claims } = decodeUnverified(token);
    if (typeof header.alg !== 'string' || !ALLOWED_ALGORITHMS.includes(header.alg))
      throw new AuthFailure('algorithm-not-allowed', { iss: claims.iss });
    const issuer = claims.iss ? issuers.get(claims.iss) : undefined;
    if (!issuer) throw new AuthFailure('unknown-issuer', { iss: claims.iss });
    const keys = keysFor(issuer, header.jku, staticKeys, remote);

    let payload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        algorithms: ALLOWED_ALGORITHMS,
        issuer: issuer.iss,
        audience,
        clockTolerance: settings.clockToleranceSeconds,
        maxTokenAge: settings.maxTokenAgeSeconds,
        requiredClaims: ['iss', 'aud', 'exp', 'iat', 'jti'],
        currentDate: currentDate(),
      }));
    } catch (error) {
      throw new AuthFailure(reasonOf(error), { iss: issuer.iss, aud: claims.aud });
    }
    const tenant = typeof payload.tenant === 'string' ? payload.tenant : undefined;
    if (issuer.tenants && (tenant === undefined || !issuer.tenants.includes(tenant)))
      throw new AuthFailure('tenant-not-allowed', { iss: issuer.iss });
    const jti = String(payload.jti);
    // Remember the jti only once the signature is good, so forged tokens cannot fill the cache.
    const expiresAtMs = ((payload.exp ?? 0) + settings.clockToleranceSeconds) * 1000;
    if (!(await replay.rememberOnce(`${issuer.iss}|${jti}`, expiresAtMs)))
      throw new AuthFailure('replayed', { iss: issuer.iss });
    return { iss: issuer.iss, tenant, jti };
  };
}

function decodeUnverified(token: string): {
  header: { alg?: unknown; jku?: unknown };
  claims: { iss?: string; aud?: unknown };
} {
  try {
    const claims = decodeJwt(token);
    return {
      header: decodeProtectedHeader(token),
      claims: { iss: typeof claims.iss === 'string' ? claims.iss : undefined, aud: claims.aud },
    };
  } catch {
    throw new AuthFailure('malformed-token');
  }
}

/** The issuer's static keys, else its agreed JWKS URL, else the token's `jku` if the issuer allows it. */
function keysFor(
  issuer: TrustedIssuer,
  jku: unknown,
  staticKeys: ReadonlyMap<string, JWTVerifyGetKey>,
  remote: (jku: string) => JWTVerifyGetKey,
): JWTVerifyGetKey {
  if (jku !== undefined && (typeof jku !== 'string' || !issuer.jku.includes(jku))) {
    // A jku we do not know is refused even when static keys exist: never fetch an attacker's keys.
    throw new AuthFailure('untrusted-jku', { iss: issuer.iss });
  }
  const local = staticKeys.get(issuer.iss);
  if (local) return local;
  if (issuer.jwksUrl) return remote(issuer.jwksUrl);
  if (typeof jku === 'string') return remote(jku);
  throw new AuthFailure('no-keys', { iss: issuer.iss });
}

function reasonOf(error: unknown): AuthFailureReason {
  if (error instanceof AuthFailure) return error.reason;
  // jose reports a too-old `iat` (maxTokenAge) as JWTExpired on the iat claim.
  if (error instanceof errors.JWTExpired) return error.claim === 'iat' ? 'too-old' : 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'wrong-audience';
    if (error.claim === 'iat' || error.claim === 'nbf') return 'not-yet-valid';
    return 'missing-claim';
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm-not-allowed';
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
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
