/**
 * How a `system` is spelled against the URIs of the code systems the service knows (the
 * NamingSystems of fhir-resources/code-systems.json: rules page §5's URIs, and their OIDs as
 * `urn:oid:`). One reading for both callers, so they agree on what a near miss is (H93):
 * config validation refuses a value set naming any near miss (src/config/system-uri.ts), and
 * the rules read a record's coding whose system is an unmistakable spelling of a known URI as
 * that URI (./read-spellings.ts), and advise fixing the feed for the other near misses, which
 * no value set may name.
 *
 * Unmistakable (read): the URI with https for http, capitals in its scheme or host, trailing
 * slashes; a known OID without `urn:oid:`, or with capitals in `urn:oid:`; a SNOMED CT edition
 * or module URI (`http://snomed.info/sct/<module>[/version/<date>]`, which SNOMED CT defines
 * for `Coding.version`); any of these, or the URI itself, with a version after `|`
 * (`http://hl7.org/fhir/sid/icd-10-cm|2024`: FHIR's way of writing a canonical URL's version,
 * which in a Coding belongs in `Coding.version`; probe 15 a9). Anything else stays unmatched
 * (rules page §2: system + code).
 */

/** A near miss records are read through: the spelling, an edition URI, a bare OID, `|version`. */
export type ReadMiss = 'spelling' | 'edition' | 'oid' | 'version';
/** A near miss records are not read through: a looser spelling, a path below, a concept URI. */
export type LooseMiss = 'spelling' | 'path' | 'concepts';

export type SystemSpelling =
  | { kind: 'exact' }
  | { kind: 'unrelated' }
  /** Not a URI at all; `meant` when it loosely names a known one (`hl7.org/fhir/sid/icd-10-cm`). */
  | { kind: 'not-uri'; meant: string | undefined }
  /** `known`: the URI or `urn:oid:` it spells; `how`: what differs, for the trace. */
  | { kind: 'read-as'; known: string; miss: ReadMiss; how: string }
  | { kind: 'looks-like'; known: string; miss: LooseMiss };

/** A scheme, a colon and something after it: http://snomed.info/sct, urn:oid:2.16.840.1.113883.6.90. */
const ABSOLUTE_URI = /^[a-z][a-z0-9+.-]*:\S+$/i;
/** An http(s) URI's parts; a query or fragment makes it no spelling of a code system's URI. */
const HTTP_URI = /^(https?):\/\/([^/?#\s]+)(\/[^?#\s]*)?$/i;
const URN_OID = /^urn:oid:(\S+)$/i;
/** An OID as ISO/IEC 9834 writes it: arcs of digits, the first 0, 1 or 2. */
const OID = /^[0-2](\.(0|[1-9]\d*))+$/;
const SNOMED_CT = 'http://snomed.info/sct';
/** A system and a version after one `|`, neither empty nor holding spaces or another `|`. */
const WITH_VERSION = /^([^|\s]+)\|[^|\s]+$/;
const VERSION_WORDS = 'a version after "|", which belongs in Coding.version';
/** SNOMED CT's edition URI below its host: a module id, and optionally a version date. */
const SNOMED_EDITION_PATH = /^\/sct\/[1-9]\d{5,17}(\/version\/\d{8})?$/;

/** The path without its trailing slashes; cut one by one (an anchored pattern is quadratic). */
function withoutTrailingSlashes(path: string): string {
  let cut = path;
  while (cut.endsWith('/')) cut = cut.slice(0, -1);
  return cut;
}

/**
 * `system` as a reader compares it: no scheme, no `www.`, no trailing slashes or dots (an OID
 * copied with the sentence's full stop), any case. The validator's reading of "looks like".
 */
function looseForm(system: string): string {
  let loose = system
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '');
  while (loose.endsWith('/') || loose.endsWith('.')) loose = loose.slice(0, -1);
  return loose;
}

/** The loose form without hyphens and underscores: `icd10cm` for `icd-10-cm`. */
const squashed = (loose: string) => loose.replaceAll('-', '').replaceAll('_', '');

/**
 * Other names of a known system that are not its URI, in loose form: SNOMED CT's concept URIs
 * (`http://snomed.info/id/12738006`) name a concept, and are not the code system's URI.
 */
const MISWRITTEN: Readonly<Record<string, string>> = {
  'snomed.info/id': SNOMED_CT,
};

/** What an http(s) spelling changed: "https for http, a trailing slash". */
function httpDifferences(scheme: string, host: string, path: string, known: string): string {
  const differences: string[] = [];
  const knownScheme = known.slice(0, known.indexOf(':'));
  if (scheme.toLowerCase() !== knownScheme)
    differences.push(`${scheme.toLowerCase()} for ${knownScheme}`);
  if (scheme !== scheme.toLowerCase() || host !== host.toLowerCase())
    differences.push('capitals in its scheme or host');
  if (path.endsWith('/')) differences.push('a trailing slash');
  return differences.join(', ');
}

/** The known http(s) URI `system` spells, and how, when it is an unmistakable spelling. */
function readAsHttp(system: string, known: readonly string[]): SystemSpelling | undefined {
  const parts = HTTP_URI.exec(system);
  if (!parts) return undefined;
  const [, scheme = '', host = '', path = ''] = parts;
  const lowered = `${host.toLowerCase()}${withoutTrailingSlashes(path)}`;
  for (const uri of known) {
    const uriParts = HTTP_URI.exec(uri);
    if (!uriParts || `${uriParts[2] ?? ''}${uriParts[3] ?? ''}` !== lowered) continue;
    return {
      kind: 'read-as',
      known: uri,
      miss: 'spelling',
      how: httpDifferences(scheme, host, path, uri),
    };
  }
  if (host.toLowerCase() === 'snomed.info' && known.includes(SNOMED_CT)) {
    if (SNOMED_EDITION_PATH.test(withoutTrailingSlashes(path)))
      return {
        kind: 'read-as',
        known: SNOMED_CT,
        miss: 'edition',
        how: 'an edition URI, which belongs in Coding.version',
      };
  }
  return undefined;
}

/** The known `urn:oid:` system a bare OID or a `URN:OID:` spells. */
function readAsOid(system: string, known: readonly string[]): SystemSpelling | undefined {
  const urn = URN_OID.exec(system)?.[1];
  const oid = urn ?? (OID.test(system) ? system : undefined);
  if (oid === undefined || !known.includes(`urn:oid:${oid}`)) return undefined;
  return {
    kind: 'read-as',
    known: `urn:oid:${oid}`,
    miss: 'oid',
    how: urn === undefined ? 'an OID without urn:oid:' : 'capitals in urn:oid:',
  };
}

/** The known system `system` names with a version after `|`, read as the system alone. */
function readAsVersioned(system: string, known: readonly string[]): SystemSpelling | undefined {
  const base = WITH_VERSION.exec(system)?.[1];
  if (base === undefined) return undefined;
  if (known.includes(base))
    return { kind: 'read-as', known: base, miss: 'version', how: VERSION_WORDS };
  const read = readAsHttp(base, known) ?? readAsOid(base, known);
  return read?.kind === 'read-as'
    ? { ...read, how: `${read.how}, and ${VERSION_WORDS}` }
    : undefined;
}

/**
 * How `system` is spelled against `known`, the code systems' URIs and `urn:oid:` OIDs. Not
 * trimmed: the rules trim a record's system first; a value set's is refused with its spaces.
 */
export function spellingOf(system: string, known: readonly string[]): SystemSpelling {
  if (known.includes(system)) return { kind: 'exact' };
  const read =
    readAsHttp(system, known) ?? readAsOid(system, known) ?? readAsVersioned(system, known);
  if (read) return read;
  const loose = looseForm(system);
  const meant =
    known.find((uri) => looseForm(uri) === loose) ??
    known.find((uri) => squashed(looseForm(uri)) === squashed(loose));
  if (!ABSOLUTE_URI.test(system)) return { kind: 'not-uri', meant };
  if (meant !== undefined) return { kind: 'looks-like', known: meant, miss: 'spelling' };
  const above = known.find((uri) => loose.startsWith(`${looseForm(uri)}/`));
  if (above !== undefined) return { kind: 'looks-like', known: above, miss: 'path' };
  const named = MISWRITTEN[loose];
  return named === undefined || !known.includes(named)
    ? { kind: 'unrelated' }
    : { kind: 'looks-like', known: named, miss: 'concepts' };
}
