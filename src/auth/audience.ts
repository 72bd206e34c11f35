/**
 * Which of a token's `aud` values names the endpoint called. CDS Hooks 2.0 §Trusting CDS
 * Clients: `aud` is "The CDS Service endpoint that is being called by the CDS Client", a URL,
 * and the service builds that URL from PUBLIC_BASE_URL and the path called. An EHR writes the
 * same URL in its own spelling: compared character for character, `https://CDS.hospital...`,
 * `https://cds.hospital...:443/...` or a slash at the end were a 401 wrong-audience for a token
 * meant for this very endpoint.
 *
 * So both are read as RFC 3986 §6.2.2 and §6.2.3 normalise a URI (../rules/uri-equivalence.ts):
 * scheme and host in any case, a default port written out or not, percent-encodings
 * normalised; the path stays case-sensitive, as the RFC has it. One slash at the end of the
 * path is also read as none, beyond the RFC: a slash makes another URI, but no endpoint of
 * this service differs from another by a slash at its end (express answers both on the same
 * route), so the token still names this endpoint and no other. Anything else that differs (a
 * path, a host, a scheme, a port) is another audience.
 */
import { normalisedUri } from '../rules/uri-equivalence.js';

/**
 * The token's own `aud` value that names `expected`, as the token spells it (jose then checks
 * the token against it), else undefined.
 */
export function audienceNaming(aud: unknown, expected: string): string | undefined {
  const values = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
  const wanted = comparable(expected);
  return values.find(
    (value): value is string =>
      typeof value === 'string' && (value === expected || comparable(value) === wanted),
  );
}

/**
 * The URI in its normal form, without one slash at the end of its path; else the text. Its
 * fragment, which the normal form leaves out, is kept: RFC 3986 §3.5 makes it part of the URI,
 * so `…/emd-patient-view#x` is another audience (probe 12), as a query is.
 */
function comparable(text: string): string {
  const uri = normalisedUri(text);
  if (uri === undefined) return text;
  const query = uri.indexOf('?');
  const [path, search] = query === -1 ? [uri, ''] : [uri.slice(0, query), uri.slice(query)];
  const hash = text.indexOf('#');
  return `${path.endsWith('/') ? path.slice(0, -1) : path}${search}${hash === -1 ? '' : text.slice(hash)}`;
}
