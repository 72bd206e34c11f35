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

/**
 * `system` as a reader compares it: no scheme, no `www.`, no trailing slashes or dots (an OID
 * copied with the sentence's full stop), any case.
 */
const looseForm = (system: string) => {
  let loose = system
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '');
  // Cut one by one: a pattern anchored at the end would be quadratic.
  while (loose.endsWith('/') || loose.endsWith('.')) loose = loose.slice(0, -1);
  return loose;
};

/** The loose form without hyphens and underscores: `icd10cm` for `icd-10-cm`. */
const squashed = (loose: string) => loose.replaceAll('-', '').replaceAll('_', '');

/**
 * Other names of a known system that are not its URI, in loose form: SNOMED CT's concept URIs
 * (`http://snomed.info/id/12738006`) name a concept, and are not the code system's URI.
 */
const MISWRITTEN: Readonly<Record<string, string>> = {
  'snomed.info/id': 'http://snomed.info/sct',
};

/**
 * Why `system` matches no record, said after it (`"snomed" is not an absolute URI: …`), or
 * undefined when it is fine: an absolute URI that is no near miss of a known one. A near miss
 * is the same URI but for its scheme, case, trailing slashes or dots, hyphens or underscores
 * (`http://hl7.org/fhir/sid/icd10cm`), a path under it (SNOMED CT's edition URI,
 * `http://snomed.info/sct/900000000000207008`), or a name listed in MISWRITTEN.
 */
export function systemProblem(
  system: unknown,
  knownSystems: readonly string[],
): string | undefined {
  const quoted = JSON.stringify(system);
  if (typeof system !== 'string' || !ABSOLUTE_URI.test(system))
    return `${quoted} is not an absolute URI: name the code system by its URI, e.g. http://snomed.info/sct or http://hl7.org/fhir/sid/icd-10-cm`;
  if (knownSystems.includes(system)) return undefined;
  const loose = looseForm(system);
  const meant =
    knownSystems.find((known) => looseForm(known) === loose) ??
    knownSystems.find((known) => squashed(looseForm(known)) === squashed(loose));
  if (meant !== undefined)
    return `${quoted} is not the URI of the code system it looks like: write "${meant}" exactly (no https, no trailing slash), as records code it; this one matches no record`;
  const above = knownSystems.find((known) => loose.startsWith(`${looseForm(known)}/`));
  if (above !== undefined)
    return `${quoted} is a path under the code system's URI, not the URI: write "${above}" exactly, as records code it (an edition or version, such as SNOMED CT's http://snomed.info/sct/900000000000207008, goes in the include's \`version\`); this one matches no record`;
  const named = MISWRITTEN[loose];
  return named === undefined
    ? undefined
    : `${quoted} names concepts, not the code system: write "${named}" exactly, as records code it; this one matches no record`;
}

const SNOMED_CT = 'http://snomed.info/sct';
/** A SNOMED CT identifier: 6 to 18 digits, the first not 0. */
const SCTID = /^[1-9]\d{5,17}$/;
const INNER_SPACE = /\s/;

/**
 * Why a code a value set lists under a known system matches no record, said after the code,
 * or undefined. None of the rules page's code systems has a code with a space in it, so one
 * pasted from a spreadsheet with a space (`"7185 4001"`) is refused; a SNOMED CT code must be a
 * concept id (digits). Leading and trailing spaces are read past, as codes are compared trimmed.
 */
export function codeProblem(
  system: unknown,
  code: string,
  knownSystems: readonly string[],
): string | undefined {
  if (typeof system !== 'string' || !knownSystems.includes(system)) return undefined;
  const trimmed = code.trim();
  if (INNER_SPACE.test(trimmed))
    return `${JSON.stringify(code)} has a space inside: codes of ${system} have none, so this one matches no record`;
  if (system === SNOMED_CT && !SCTID.test(trimmed))
    return `${JSON.stringify(code)} is not a SNOMED CT concept id (6 to 18 digits), so it matches no record`;
  return undefined;
}
