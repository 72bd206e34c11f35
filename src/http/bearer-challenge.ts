/**
 * The `WWW-Authenticate` value of a Bearer 401 (RFC 6750 §3): the scheme, then its
 * auth-params in §3's order (`realm`, `error`, `error_description`), each value a
 * quoted-string (RFC 9110 §11.2, §5.6.4) with `"` and `\` escaped by a backslash, the only
 * octets §5.6.4 says a sender escapes. RFC 6750 §3 keeps `error_description` to
 * %x20-21 / %x23-5B / %x5D-7E, so it never needs the escape; a realm may.
 */

/** RFC 6750 §3.1's error codes; a challenge to a request with no token carries none. */
export type BearerError = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

/**
 * RFC 6750 §3: the scheme "MUST be followed by one or more auth-param values", so a realm
 * (the protection space, RFC 9110 §11.5), an error, or both.
 */
export type BearerChallenge =
  | { realm: string; error?: BearerError; errorDescription?: string }
  | { realm?: string; error: BearerError; errorDescription?: string };

export function bearerChallenge({ realm, error, errorDescription }: BearerChallenge): string {
  const params = [
    ['realm', realm],
    ['error', error],
    ['error_description', errorDescription],
  ].flatMap(([name, value]) => (value === undefined ? [] : [`${name}=${quoted(value)}`]));
  return `Bearer ${params.join(', ')}`;
}

/** RFC 9110 §5.6.4 quoted-string. */
function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}
