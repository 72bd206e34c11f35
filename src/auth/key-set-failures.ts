/**
 * A remote key set whose failures are named by where they arose. jose's `jwtVerify` parses the
 * token first and only then asks the key function for a key, so an error out of the key
 * function is the key set's, never the token's: every failure to fetch or read it (a status
 * other than 200, a body that is not a JWK Set, a timeout, a refused connection, a certificate
 * not trusted, an answer over the cap) is `keys-unavailable` (docs/integrating.md §3), with a
 * line for the log saying what went wrong. Deciding by place, not by jose's message text,
 * holds for any fetch the verifier is given; ./key-set-answer.ts, in the service's own fetch,
 * says the key server's status and names a key set publishing private keys.
 */
import { errors, type JWTVerifyGetKey } from 'jose';
import { AuthFailure } from './auth-failure.js';

/** How long a key server has to answer (jose's `timeoutDuration`), in milliseconds. */
export const JWKS_TIMEOUT_MS = 2000;

/** The longest error message said whole in the log line. */
const MAX_MESSAGE_CHARACTERS = 200;

/** `keys` (jose's remote JWK Set for `url`), its failures to give a key set as AuthFailures. */
export function keySetFailuresNamed(url: string, keys: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await keys(header, token);
    } catch (error) {
      if (isAboutTheKeyId(error)) throw error;
      throw new AuthFailure('keys-unavailable', { detail: failureAt(url, error) });
    }
  };
}

/**
 * Errors the key set was read for: already judged (./key-set-answer.ts), or the token's `kid`
 * naming no key (`unknown-key`) or several, which jose's `jwtVerify` tries one by one through
 * the error itself, so it must reach jose as it is.
 */
function isAboutTheKeyId(error: unknown): boolean {
  return (
    error instanceof AuthFailure ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  );
}

/** What went wrong, for the log: undici puts the network's reason in `cause`. */
function failureAt(url: string, error: unknown): string {
  const keyServer = `the key server at ${url}`;
  if (error instanceof errors.JWKSTimeout)
    return `${keyServer} did not answer within ${String(JWKS_TIMEOUT_MS / 1000)} s`;
  if (error instanceof errors.JWKSInvalid)
    return `${keyServer} answered a key set jose cannot use: ${error.message}`;
  const cause = error instanceof Error ? error.cause : undefined;
  const reason = cause instanceof Error ? cause : error;
  const code = (reason as { code?: unknown } | undefined)?.code;
  const message = reason instanceof Error ? reason.message : String(reason);
  const said =
    message.length > MAX_MESSAGE_CHARACTERS
      ? `${message.slice(0, MAX_MESSAGE_CHARACTERS)}…`
      : message;
  return `${keyServer} could not be read: ${said}${typeof code === 'string' && !said.includes(code) ? ` (${code})` : ''}`;
}
