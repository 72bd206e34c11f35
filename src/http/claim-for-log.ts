/**
 * What the 401 log line may hold of a claim read from a token that did not verify (or a value
 * built from the request, such as the expected `aud`): attacker text, as long as a header can
 * be (about 16 KB). Logged whole, one refused call wrote a line of that size, and a caller
 * could fill the log with text of its choosing. An operator debugging a misconfigured `aud`
 * or `iss` needs its start, which names the host and path: the first 200 characters, with a
 * marker saying the rest was cut and how long it was (../log-text.ts).
 */
import { textForLog } from '../log-text.js';

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
