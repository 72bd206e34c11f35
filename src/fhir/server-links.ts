/**
 * Where a FHIR server's links may lead: a `next` link, or a query, is followed only on the
 * server the token was given for (docs/security.md), wherever the server writes its links.
 *
 * "The same server" is read as RFC 3986 §6.2.2 and §6.2.3 read two URIs as equivalent
 * (../rules/uri-equivalence.ts): the scheme and the host in any case (§6.2.2.1), a percent-encoding
 * in either case and an encoded unreserved character as the character itself (§6.2.2.2), a
 * port left out as the scheme's default port written out (§6.2.3: `https://ehr:443/fhir` is
 * `https://ehr/fhir`).
 * The path is compared case for case, as the RFC says it is ("/FHIR" is not "/fhir"), and
 * another host, scheme or port is another server even when it is the same machine
 * (`localhost` and `127.0.0.1`; http behind a TLS proxy): the token would go there.
 */
import { textForLog } from '../log-text.js';
import { normalisedPath } from '../rules/uri-equivalence.js';

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
 * Why a link is not on this server, naming where it leads (scheme, host, port, and of its path
 * only the segments that spell fhirServer's own, in any case: never its query, nor any other
 * segment, which may be a patient's id, as in `…/Patient/<id>/Condition`) beside fhirServer's,
 * and what to fix. For a 412 and the log line.
 */
export function offServerLink(link: string, base: string): string {
  let target: URL;
  try {
    target = new URL(link, `${base}/`);
  } catch {
    return 'the server wrote a next link that is not a URL';
  }
  const server = new URL(`${base}/`);
  const serverSegments = segmentsOf(server.pathname);
  const linkBase = baseText(target, spelledAsServer(segmentsOf(target.pathname), serverSegments));
  const serverBase = baseText(server, serverSegments);
  if (ENCODED_PATH_SEPARATOR.test(target.pathname))
    return `the server's next link under ${linkBase} holds an encoded "/", "\\" or "." in its path, which could leave fhirServer ${serverBase}`;
  return `the server's next links are under ${linkBase}, not fhirServer ${serverBase}: make the server's base URL match`;
}

/**
 * Same scheme, host, port and base path: a `next` link may not lead the token elsewhere. The
 * base itself counts: HAPI FHIR pages at `[base]?_getpages=…`. A path holding an encoded
 * `/`, `\` or `.` is refused: WHATWG URL resolves `..` but not `..%2f`, which a server that
 * decodes before resolving would read as leaving the base path. WHATWG URL has already put
 * the scheme and host in lower case and dropped a default port (the origins compare so).
 */
function isOnServer(url: string, base: string): boolean {
  try {
    const target = new URL(url);
    const server = new URL(`${base}/`);
    if (target.origin !== server.origin || ENCODED_PATH_SEPARATOR.test(target.pathname))
      return false;
    const path = normalisedPath(target.pathname);
    const serverPath = normalisedPath(server.pathname);
    return path.startsWith(serverPath) || `${path}/` === serverPath;
  } catch {
    return false;
  }
}

const ENCODED_PATH_SEPARATOR = /%(?:2f|5c|2e)/i;

/** The path's segments, without the empty one before its first `/` or after its last. */
function segmentsOf(pathname: string): string[] {
  return pathname
    .split('/')
    .filter((segment, i, all) => i > 0 && !(i === all.length - 1 && segment === ''));
}

/**
 * The link's path as deep as fhirServer's, as far as each segment is fhirServer's at the same
 * place in any case ("FHIR" for "fhir": what an integrator must see to make the bases match);
 * from the first that is not, "…" and nothing more (probe 12: a base three segments deep showed
 * `Patient/<id>/Condition` of a link on another host). Below the base's depth nothing is shown.
 */
function spelledAsServer(link: readonly string[], server: readonly string[]): string[] {
  const shown: string[] = [];
  for (const [index, segment] of server.entries()) {
    const linkSegment = link[index];
    if (linkSegment === undefined) break;
    if (linkSegment.toLowerCase() !== segment.toLowerCase()) return [...shown, '…'];
    shown.push(linkSegment);
  }
  return shown;
}

/** `scheme://host:port/path` with the port written out, each part cut as outside text. */
function baseText(url: URL, segments: readonly string[]): string {
  const port = url.port === '' ? DEFAULT_PORTS[url.protocol] : url.port;
  const origin = `${url.protocol}//${url.hostname}${port === undefined ? '' : `:${port}`}`;
  return textForLog(`${origin}/${segments.join('/')}`);
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };
