/**
 * Where a FHIR server's links may lead: a `next` link, or a query, is followed only on the
 * server the token was given for (docs/security.md), wherever the server writes its links.
 */

/**
 * The absolute URL of a query or `next` link on this server (one the token may follow), else
 * undefined. A relative link resolves against the base as any relative URL does (RFC 3986
 * §5.2): `Condition?…` under the base, `/fhir/r4?_getpages=…` from the host's root, as some
 * servers write their `next` links. fhir-kit-client would only append it to the base.
 */
export function linkOnServer(link: string, base: string): string | undefined {
  try {
    const url = new URL(link, `${base}/`).href;
    return isOnServer(url, base) ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Same scheme, host, port and base path: a `next` link may not lead the token elsewhere. The
 * base itself counts: HAPI FHIR pages at `[base]?_getpages=…`. A path holding an encoded
 * `/`, `\` or `.` is refused: WHATWG URL resolves `..` but not `..%2f`, which a server that
 * decodes before resolving would read as leaving the base path.
 */
function isOnServer(url: string, base: string): boolean {
  try {
    const target = new URL(url);
    const server = new URL(`${base}/`);
    return (
      target.origin === server.origin &&
      !ENCODED_PATH_SEPARATOR.test(target.pathname) &&
      (target.pathname.startsWith(server.pathname) || `${target.pathname}/` === server.pathname)
    );
  } catch {
    return false;
  }
}

const ENCODED_PATH_SEPARATOR = /%(?:2f|5c|2e)/i;
