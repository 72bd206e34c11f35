/**
 * Where a value set playing a role lists a code: the file, line and column a warning about the
 * code names, so an analyst goes straight to the entry to move or remove (docs/configuring.md
 * §4). The rules compile the value sets into roles and forget the files; this layer knows each
 * file, and parses one again, with the YAML parser the positions come from, only when a
 * warning asks about it.
 */
import { keyFor, type Terminology } from '../rules/terminology.js';
import { listComponents, listConcepts } from '../rules/value-set-concepts.js';
import type { ValueSetRole } from '../rules/value-set-roles.js';
import type { ValueSetFile } from './value-set-checks.js';
import { parsePositioned, positionOf, type PositionedText } from './yaml-position.js';

/** A file and, when the parser finds it, the line and column in it. */
export interface Place {
  file: string;
  where: { line: number; col: number } | undefined;
}

/** `file:line:col`, or the file alone without a position. */
export const placeText = ({ file, where }: Place): string =>
  where ? `${file}:${String(where.line)}:${String(where.col)}` : file;

export class CodePlaces {
  readonly #terminology: Terminology;
  readonly #byUrl = new Map<string, ValueSetFile>();
  readonly #parsed = new Map<ValueSetFile, PositionedText>();

  constructor(files: readonly ValueSetFile[], terminology: Terminology) {
    this.#terminology = terminology;
    for (const file of files) {
      const url = (file.resource as { url?: unknown } | null)?.url;
      if (typeof url === 'string' && !this.#byUrl.has(url)) this.#byUrl.set(url, file);
    }
  }

  /**
   * Where the value set playing `role` lists the code, or a value set it includes does (its
   * own file first, then the included ones, breadth first); undefined when none lists it
   * (a filter, say).
   */
  of(role: ValueSetRole, system: string, code: string): Place | undefined {
    const wanted = this.#key(system, code);
    return this.#first(role, (s, c) => this.#key(s, c) === wanted);
  }

  /** Where the value set playing `role`, or one it includes, first writes this code system. */
  ofSystem(role: ValueSetRole, system: string): Place | undefined {
    const wanted = this.#terminology.canonicalSystem(system.trim());
    return this.#first(role, (s) => this.#terminology.canonicalSystem(s.trim()) === wanted);
  }

  #first(
    role: ValueSetRole,
    matches: (system: string, code: string) => boolean,
  ): Place | undefined {
    for (const url of this.#closure(role)) {
      const file = this.#byUrl.get(url);
      const found = file && this.#find(file, matches);
      if (found) return found;
    }
    return undefined;
  }

  /** The role's value set and those it includes, its own first, then breadth first. */
  #closure(role: ValueSetRole): Set<string> {
    const seen = new Set<string>();
    const queue = [this.#terminology.urlOf(role)];
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      if (seen.has(url)) continue;
      seen.add(url);
      const file = this.#byUrl.get(url);
      if (file) queue.push(...includedUrls(file.resource));
    }
    return seen;
  }

  #key(system: string, code: string): string {
    return keyFor(this.#terminology.canonicalSystem(system.trim()), code);
  }

  #find(file: ValueSetFile, matches: (system: string, code: string) => boolean): Place | undefined {
    for (const list of ['compose.include', 'expansion.contains'] as const)
      for (const { system, concept, path } of listConcepts(file.resource, list)) {
        const { code } = concept;
        if (typeof system !== 'string' || typeof code !== 'string') continue;
        if (matches(system, code)) return { file: file.file, where: this.#position(file, path) };
      }
    return undefined;
  }

  #position(file: ValueSetFile, path: readonly (string | number)[]) {
    let source = this.#parsed.get(file);
    if (!source) this.#parsed.set(file, (source = parsePositioned(file.text, file.file).source));
    return positionOf(source, [...path, 'code']);
  }
}

/** The value sets a value set's includes name (`valueSet`). */
function includedUrls(resource: unknown): string[] {
  return listComponents(resource, 'compose.include').flatMap(({ component }) => {
    const named = (component as { valueSet?: unknown }).valueSet;
    return Array.isArray(named) ? named.filter((u): u is string => typeof u === 'string') : [];
  });
}
