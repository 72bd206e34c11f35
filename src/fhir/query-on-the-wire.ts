/**
 * A FHIR URL with its query as RFC 3986 §3.4 allows it on the wire. FHIR writes a token
 * search as `system|code` (the prefetch templates' `category=…|RAD`), and both fhir-kit-client
 * and a browser's fetch send it through WHATWG URL, which leaves `|` as it is: servers on
 * Tomcat, HAPI FHIR's usual host, refuse such a request with 400, and the imaging reports
 * would never be read. Each character a query may not hold raw is percent-encoded as UTF-8;
 * `%` is kept, so what a template or a server's `next` link already encoded stays as it is.
 * Only the query is touched: an IPv6 host's `[ ]` must stay raw.
 */
export function withQueryEncoded(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  return (
    url.slice(0, start + 1) +
    url.slice(start + 1).replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/gu, encodeURIComponent)
  );
}
