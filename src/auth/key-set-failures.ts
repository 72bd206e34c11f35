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
import { textForLog } from '../log-text.js';
import { AuthFailure } from './auth-failure.js';

/** How long a key server has to answer (jose's `timeoutDuration`), in milliseconds. */
export const JWKS_TIMEOUT_MS = 2000;

/**
 * After a key set could not be had, how long its failure is given again without asking the key
 * server. jose shares one fetch among the calls waiting on it, but not a failure: while a key
 * server is down, every call of that EHR would wait up to JWKS_TIMEOUT_MS for a 401. A few
 * seconds keep a blip short and spare a failing server the retries; the 401 is the same.
 */
export const KEY_SET_RETRY_AFTER_MS = 5000;

/**
 * `keys` (jose's remote JWK Set for `url`), its failures to give a key set as AuthFailures, each
 * given again, without a fetch, for KEY_SET_RETRY_AFTER_MS by `now` (milliseconds).
 */
export function keySetFailuresNamed(
  url: string,
  keys: JWTVerifyGetKey,
  now: () => number = Date.now,
): JWTVerifyGetKey {
  let failed: { at: number; failure: AuthFailure } | undefined;
  return async (header, token) => {
    if (failed !== undefined && now() - failed.at < KEY_SET_RETRY_AFTER_MS)
      throw new AuthFailure(failed.failure.reason, {
        detail: `${failed.failure.detail ?? 'the key set could not be had'} (${String(Math.ceil((now() - failed.at) / 1000))} s ago; not asked again for ${String(KEY_SET_RETRY_AFTER_MS / 1000)} s)`,
      });
    try {
      const key = await keys(header, token);
      failed = undefined;
      return key;
    } catch (error) {
      // The key server answered with keys, none of them (or several) the token's `kid`.
      if (isAboutTheKeyId(error)) throw error;
      const failure =
        error instanceof AuthFailure
          ? error
          : new AuthFailure('keys-unavailable', { detail: failureAt(url, error) });
      failed = { at: now(), failure };
      throw failure;
    }
  };
}

/**
 * The token's `kid` naming no key (`unknown-key`) or several, which jose's `jwtVerify` tries
 * one by one through the error itself, so it must reach jose as it is: the key set was had.
 */
function isAboutTheKeyId(error: unknown): boolean {
  return (
    error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys
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
  const said = textForLog(message);
  return `${keyServer} could not be read: ${said}${typeof code === 'string' && !said.includes(code) ? ` (${code})` : ''}`;
}
