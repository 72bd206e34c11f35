/**
 * Verifies the JWT a CDS client sends with every call (CDS Hooks 2.0 §Trusting CDS Clients,
 * best practices §JWT): issuer on the allowlist; keys from its static JWKS or an allowlisted
 * `jku` only; ES384 or RS384 only (never `none` or HMAC); `aud` naming the endpoint's public
 * URL, in any spelling RFC 3986 reads as the same (./audience.ts); `exp`, `iat` and a maximum
 * age with a small clock skew; `jti` never seen before;
 * `tenant` when required; header `typ` "JWT" and a `kid` that selects the key (CDS Hooks 2.0
 * §JWT header). Failures carry a reason code (./auth-failure.ts), never the token.
 */
import { createHash } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  decodeJwt,
  decodeProtectedHeader,
  jwtVerify,
  type FetchImplementation,
  type JWTVerifyGetKey,
} from 'jose';
import { audienceNaming } from './audience.js';
import { AuthFailure, reasonOf } from './auth-failure.js';
import { jwksFetcher } from './jwks-fetch.js';
import { JWKS_TIMEOUT_MS, keySetFailuresNamed } from './key-set-failures.js';
import { isSafeKeyUrl } from './key-url.js';
import type { ReplayCache } from './replay-cache.js';
import type { AuthSettings, TrustedIssuer } from './trusted-issuers.js';

export const ALLOWED_ALGORITHMS = ['ES384', 'RS384'];

export interface VerifiedCaller {
  iss: string;
  tenant: string | undefined;
  /**
   * True when the issuer lists its tenants (`tenants` in its entry), so `tenant` is one of
   * them; false when the token may name any tenant it likes, unchecked.
   */
  hasListedTenants: boolean;
  jti: string;
}

export type JwtVerifier = (
  authorization: string | undefined,
  audience: string,
) => Promise<VerifiedCaller>;

/**
 * `fetchJwks`: how remote key sets are read; by default through Node's global dispatcher,
 * trusting the system's CAs. src/service.ts passes a ./jwks-fetch.ts `jwksFetcher` trusting the
 * configured CAs too, and closes its connections at shutdown.
 */
export function createJwtVerifier(
  settings: AuthSettings,
  replay: ReplayCache,
  currentDate: () => Date = () => new Date(),
  fetchJwks: FetchImplementation = jwksFetcher().fetch,
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
      keys = keySetFailuresNamed(
        jku,
        createRemoteJWKSet(new URL(jku), {
          timeoutDuration: JWKS_TIMEOUT_MS,
          cooldownDuration: 30_000,
          cacheMaxAge: 600_000,
          // At most 1 MiB, decompressed: a key server sending without end fails at once.
          [customFetch]: fetchJwks,
        }),
        () => currentDate().getTime(),
      );
      remoteKeys.set(jku, keys);
    }
    return keys;
  };

  return async (authorization, audience) => {
    if (!authorization) throw new AuthFailure('missing-token');
    // RFC 9110 §11.1: the scheme is case-insensitive; any other scheme is no Bearer token.
    if (!/^Bearer(?:\s|$)/i.test(authorization)) throw new AuthFailure('unsupported-scheme');
    // RFC 6750 §2.1: `"Bearer" 1*SP b64token`. Not that (no token, a space inside it) is a
    // malformed request; a b64token that is not a compact JWT is a malformed token.
    const b64token = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization)?.[1];
    if (!b64token) throw new AuthFailure('malformed-authorization');
    const token = /^[A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]*$/.exec(b64token)?.[0];
    if (!token) throw new AuthFailure('malformed-token');
    const { header, claims } = decodeUnverified(token);
    checkHeader(header, claims.iss);
    if (typeof header.alg !== 'string' || !ALLOWED_ALGORITHMS.includes(header.alg))
      throw new AuthFailure('algorithm-not-allowed', { iss: claims.iss });
    // Absent, or not a string (decodeUnverified keeps only a string): no issuer to look up.
    if (claims.iss === undefined) throw new AuthFailure('missing-claim', { aud: claims.aud });
    const issuer = issuers.get(claims.iss);
    if (!issuer) throw new AuthFailure('unknown-issuer', { iss: claims.iss });
    const keys = keysFor(issuer, header.jku, staticKeys, remote);

    let payload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        algorithms: ALLOWED_ALGORITHMS,
        issuer: issuer.iss,
        // The token's own spelling of this endpoint's URL, when it has one: jose compares
        // character for character, and checks it only once the signature is good.
        audience: audienceNaming(claims.aud, audience) ?? audience,
        clockTolerance: settings.clockToleranceSeconds,
        maxTokenAge: settings.maxTokenAgeSeconds,
        requiredClaims: ['iss', 'aud', 'exp', 'iat', 'jti'],
        currentDate: currentDate(),
      }));
    } catch (error) {
      const detail = error instanceof AuthFailure ? error.detail : undefined;
      throw new AuthFailure(reasonOf(error), { iss: issuer.iss, aud: claims.aud, detail });
    }
    // CDS Hooks 2.0 §JWT: `jti` is a nonce unique per JWT; RFC 7519 §4.1.7 makes it a string.
    const jti = payload.jti;
    if (typeof jti !== 'string' || jti === '')
      throw new AuthFailure('missing-claim', { iss: issuer.iss, aud: claims.aud });
    const tenant = typeof payload.tenant === 'string' ? payload.tenant : undefined;
    if (issuer.tenants && (tenant === undefined || !issuer.tenants.includes(tenant)))
      throw new AuthFailure('tenant-not-allowed', { iss: issuer.iss });
    // Remember the jti only once the signature is good, so forged tokens cannot fill the cache.
    // Only as long as the token could be accepted: until it expires, or until it is older
    // than the maximum age, whichever is first. A client minting tokens with a distant `exp`
    // would otherwise keep every jti for that long (and hold up pruning of later ones).
    const acceptedUntil = Math.min(
      payload.exp ?? 0,
      (payload.iat ?? 0) + settings.maxTokenAgeSeconds,
    );
    const expiresAtMs = (acceptedUntil + settings.clockToleranceSeconds) * 1000;
    if (!(await replay.rememberOnce(replayKey(issuer.iss, jti), expiresAtMs)))
      throw new AuthFailure('replayed', { iss: issuer.iss });
    return { iss: issuer.iss, tenant, hasListedTenants: issuer.tenants !== undefined, jti };
  };
}

