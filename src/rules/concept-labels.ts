/**
 * Names of coded concepts in the card's language (rules page §4: wording is data, selected
 * per request), and in the timeline app's, which indexes the value sets of settings.json with
 * this same code (so it lives here, in pure src/rules/, where the browser may import it).
 * A ValueSet gives a concept its name in a language with a `designation`
 * (FHIR R4 ValueSet.compose.include.concept.designation, ValueSet.expansion.contains.designation);
 * every loaded value set, shipped or the site's own, is indexed once at load by the key the
 * rules match codes by (canonical system | normalised code), so a card asks one map per
 * coding and never scans a value set. Designations are checked at load
 * (src/config/value-set-checks.ts); this index reads only the well-formed ones.
 */
import type { CodingLike } from './terminology.js';
import { asArray, listConcepts, type ConceptEntry } from './value-set-concepts.js';

/** How a coding is keyed: Terminology.keyOf (system aliases, ICD-10-CM without the dot). */
export type KeyOf = (coding: CodingLike) => string | undefined;

/** Concept key → lower-case language tag → the name in that language. */
export class ConceptLabels {
  readonly #byKey: ReadonlyMap<string, ReadonlyMap<string, string>>;

  constructor(byKey: ReadonlyMap<string, ReadonlyMap<string, string>>) {
    this.#byKey = byKey;
  }

  /**
   * The name a value set gives one of these concepts (keys from Terminology.keyOf) in
   * `locale`: a designation in exactly that language tag, else in its primary language
   * (`zh-CN`, then `zh`), from the first key that has one. Undefined when none does: the
   * card then shows the record's own words.
   */
  nameIn(locale: string, keys: readonly string[]): string | undefined {
    if (this.#byKey.size === 0) return undefined;
    const exact = locale.toLowerCase();
    const primary = exact.split('-')[0] ?? exact;
    for (const tag of primary === exact ? [exact] : [exact, primary])
      for (const key of keys) {
        const name = this.#byKey.get(key)?.get(tag);
        if (name !== undefined) return name;
      }
    return undefined;
  }
}

interface Designation {
  language?: unknown;
  value?: unknown;
}

/**
 * Indexes the designations of every value set, in load order (the shipped files, then the
 * site's own): a later file's name for a concept in a language replaces an earlier one, so a
 * site can rename a shipped concept; within one concept the first designation in a language
 * is the one shown. Designations without a language are FHIR-valid but name no card language,
 * so they are left out.
 */
export function indexDesignations(valueSets: readonly object[], keyOf: KeyOf): ConceptLabels {
  const byKey = new Map<string, Map<string, string>>();
  const add = (system: unknown, concept: ConceptEntry) => {
    if (typeof system !== 'string' || typeof concept.code !== 'string') return;
    const designations = asArray<unknown>(concept.designation).filter(
      (designation): designation is Designation =>
        designation !== null && typeof designation === 'object',
    );
    if (designations.length === 0) return;
    const key = keyOf({ system, code: concept.code });
    if (key === undefined) return;
    const names = new Map<string, string>();
    for (const { language, value } of designations) {
      if (typeof language !== 'string' || typeof value !== 'string') continue;
      const tag = language.trim().toLowerCase();
      if (tag === '' || value.trim() === '' || names.has(tag)) continue;
      names.set(tag, value.trim());
    }
    if (names.size === 0) return;
    const known = byKey.get(key);
    if (known) for (const [tag, name] of names) known.set(tag, name);
    else byKey.set(key, names);
  };
  for (const vs of valueSets)
    for (const list of ['compose.include', 'expansion.contains'] as const)
      for (const { system, concept } of listConcepts(vs, list)) add(system, concept);
  return new ConceptLabels(byKey);
}
