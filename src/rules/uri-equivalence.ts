/**
 * Two spellings of one URI, as RFC 3986 §6.2.2 and §6.2.3 read them: for a FHIR server's
 * `next` links (../fhir/server-links.ts), a token's `aud` (../auth/audience.ts) and an absolute
 * reference's server (./record-index.ts, H133). Here, in the lowest layer fhir/, auth/ and the
 * rules all reach (eslint.layers.js), so there is one reading; no Node built-in, as rules/ asks.
 * WHATWG URL (Node's URL) already puts the scheme and host in lower case and drops a default
 * port (§6.2.2.1, §6.2.3); the path's percent-encodings are left to this module.
 */

/** RFC 3986 §2.3: the unreserved characters, which mean the same encoded or not. */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/**
 * A path as RFC 3986 §6.2.2.1 and §6.2.2.2 normalise it: an encoded unreserved character
 * decoded (`%7Esmith` is `~smith`), any other percent-encoding in upper case (`%3a` is `%3A`).
 * Otherwise case for case: the RFC leaves the path case-sensitive.
 */
export function normalisedPath(path: string): string {
  return path.replace(/%([0-9a-fA-F]{2})/g, (_encoded, hex: string) => {
    const character = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(character) ? character : `%${hex.toUpperCase()}`;
  });
}

/**
 * An absolute http(s) URI in its normal form (scheme and host in lower case, no default port,
 * a user name and password kept as written, the path normalised as above, the query as
 * written, no fragment), else undefined for text that is no such URI. The userinfo is part of
 * the authority (RFC 3986 §3.2): WHATWG URL's `origin` leaves it out, and read so
 * `https://user@ehr/fhir` was `https://ehr/fhir`.
 */
export function normalisedUri(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const userinfo =
    url.username === '' && url.password === ''
      ? ''
      : `${url.username}${url.password === '' ? '' : `:${url.password}`}@`;
  return `${url.protocol}//${userinfo}${url.host}${normalisedPath(url.pathname)}${url.search}`;
}
