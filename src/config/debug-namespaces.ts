/**
 * Which namespaces the `DEBUG` variable switches on, read as the `debug` package reads it
 * (names split by commas or spaces, `*` matching any run of characters, a leading `-`
 * skipping what it matches, a skip winning over any name). fhir-kit-client logs through it,
 * and its log prints each FHIR request's headers, the EHR's access token among them.
 */

/** fhir-kit-client's two debug namespaces (its dist/logging.js). */
export const FHIR_KIT_CLIENT_NAMESPACES = ['fhir-kit-client:info', 'fhir-kit-client:error'];

/**
 * The debug namespaces that print what docs/security.md §2.5 says is never logged, each with
 * what it prints. express's router logs every request's URL with its query string
 * (router/index.js, `dispatching %s %s`), and a SMART launch of the timeline carries the
 * patient id, the launch context and then the OAuth code in its query.
 */
export const LEAKING_DEBUG_NAMESPACES: readonly { namespace: string; prints: string }[] = [
  ...FHIR_KIT_CLIENT_NAMESPACES.map((namespace) => ({
    namespace,
    prints: "every FHIR request's headers (the EHR's access token) and answers (patient data)",
  })),
  {
    namespace: 'router',
    prints:
      "every request's URL with its query string (a SMART launch's patient id, its OAuth code)",
  },
];

/** What to add to DEBUG so that none of LEAKING_DEBUG_NAMESPACES is on. */
export const DEBUG_EXCLUSIONS = '-fhir-kit-client:*,-router';

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
