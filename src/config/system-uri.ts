/**
 * What is wrong with a code system URI a value set names (FHIR R4
 * ValueSet.compose.include.system: the code system's own URI). Codes match by system and code
 * (rules page §2), so a value set names the code system's URI exactly: "snomed" (no URI at
 * all) is refused, and so are near misses that look right to a reader, `https://snomed.info/sct`,
 * `http://snomed.info/sct/` or `http://loinc.org/`. The URIs are the rules page's §5
 * (fhir-resources/code-systems.json); a near miss of one is refused, naming the one meant, and
 * so are the typos an analyst makes: a letter dropped or changed (`http://snomed.info/sc`), an
 * OID without `urn:oid:`, a blank pasted with the URI, a URI without its scheme.
 */
import { spellingOf } from '../rules/system-spelling.js';
import { editDistance } from './key-suggestion.js';

/**
 * Why `system` matches no record, said after it (`"snomed" is not an absolute URI: …`), or
 * undefined when it is fine: an absolute URI that is no near miss of a known one. What a near
 * miss is, is the rules' reading (src/rules/system-spelling.ts), so that a value set and a
 * record agree on it (H93). A near miss the rules read a record through (https, a trailing
 * slash, a bare OID, SNOMED CT's edition URI) is refused here too: a value set names the URI.
 */
export function systemProblem(
  system: unknown,
  knownSystems: readonly string[],
): string | undefined {
  const quoted = JSON.stringify(system);
  if (typeof system !== 'string') return notUri(quoted);
  // Pasted from a spreadsheet or a PDF: the rules compare a value set's system as written.
  if (system.trim() !== system && system.trim() !== '')
    return `${quoted} has a blank at its ${system.trimStart() === system ? 'end' : 'start'}: remove the blank ("${system.trim()}"); ${MATCHES_NONE}`;
  const spelling = spellingOf(system, knownSystems);
  // A "|" and no version after it, or several: no code system's URI holds one.
  if (spelling.kind !== 'read-as' && system.includes('|'))
    return `${quoted} holds "|": a value set names the code system by its URI alone (a version goes in the include's \`version\`); ${MATCHES_NONE}`;
  switch (spelling.kind) {
    case 'exact':
      return undefined;
    case 'unrelated': {
      const typo = typoOf(system, knownSystems);
      return typo === undefined
        ? undefined
        : `${quoted} is a letter or two away from "${typo}": write "${typo}" exactly if that is the code system meant; ${MATCHES_NONE}`;
    }
    case 'not-uri':
      if (spelling.meant !== undefined)
        return `${quoted} is not an absolute URI: write "${spelling.meant}" exactly, as records code it; ${MATCHES_NONE}`;
      if (BARE_OID.test(system))
        return `${quoted} is an OID: write it as urn:oid:${system}, as FHIR names a code system by its OID`;
      if (NO_SCHEME.test(system))
        return `${quoted} has no scheme: begin it with http:// or https://, as the code system's publisher writes its URI; ${MATCHES_NONE}`;
      return notUri(quoted);
    case 'read-as': {
      const read = `a record's coding so written is read as it, but a value set names the code system by its URI`;
      if (spelling.miss === 'edition') return `${pathBelow(quoted, spelling.known)}; ${read}`;
      if (spelling.miss === 'version') return `${versioned(quoted, spelling.known)}; ${read}`;
      if (spelling.miss === 'oid')
        return `${quoted} is not the URI of the code system it looks like: write "${spelling.known}" exactly (an OID takes urn:oid:); ${read}`;
      return `${looksLike(quoted, spelling.known)}; ${read}`;
    }
    case 'looks-like':
      if (spelling.miss === 'path') return `${pathBelow(quoted, spelling.known)}; ${MATCHES_NONE}`;
      if (spelling.miss === 'concepts')
        return `${quoted} names concepts, not the code system: write "${spelling.known}" exactly, as records code it; ${MATCHES_NONE}`;
      return `${looksLike(quoted, spelling.known)}, as records code it; ${MATCHES_NONE}`;
  }
}

const MATCHES_NONE = 'this one matches no record';

/** An OID as ISO/IEC 9834 writes it: arcs of digits, the first 0, 1 or 2. */
const BARE_OID = /^[0-2](\.(0|[1-9]\d*))+$/;
/** A host with a dot and a path, written without `http://`. */
const NO_SCHEME = /^[a-z0-9-]+(\.[a-z0-9-]+)+\/\S*$/i;
const HTTP_URI = /^https?:\/\//i;
/** Edits a typo of a known URI's host and path may take: a letter dropped, changed or swapped. */
const TYPO_EDITS = 2;

/**
 * The known http(s) URI `system` is a typo of (`http://snomed.info/sc`), compared without the
 * scheme: within two edits, and no longer than it. A longer one may be another code system
 * that a site adds (WHO ICD-10's http://hl7.org/fhir/sid/icd-10 beside ICD-10-CM, a look-alike
 * such as http://snomed.info/sctx), which H93 accepts; OIDs are not compared, as two real
 * ones may differ by a digit.
 */
function typoOf(system: string, knownSystems: readonly string[]): string | undefined {
  if (!HTTP_URI.test(system)) return undefined;
  const bare = (uri: string) => uri.replace(HTTP_URI, '');
  return knownSystems.find(
    (uri) =>
      HTTP_URI.test(uri) &&
      bare(system).length <= bare(uri).length &&
      editDistance(bare(system), bare(uri)) <= TYPO_EDITS,
  );
}

const notUri = (quoted: string) =>
  `${quoted} is not an absolute URI: name the code system by its URI, e.g. http://snomed.info/sct or http://hl7.org/fhir/sid/icd-10-cm`;

const looksLike = (quoted: string, meant: string) =>
  `${quoted} is not the URI of the code system it looks like: write "${meant}" exactly (no https, no trailing slash)`;

const versioned = (quoted: string, meant: string) =>
  `${quoted} is the code system's URI with a version after "|": write "${meant}" exactly, and the version, if it matters, in the include's \`version\``;

const pathBelow = (quoted: string, above: string) =>
  `${quoted} is a path under the code system's URI, not the URI: write "${above}" exactly, as records code it (an edition or version, such as SNOMED CT's http://snomed.info/sct/900000000000207008, goes in the include's \`version\`)`;

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
