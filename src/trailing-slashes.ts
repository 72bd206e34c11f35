/**
 * A URL without its trailing slashes, by a loop rather than `/\/+$/`: that pattern is
 * retried from every start position and costs the square of a run of slashes, and a
 * `fhirServer` URL is request data (issue #19).
 */
export function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url.charCodeAt(end - 1) === SLASH) end -= 1;
  return url.slice(0, end);
}

const SLASH = 0x2f;
