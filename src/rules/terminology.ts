/**
 * Code matching for the rules (rules page §2 "Codes"): a code matches by system + code,
 * systems are recognised under their URI or OID (from NamingSystem resources), and
 * ICD-10-CM matches with or without its dot. Value sets are compiled once, at load, into
 * sets of normalised keys so every lookup during evaluation is a hash lookup.
 */

export const ICD_10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';

/** The value sets the rules use, by the role they play. Config maps each role to a ValueSet URL. */
export const VALUE_SET_ROLES = [
  'multipleMyeloma',
  'plasmaCellLeukemia',
  'myelomaRelapse',
  'myelomaRemission',
  'extramedullaryPlasmacytoma',
  'solitaryPlasmacytoma',
  'cnsInvolvement',
  'leptomeningealInvolvement',
  'boneContactQualifier',
  'siteSoftTissueOrgan',
  'siteCns',
  'siteLeptomeningeal',
  'siteBone',
  'siteTypicalAtDiagnosis',
  'siteTypicalAtRelapse',
  'imagingPet',
  'imagingWholeBody',
  'imagingCrossSectionalModality',
  'imagingMrModality',
  'imagingBrain',
  'imagingSpine',
] as const;
export type ValueSetRole = (typeof VALUE_SET_ROLES)[number];

export interface CodingLike {
  system?: string | undefined;
  code?: string | undefined;
  display?: string | undefined;
}

export class TerminologyError extends Error {
  override readonly name = 'TerminologyError';
}

/** Compiled, immutable terminology: system aliases and value-set membership. */
export class Terminology {
  readonly #aliases: ReadonlyMap<string, string>;
  readonly #members: ReadonlyMap<ValueSetRole, ReadonlySet<string>>;
  readonly #urls: Readonly<Record<ValueSetRole, string>>;
  readonly #knownSystems: ReadonlySet<string>;

  constructor(
    aliases: ReadonlyMap<string, string>,
    members: ReadonlyMap<ValueSetRole, ReadonlySet<string>>,
    urls: Readonly<Record<ValueSetRole, string>>,
    knownSystems: ReadonlySet<string>,
  ) {
    this.#aliases = aliases;
    this.#members = members;
    this.#urls = urls;
    this.#knownSystems = knownSystems;
  }

  /** The preferred URI of a system given by URI or `urn:oid:`. */
  canonicalSystem(system: string): string {
    return this.#aliases.get(system) ?? system;
  }

  /** The key a coding is matched by, or undefined when it lacks a system or code. */
  keyOf(coding: CodingLike): string | undefined {
    if (!coding.system || !coding.code) return undefined;
    const system = this.canonicalSystem(coding.system.trim());
    return `${system}|${normaliseCode(system, coding.code)}`;
  }

  /** True when the system is one the loaded terminology knows (rules page §2 "Text only"). */
  isKnownSystem(system: string | undefined): boolean {
    return system !== undefined && this.#knownSystems.has(this.canonicalSystem(system.trim()));
  }

  /** The first coding in the value set playing `role`, if any. */
  match(role: ValueSetRole, codings: readonly CodingLike[] | undefined): CodingLike | undefined {
    const members = this.#members.get(role);
    if (!members || !codings) return undefined;
    return codings.find((coding) => {
      const key = this.keyOf(coding);
      return key !== undefined && members.has(key);
    });
  }

  /** The canonical URL of the value set playing `role`, for the explain trace. */
  urlOf(role: ValueSetRole): string {
    return this.#urls[role];
  }
}

/** ICD-10-CM codes compare without the dot and case-insensitively (C90.00 = C9000). */
function normaliseCode(system: string, code: string): string {
  const trimmed = code.trim();
  return system === ICD_10_CM ? trimmed.replace(/\./g, '').toUpperCase() : trimmed;
}

interface NamingSystemLike {
  uniqueId?: { type?: string; value?: string; preferred?: boolean }[];
}

interface ValueSetLike {
  url?: string;
  compose?: {
    include?: ValueSetComponent[];
    exclude?: ValueSetComponent[];
  };
  expansion?: { contains?: ExpansionEntry[] };
}
interface ValueSetComponent {
  system?: string;
  concept?: { code?: string }[];
  filter?: unknown[];
  valueSet?: string[];
}
interface ExpansionEntry {
  system?: string;
  code?: string;
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

  const expanded = new Map<string, ReadonlySet<string>>();
  const expand = (url: string, path: readonly string[]): ReadonlySet<string> => {
    const done = expanded.get(url);
    if (done) return done;
    if (path.includes(url))
      throw new TerminologyError(`ValueSet include cycle: ${[...path, url].join(' → ')}`);
    const vs = byUrl.get(url);
    if (!vs)
      throw new TerminologyError(
        `ValueSet ${url} is not loaded${path.length ? ` (included by ${path.at(-1) ?? ''})` : ''}`,
      );
    const keys = new Set<string>();
    const addComponent = (component: ValueSetComponent, into: (key: string) => void) => {
      if (component.filter?.length)
        throw new TerminologyError(
          `ValueSet ${url}: filters are not supported; enumerate the codes`,
        );
      for (const inner of component.valueSet ?? [])
        for (const key of expand(inner, [...path, url])) into(key);
      if (!component.system) return;
      if (!component.concept?.length) {
        if (component.valueSet?.length) return;
        throw new TerminologyError(
          `ValueSet ${url}: including all of ${component.system} is not supported; enumerate the codes`,
        );
      }
      const system = canonical(component.system);
      knownSystems.add(system);
      for (const concept of component.concept)
        if (concept.code) into(`${system}|${normaliseCode(system, concept.code)}`);
    };
    for (const include of vs.compose?.include ?? []) addComponent(include, (key) => keys.add(key));
    const walk = (entries: readonly ExpansionEntry[] | undefined) => {
      for (const entry of entries ?? []) {
        if (entry.system && entry.code) {
          const system = canonical(entry.system);
          knownSystems.add(system);
          keys.add(`${system}|${normaliseCode(system, entry.code)}`);
        }
        walk(entry.contains);
      }
    };
    walk(vs.expansion?.contains);
    for (const exclude of vs.compose?.exclude ?? [])
      addComponent(exclude, (key) => keys.delete(key));
    expanded.set(url, keys);
    return keys;
  };

  const members = new Map<ValueSetRole, ReadonlySet<string>>();
  for (const [role, url] of Object.entries(roleUrls) as [ValueSetRole, string][]) {
    members.set(role, expand(url, []));
  }
  return new Terminology(aliases, members, roleUrls, knownSystems);
}
