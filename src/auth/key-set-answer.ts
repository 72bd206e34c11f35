/**
 * An issuer's key server's answer, judged before jose reads it. jose's remote JWKS throws a
 * plain JOSEError for an answer other than 200 and for a body that is not JSON, the class it
 * also throws for a token that does not parse: told apart by the message text only, a key
 * server answering a redirect, 404 or 503 was reported to the client as `malformed-token`.
 * Judged here, where the answer is read (./jwks-fetch.ts), each failure is `keys-unavailable`
 * with the key server's answer in the log line (the status, where a redirect points), and a
 * key set that publishes private keys is `private-keys-published`. Nothing of the body goes
 * into the log: it may hold key material.
 */
import { textForLog } from '../log-text.js';
import { AuthFailure } from './auth-failure.js';
import { firstPrivateKey } from './private-jwk.js';

/**
 * Throws an AuthFailure for an answer that is not a JWK Set of public keys: not 200 (jose
 * reads only a 200, and follows no redirect), not JSON, not RFC 7517 §5's `{ "keys": [ … ] }`
 * of JWK objects, or holding a private key.
 */
export function checkKeySetAnswer(url: string, response: Response, body: ArrayBuffer): void {
  const keyServer = `the key server at ${url}`;
  if (response.status !== 200)
    throw unavailable(
      `${keyServer} answered HTTP ${String(response.status)}, not 200${redirectNote(response)}`,
    );
  let json: unknown;
  try {
    // As fetch's `json()`: UTF-8, a byte order mark dropped.
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw unavailable(`${keyServer} answered HTTP 200 with a body that is not JSON, not a JWK Set`);
  }
  if (!isJwkSet(json))
    throw unavailable(
      `${keyServer} answered HTTP 200 with JSON that is not a JWK Set (RFC 7517 §5: an object whose "keys" is an array of JWKs)`,
    );
  const privateKey = firstPrivateKey(json.keys);
  if (privateKey !== undefined)
    throw new AuthFailure('private-keys-published', {
      detail: `${keyServer} publishes private key material (${privateKey}): anyone who fetches it can sign tokens as this EHR, an incident on the EHR's side. Tell the EHR to publish only public keys and to replace the exposed ones; its key set is refused until then`,
    });
}

function unavailable(detail: string): AuthFailure {
  return new AuthFailure('keys-unavailable', { detail });
}

/** For a redirect, where it points: the URL to configure, if the move is the EHR's own. */
function redirectNote(response: Response): string {
  if (response.status < 300 || response.status > 399) return '';
  const location = response.headers.get('location');
  const said = location === null ? '' : `, to ${textForLog(location)}`;
  return ` (a redirect${said}, which is not followed: configure the key URL it points to, if the EHR moved its keys there)`;
}

/** RFC 7517 §5: a JSON object whose `keys` is an array of JWKs, each a JSON object. */
function isJwkSet(json: unknown): json is { keys: Record<string, unknown>[] } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const { keys } = json as { keys?: unknown };
  return (
    Array.isArray(keys) &&
    keys.every((key) => typeof key === 'object' && key !== null && !Array.isArray(key))
  );
}
