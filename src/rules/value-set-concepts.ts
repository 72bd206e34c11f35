/**
 * The one walk over the concepts a ValueSet lists (FHIR R4 ValueSet.compose.include.concept,
 * .compose.exclude.concept, and .expansion.contains, nested), shared by the three readers of
 * value sets: the load checks that name a file's problems (src/config/value-set-checks.ts),
 * the compiler (./compile-terminology.ts) and the index of designations (./concept-labels.ts).
 * The checks walk a file as parsed JSON, before anything has checked its shape, so nothing
 * here is trusted to be of its FHIR type.
 */

/** The lists of a ValueSet that name concepts, by their FHIR R4 path. */
export type ConceptList = 'compose.include' | 'compose.exclude' | 'expansion.contains';

/** A concept as a value set lists it: an include's or exclude's concept, or an expansion entry. */
export interface ConceptEntry {
  code?: unknown;
  display?: unknown;
  designation?: unknown;
}

export interface ListedConcept {
  /** Its code system: the include's or exclude's `system`, or the expansion entry's own. */
  system: unknown;
  concept: ConceptEntry;
  /**
   * Where the file lists it, `['compose', 'include', 0, 'concept', 3]`: for messages
   * (`pathText` of ../path-text.ts), and to find it in the file's text.
   */
  path: ValueSetPath;
}

/** A place in a value set: `['compose', 'include', 0, 'concept', 3]`. */
export type ValueSetPath = readonly (string | number)[];

/** A list's keys: `compose.include` is `['compose', 'include']`. */
export const listPath = (list: ConceptList): ValueSetPath => list.split('.');

/** One include or exclude as the file gives it, with the concepts it lists. */
export interface ListedComponent {
  /** Its `system`, `valueSet` and `filter` apply to its concepts too. */
  component: unknown;
  concepts: ListedConcept[];
}

type ComposeList = Exclude<ConceptList, 'expansion.contains'>;

interface ValueSetShape {
  compose?: { include?: unknown; exclude?: unknown };
  expansion?: { contains?: unknown };
}

/**
 * Each include or exclude of a value set, in file order, with the concepts it lists (none for a
 * component that is not an object): what the compiler and the checks read one component at
 * a time.
 */
export function listComponents(valueSet: unknown, list: ComposeList): ListedComponent[] {
  const vs = (valueSet ?? {}) as ValueSetShape;
  const components = list === 'compose.include' ? vs.compose?.include : vs.compose?.exclude;
  return asArray<unknown>(components).map((component, i) => {
    if (!isObject(component)) return { component, concepts: [] };
    const { system, concept: concepts } = component as { system?: unknown; concept?: unknown };
    return {
      component,
      concepts: asArray<unknown>(concepts).map((concept, j) => ({
        system,
        concept: isObject(concept) ? concept : {},
        path: [...listPath(list), i, 'concept', j],
      })),
    };
  });
}

/**
 * Each concept of one list of a value set, once, in file order (an expansion depth first, each
 * entry before the entries it contains). An entry that is not an object is given as one with
 * no field (`{}`), so the checks name it, by its place, as a concept without a code.
 */
export function* listConcepts(valueSet: unknown, list: ConceptList): Generator<ListedConcept> {
  if (list !== 'expansion.contains') {
    for (const { concepts } of listComponents(valueSet, list)) yield* concepts;
    return;
  }
  const contains = ((valueSet ?? {}) as ValueSetShape).expansion?.contains;
  yield* containedConcepts(contains, listPath(list));
}

function* containedConcepts(entries: unknown, at: ValueSetPath): Generator<ListedConcept> {
  for (const [i, item] of asArray<unknown>(entries).entries()) {
    const entry = isObject(item) ? item : {};
    const path = [...at, i];
    const { system, contains } = entry as { system?: unknown; contains?: unknown };
    yield { system, concept: entry, path };
    yield* containedConcepts(contains, [...path, 'contains']);
  }
}

/** A list as the file gives it, or none when the file gives something else there. */
export function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;
