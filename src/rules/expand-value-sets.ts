/**
 * Each value set expanded to its codes (FHIR R4 ValueSet.compose: includes, excludes and
 * includes of other value sets; and ValueSet.expansion), as the rules match them: by
 * canonical system and normalised code. The compiler (./compile-terminology.ts) expands the
 * value set of each role; the load checks (src/config/site-value-set-warnings.ts) expand a
 * site's own value sets, whether or not a role uses them, the same way.
 */
import { keyFor, TerminologyError, type CodingLike, type ValueSetPlace } from './terminology.js';
import {
  listComponents,
  listConcepts,
  listPath,
  type ListedConcept,
} from './value-set-concepts.js';

export interface NamingSystemLike {
  uniqueId?: { type?: string; value?: string; preferred?: boolean; comment?: string }[];
}

export interface ValueSetLike {
  url?: string;
  compose?: {
    include?: ValueSetComponent[];
    exclude?: ValueSetComponent[];
  };
  expansion?: { contains?: ExpansionEntry[] };
}
interface ValueSetComponent {
  system?: string;
  concept?: ValueSetConcept[];
  filter?: unknown[];
  valueSet?: string[];
}
interface ValueSetConcept {
  code?: string;
  display?: string;
}
interface ExpansionEntry {
  system?: string;
  code?: string;
  display?: string;
  contains?: ExpansionEntry[];
}

/** A value set's concepts, keyed by canonical system and normalised code, in file order. */
export type Expansion = ReadonlyMap<string, CodingLike>;

export interface ValueSetExpander {
  /** The value set at `url` expanded; throws TerminologyError when it cannot be. */
  expand: (url: string) => Expansion;
  /** System URI or OID → the system's preferred URI, from the NamingSystems. */
  aliases: ReadonlyMap<string, string>;
  /** The NamingSystems' systems, and every system an expanded value set has used so far. */
  knownSystems: ReadonlySet<string>;
  /**
   * The aliases that are neither a preferred URI nor an OID (DSTU2's URI for DICOM, DICOM's
   * designator `DCM`) → what they are, in the NamingSystem's words (its `comment`): read as
   * the system, but named in the trace, since the feed should send the preferred URI (H116).
   */
  otherNames: ReadonlyMap<string, string>;
}

/**
 * An expander over these resources. Only enumerated value sets are supported (concept lists,
 * includes of other value sets, expansions): filters and whole-system includes need a
 * terminology server, so they throw rather than silently match nothing. A TerminologyError
 * says where: the index of the value set in `valueSets` and the path of the value in it.
 */
