/**
 * Compiles NamingSystem and ValueSet resources into the rules' Terminology (./terminology.ts)
 * once, at load: system aliases from NamingSystems, and each value set expanded to its codes.
 */
import {
  keyFor,
  Terminology,
  TerminologyError,
  type CodingLike,
  type ValueSetRole,
} from './terminology.js';
import { listComponents, listConcepts, type ListedConcept } from './value-set-concepts.js';

export interface NamingSystemLike {
  uniqueId?: { type?: string; value?: string; preferred?: boolean }[];
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

/**
 * Compiles NamingSystem and ValueSet resources into a Terminology. Only enumerated value
 * sets are supported (concept lists, includes of other value sets, expansions): filters
 * and whole-system includes need a terminology server, so they are rejected at load
 * rather than silently matching nothing.
 */
export function compileTerminology(
  namingSystems: readonly NamingSystemLike[],
  valueSets: readonly ValueSetLike[],
  roleUrls: Readonly<Record<ValueSetRole, string>>,
): Terminology {
  const aliases = new Map<string, string>();
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
    }
  }
  const canonical = (system: string) => aliases.get(system) ?? system;

  const byUrl = new Map<string, ValueSetLike>();
  for (const vs of valueSets) {
    if (!vs.url) throw new TerminologyError('a ValueSet has no url');
    if (byUrl.has(vs.url)) throw new TerminologyError(`ValueSet ${vs.url} is defined twice`);
    byUrl.set(vs.url, vs);
  }

  // Each value set expands to its concepts keyed by system|code, in file order.
  const expanded = new Map<string, ReadonlyMap<string, CodingLike>>();
  const expand = (url: string, path: readonly string[]): ReadonlyMap<string, CodingLike> => {
    const done = expanded.get(url);
    if (done) return done;
    if (path.includes(url))
      throw new TerminologyError(`ValueSet include cycle: ${[...path, url].join(' → ')}`);
    const vs = byUrl.get(url);
    if (!vs)
      throw new TerminologyError(
        `ValueSet ${url} is not loaded${path.length ? ` (included by ${path.at(-1) ?? ''})` : ''}`,
      );
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
    ) => {
      if (component.filter?.length)
        throw new TerminologyError(
          `ValueSet ${url}: filters are not supported; enumerate the codes`,
        );
      const named = (component.valueSet ?? []).map((inner) => expand(inner, [...path, url]));
      let candidates: Iterable<readonly [string, CodingLike]>;
      if (component.system) {
        if (!component.concept?.length)
          throw new TerminologyError(
            `ValueSet ${url}: a component with all of ${component.system} is not supported; enumerate the codes`,
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
      for (const { component, concepts } of listComponents(vs, list))
        addComponent(component as ValueSetComponent, concepts, into);
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

  const conceptsByRole = new Map<ValueSetRole, readonly CodingLike[]>();
  for (const [role, url] of Object.entries(roleUrls) as [ValueSetRole, string][]) {
    conceptsByRole.set(role, [...expand(url, []).values()]);
  }
  return new Terminology(aliases, conceptsByRole, roleUrls, knownSystems);
}
