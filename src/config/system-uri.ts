/**
 * What is wrong with a code system URI a value set names (FHIR R4
 * ValueSet.compose.include.system: the code system's own URI). Codes match by system and code
 * (rules page §2), so a system that is not exactly the code system's URI matches no record:
 * "snomed" (no URI at all), and near misses that look right to a reader, `https://snomed.info/sct`,
 * `http://snomed.info/sct/` or `http://loinc.org/`. The URIs are the rules page's §5
 * (fhir-resources/code-systems.json); a near miss of one is refused, naming the one meant.
 */

/** A scheme, a colon and something after it: http://snomed.info/sct, urn:oid:2.16.840.1.113883.6.90. */
const ABSOLUTE_URI = /^[a-z][a-z0-9+.-]*:\S+$/i;

/** `system` as a reader compares it: no scheme, no `www.`, no trailing slashes, any case. */
const looseForm = (system: string) => {
  let loose = system
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '');
  // Trailing slashes cut one by one: a pattern anchored at the end would be quadratic.
  while (loose.endsWith('/')) loose = loose.slice(0, -1);
  return loose;
};

/**
 * Why `system` matches no record, said after it (`"snomed" is not an absolute URI: …`), or
 * undefined when it is fine: an absolute URI that is no near miss of a known one.
 */
export function systemProblem(
  system: unknown,
  knownSystems: readonly string[],
): string | undefined {
  const quoted = JSON.stringify(system);
  if (typeof system !== 'string' || !ABSOLUTE_URI.test(system))
    return `${quoted} is not an absolute URI: name the code system by its URI, e.g. http://snomed.info/sct or http://hl7.org/fhir/sid/icd-10-cm`;
  if (knownSystems.includes(system)) return undefined;
  const meant = knownSystems.find((known) => looseForm(known) === looseForm(system));
  return meant === undefined
    ? undefined
    : `${quoted} is not the URI of the code system it looks like: write "${meant}" exactly (no https, no trailing slash), as records code it; this one matches no record`;
}