export function valueSetExpander(
  namingSystems: readonly NamingSystemLike[],
  valueSets: readonly ValueSetLike[],
): ValueSetExpander {
  const aliases = new Map<string, string>();
  const otherNames = new Map<string, string>();
  const knownSystems = new Set<string>();
  for (const ns of namingSystems) {
    const ids = ns.uniqueId ?? [];
    const preferred =
      ids.find((id) => id.type === 'uri' && id.preferred) ?? ids.find((id) => id.type === 'uri');
    if (!preferred?.value) continue;
    knownSystems.add(preferred.value);
    for (const id of ids) {
      if (!id.value) continue;
      aliases.set(id.type === 'oid' ? `urn:oid:${id.value}` : id.value, preferred.value);
      if (id !== preferred && id.type !== 'oid')
        otherNames.set(id.value, id.comment?.trim() || `another name of ${preferred.value}`);
    }
  }
  const canonical = (system: string) => aliases.get(system) ?? system;

  const byUrl = new Map<string, { vs: ValueSetLike; index: number }>();
  for (const [index, vs] of valueSets.entries()) {
    const atUrl: ValueSetPlace = { valueSet: index, path: ['url'] };
    if (!vs.url) throw new TerminologyError('a ValueSet has no url', [atUrl]);
    const first = byUrl.get(vs.url);
    // At the second definition, which a site adds after the shipped ones, then the first.
    if (first)
      throw new TerminologyError(`ValueSet ${vs.url} is defined twice`, [
        atUrl,
        { valueSet: first.index, path: ['url'] },
      ]);
    byUrl.set(vs.url, { vs, index });
  }

  // Each value set expands to its concepts keyed by system|code, in file order.
  const expanded = new Map<string, Expansion>();
  /** `from`: the `valueSet` entry that names `url`; none for a role's value set. */
  const expand = (url: string, path: readonly string[], from?: ValueSetPlace): Expansion => {
    const done = expanded.get(url);
    if (done) return done;
    const places = from ? [from] : [];
    if (path.includes(url))
      throw new TerminologyError(`ValueSet include cycle: ${[...path, url].join(' → ')}`, places);
    const found = byUrl.get(url);
    if (!found)
      throw new TerminologyError(
        `ValueSet ${url} is not loaded${path.length ? ` (included by ${path.at(-1) ?? ''})` : ''}`,
        places,
      );
    const { vs, index } = found;
    const at = (...place: (string | number)[]): ValueSetPlace => ({ valueSet: index, path: place });
    const concepts = new Map<string, CodingLike>();
    const conceptOf = (rawSystem: string, rawCode: string, display: string | undefined) => {
      const system = canonical(rawSystem);
      knownSystems.add(system);
      // Keyed by the normalised code; the coding keeps the code as the file writes it.
      const key = keyFor(system, rawCode);
      return [key, { system, code: rawCode.trim(), display }] as const;
    };
    /**
     * One include or exclude (FHIR R4 ValueSet.compose): its enumerated concepts (`listed`),
     * or, when it names value sets, the codes in all of them; both together are intersected.
     */
    const addComponent = (
      component: ValueSetComponent,
      listed: readonly ListedConcept[],
      into: (key: string, coding: CodingLike) => void,
      where: readonly (string | number)[],
    ) => {
      if (component.filter?.length)
        throw new TerminologyError(
          `ValueSet ${url}: filters are not supported; enumerate the codes`,
          [at(...where, 'filter')],
        );
      const named = (component.valueSet ?? []).map((inner, k) =>
        expand(inner, [...path, url], at(...where, 'valueSet', k)),
      );
      let candidates: Iterable<readonly [string, CodingLike]>;
      if (component.system) {
        if (!component.concept?.length)
          throw new TerminologyError(
            `ValueSet ${url}: a component with all of ${component.system} is not supported; enumerate the codes`,
            [at(...where, 'system')],
          );
        const system = component.system;
        candidates = listed.flatMap((entry) => {
          // The walk types every field unknown; compiling reads them as ValueSetLike types them.
          const concept = entry.concept as ValueSetConcept;
          return concept.code ? [conceptOf(system, concept.code, concept.display)] : [];
        });
      } else {
        candidates = named.shift() ?? [];
      }
      for (const [key, coding] of candidates)
        if (named.every((set) => set.has(key))) into(key, coding);
    };
    const addComponents = (
      list: 'compose.include' | 'compose.exclude',
      into: (key: string, coding: CodingLike) => void,
    ) => {
      for (const [i, { component, concepts }] of listComponents(vs, list).entries())
        addComponent(component as ValueSetComponent, concepts, into, [...listPath(list), i]);
    };
    addComponents('compose.include', (key, coding) => concepts.set(key, coding));
    for (const listed of listConcepts(vs, 'expansion.contains')) {
      const entry = listed.concept as ExpansionEntry;
      if (entry.system && entry.code)
        concepts.set(...conceptOf(entry.system, entry.code, entry.display));
    }
    addComponents('compose.exclude', (key) => concepts.delete(key));
    expanded.set(url, concepts);
    return concepts;
  };

  return { expand: (url) => expand(url, []), aliases, knownSystems, otherNames };
}
