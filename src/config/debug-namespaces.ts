/**
 * Which namespaces the `DEBUG` variable switches on, read as the `debug` package reads it
 * (names split by commas or spaces, `*` matching any run of characters, a leading `-`
 * skipping what it matches, a skip winning over any name). fhir-kit-client logs through it,
 * and its log prints each FHIR request's headers, the EHR's access token among them.
 */

/** fhir-kit-client's two debug namespaces (its dist/logging.js). */
export const FHIR_KIT_CLIENT_NAMESPACES = ['fhir-kit-client:info', 'fhir-kit-client:error'];

export function isDebugEnabled(setting: string | undefined, namespace: string): boolean {
  const patterns = (setting ?? '').split(/[\s,]+/).filter(Boolean);
  const skips = patterns.filter((p) => p.startsWith('-')).map((p) => p.slice(1));
  const names = patterns.filter((p) => !p.startsWith('-'));
  if (skips.some((skip) => matchesTemplate(namespace, skip))) return false;
  return names.some((name) => matchesTemplate(namespace, name));
}

/** A template with `*` wildcards matched whole against `text`, without backtracking. */
function matchesTemplate(text: string, template: string): boolean {
  const [first = '', ...rest] = template.split('*');
  if (rest.length === 0) return text === first;
  const last = rest.pop() ?? '';
  if (!text.startsWith(first) || text.length < first.length + last.length) return false;
  let at = first.length;
  for (const piece of rest) {
    const found = text.indexOf(piece, at);
    if (found === -1 || found + piece.length > text.length - last.length) return false;
    at = found + piece.length;
  }
  return text.endsWith(last);
}
