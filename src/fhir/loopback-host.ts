/**
 * This machine's loopback: the one place plain http is allowed, for a FHIR server
 * (./fhir-access.ts) as for a signing key URL (../auth/key-url.ts), because no network path
 * lies between the service and it for anyone to read or change. Defined once, here, the
 * lowest layer both sides may import (eslint.layers.js).
 */

/**
 * `localhost`, 127.0.0.0/8 and ::1, as a WHATWG URL's `hostname` spells them (`[::1]`), and
 * `::1` bare as a listen address (METRICS_HOST) gives it.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  return /^127(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host);
}

/**
 * https, or plain http on loopback: where a FHIR server (./fhir-access.ts) and a signing key
 * URL (../auth/key-url.ts) may be reached, checked alike for both.
 */
export function isHttpsOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}
