/**
 * The 401 reason codes table of docs/integrating.md (two of its codes answer 400): what an
 * integrator fixes for each code of src/auth/auth-failure.ts (the two that mean no Bearer token came are in the log only:
 * RFC 6750 §3.1). Keyed by that list, so a new code without a row does not compile.
 */
import type { AuthFailureReason } from '../../src/auth/auth-failure.js';

export const AUTH_REASON_FIXES = {
  'missing-token':
    'no `Authorization` header: send `Authorization: Bearer <JWT>` on every call, discovery included (in the log only)',
  'unsupported-scheme':
    'the `Authorization` header is not `Bearer` (`Basic …`, say): send `Bearer <JWT>` (in the log only)',
  'malformed-authorization':
    'a `400`, not a `401` (RFC 6750 §3.1 `invalid_request`): the header is not `Bearer <token>` (nothing after `Bearer`, a space or comma inside the token)',
  'repeated-authorization':
    'a `400`, not a `401` (RFC 6750 §3.1 `invalid_request`): more than one `Authorization` header; send one',
  'malformed-token':
    'the `Bearer` credentials are not a compact JWT (three base64url parts), or a part does not decode',
  'bad-header':
    'the JWT header needs `typ: "JWT"` (not `at+jwt`) and a non-empty `kid`; a `jku` must be a string',
  'algorithm-not-allowed': 'sign with ES384 or RS384 (`none` and HMAC are refused)',
  'unknown-issuer':
    'the `iss` is not trusted: add the EHR to `AUTH_ISSUERS_FILE` (or `auth.issuers`)',
  'untrusted-jku':
    "the `jku` is neither on that issuer's `jku` list nor its `jwksUrl`, or a key URL is plain http to a host that is not loopback",
  'no-keys': 'the issuer has no `jwks` or `jwksUrl`, and the token names no `jku`',
  'unknown-key':
    "the `kid` names none of the issuer's keys: publish the new key (an unknown `kid` refetches the JWKS, at most every 30 s)",
  'keys-unavailable':
    'the JWKS could not be fetched or read in 2 s (not `200`, a redirect, not a JWK Set, over 1 MiB; the log says which): check the URL and the network',
  'private-keys-published':
    'the key server publishes private keys (`d`, `k`, …): anyone can sign as this EHR. Publish public keys only, and replace the exposed ones',
  'bad-signature': 'the signature does not verify with the key the `kid` names',
  'wrong-audience':
    '`aud` must be the URL called, built from `PUBLIC_BASE_URL` (set it behind a proxy), path included (case for case); the case of its scheme and host, a default port and one final slash aside',
  expired:
    "`exp` has passed: check the EHR's clock (`AUTH_CLOCK_TOLERANCE_SECONDS` of skew allowed)",
  'too-old': '`iat` is older than `AUTH_MAX_TOKEN_AGE_SECONDS` (300 s): mint a token per call',
  'not-yet-valid': '`iat` or `nbf` is in the future: a clock is ahead',
  'missing-claim':
    '`iss`, `aud`, `exp`, `iat` and `jti` are all required; a wrong type counts as missing (`exp`, `iat`, `nbf` numbers, `jti` a non-empty string)',
  replayed: 'this `jti` was accepted before: a new token for every call',
  'tenant-not-allowed':
    "the issuer is limited to its `tenants`, and the token's `tenant` is missing or not one of them",
} satisfies Record<AuthFailureReason, string>;
