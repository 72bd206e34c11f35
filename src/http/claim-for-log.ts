/**
 * What the 401 log line may hold of a claim read from a token that did not verify (or a value
 * built from the request, such as the expected `aud`): attacker text, as long as a header can
 * be (about 16 KB). Logged whole, one refused call wrote a line of that size, and a caller
 * could fill the log with text of its choosing. An operator debugging a misconfigured `aud`
 * or `iss` needs its start, which names the host and path: the first 200 characters, with a
 * marker saying the rest was cut and how long it was.
 */

/** The most characters of one logged claim value; a URL an EHR really sends is far shorter. */
export const MAX_LOGGED_CLAIM_CHARACTERS = 200;
/** The most items of an array claim (`aud` may be an array, RFC 7519 §4.1.3) logged. */
export const MAX_LOGGED_CLAIM_ITEMS = 5;

/** A string, or an array of strings, cut to the limits above; any other value as JSON text, cut. */
export function claimForLog(claim: unknown): unknown {
  if (!Array.isArray(claim)) return scalarForLog(claim);
  const shown = claim.slice(0, MAX_LOGGED_CLAIM_ITEMS).map(scalarForLog);
  const left = claim.length - shown.length;
  return left > 0 ? [...shown, `…[cut: ${String(left)} more items]`] : shown;
}

function scalarForLog(value: unknown): unknown {
  if (typeof value === 'string') return textForLog(value);
  if (value === null || typeof value !== 'object') return value;
  return textForLog(JSON.stringify(value));
}

/**
 * Text from the request for a log line, a claim's or a path (as long as the request line may
 * be), cut to its first 200 characters.
 */
export function textForLog(text: string): string {
  if (text.length <= MAX_LOGGED_CLAIM_CHARACTERS) return text;
  // Not between the two halves of a surrogate pair: the log would hold half a character.
  const last = text.charCodeAt(MAX_LOGGED_CLAIM_CHARACTERS - 1);
  const end =
    last >= 0xd800 && last <= 0xdbff
      ? MAX_LOGGED_CLAIM_CHARACTERS - 1
      : MAX_LOGGED_CLAIM_CHARACTERS;
  return `${text.slice(0, end)}…[cut: ${String(text.length)} characters]`;
}