/**
 * The replay cache's key for a jti: a SHA-256 of the issuer and the jti, 43 characters
 * whatever their length. RFC 7519 §4.1.7 sets no length on a jti, and the key is a primary
 * key in the deployment's database (cluster mode, a fleet on PostgreSQL): a jti of a few
 * kilobytes exceeds PostgreSQL's B-tree entry limit (2704 bytes), the insert fails, and the
 * node then guards replays from its own memory only while the circuit is open, for every
 * caller. The NUL between the two keeps `a|b`+`c` apart from `a`+`b|c`.
 */
function replayKey(iss: string, jti: string): string {
  return createHash('sha256').update(iss).update('\0').update(jti).digest('base64url');
}

/**
 * CDS Hooks 2.0 §JWT: the header's `typ` is "JWT" (RFC 7515 §4.1.9: compared
 * case-insensitively, "application/" optional), so an access token (`at+jwt`) or another
 * JOSE object is not taken for a CDS client's token; `kid` is required and picks the key.
 */
function checkHeader(header: { typ?: unknown; kid?: unknown; jku?: unknown }, iss?: string) {
  const typ = typeof header.typ === 'string' ? header.typ.toLowerCase() : undefined;
  if (typ !== 'jwt' && typ !== 'application/jwt') throw new AuthFailure('bad-header', { iss });
  if (typeof header.kid !== 'string' || header.kid === '')
    throw new AuthFailure('bad-header', { iss });
  if (header.jku !== undefined && typeof header.jku !== 'string')
    throw new AuthFailure('bad-header', { iss });
}

function decodeUnverified(token: string): {
  header: { alg?: unknown; typ?: unknown; kid?: unknown; jku?: unknown };
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
  // The issuer's agreed jwksUrl is a jku it may name too: the Sandbox and Inferno always send
  // one, and a token naming the very URL the service already trusts risks nothing.
  const isKnownJku =
    typeof jku === 'string' && (issuer.jku.includes(jku) || jku === issuer.jwksUrl);
  if (jku !== undefined && !isKnownJku) {
    // A jku we do not know is refused even when static keys exist: never fetch an attacker's keys.
    throw new AuthFailure('untrusted-jku', { iss: issuer.iss });
  }
  const local = staticKeys.get(issuer.iss);
  if (local) return local;
  const url = issuer.jwksUrl ?? (typeof jku === 'string' ? jku : undefined);
  if (url === undefined) throw new AuthFailure('no-keys', { iss: issuer.iss });
  // Allowlisted or not, keys over plain http to another host could be swapped on the way.
  if (!isSafeKeyUrl(url)) throw new AuthFailure('untrusted-jku', { iss: issuer.iss });
  return remote(url);
}
