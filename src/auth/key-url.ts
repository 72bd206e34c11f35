/**
 * Where signing keys may be fetched from. Over plain http anyone on the path can swap the
 * keys and so forge any token (CDS Hooks 2.0 §Trusting CDS Clients: the JWKS is fetched
 * over TLS), so a `jku` or `jwksUrl` must be https — except on this machine's loopback,
 * where there is no path to attack (a local mirror, the tests' JWKS servers).
 */
import { isHttpsOrLoopback } from '../fhir/loopback-host.js';

/** True for an https URL, or an http URL on a loopback host; false for anything else. */
export function isSafeKeyUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return isHttpsOrLoopback(parsed);
}
