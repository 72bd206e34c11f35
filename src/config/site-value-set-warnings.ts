/**
 * A site's own value-set files that load without a problem and still do nothing, which
 * `validate`, every start and every reload warn about (docs/configuring.md §4):
 *
 * - a file no role uses and no role's value set includes: examples a and b take two steps,
 *   writing the file and pointing the role at it, and the second is easy to forget. A file
 *   may be there for its designations alone (site names, which are read from every file
 *   loaded), so this is a warning, not a refusal;
 * - a file that expands to no concept, even for the roles that may be empty: a site writes
 *   its own value set to add codes. The usual cause is one include that names a value set and
 *   a system together, which FHIR R4 (ValueSet.compose.include) reads as the codes in both,
 *   where two includes were meant.
 */
import { problemLine } from '../issue-lines.js';
import { pathText } from '../path-text.js';
import { valueSetExpander } from '../rules/expand-value-sets.js';
import { TerminologyError } from '../rules/terminology.js';
import { listComponents, listConcepts } from '../rules/value-set-concepts.js';
import type { ValueSetFile } from './value-set-checks.js';
import { parsePositioned, positionOf } from './yaml-position.js';

/** `file:line:col message`, at the file's `url`. */
const atUrl = ({ file, text }: ValueSetFile, message: string): string =>
  problemLine(file, positionOf(parsePositioned(text, file).source, ['url']), message);

export interface SiteValueSets {
  /** The site's own files (`valueSets.files`), which the warnings are about. */
  siteFiles: readonly ValueSetFile[];
  /** Every value set loaded, the shipped ones first, as the rules were compiled from. */
  valueSets: readonly object[];
  namingSystems: readonly object[];
  /** The URL each role uses, the shipped defaults and the config's together. */
  roleUrls: Readonly<Record<string, string>>;
}

/** The warnings about the site's files, in file order: unused first, then empty. */
export function siteValueSetWarnings(loaded: SiteValueSets): string[] {
  return [...unusedFileWarnings(loaded), ...emptyFileWarnings(loaded)];
}

const urlOf = (resource: unknown): string | undefined => {
  const url = (resource as { url?: unknown } | null)?.url;
  return typeof url === 'string' ? url : undefined;
};

/** The value sets this one names in its includes and excludes (`valueSet`). */
function namedValueSets(resource: unknown): string[] {
  return (['compose.include', 'compose.exclude'] as const).flatMap((list) =>
    listComponents(resource, list).flatMap(({ component }) => {
      const named = (component as { valueSet?: unknown }).valueSet;
      return Array.isArray(named) ? named.filter((u): u is string => typeof u === 'string') : [];
    }),
  );
}

function unusedFileWarnings({ siteFiles, valueSets, roleUrls }: SiteValueSets): string[] {
  const names = new Map<string, string[]>();
  for (const vs of valueSets) {
    const url = urlOf(vs);
    if (url) names.set(url, namedValueSets(vs));
  }
  const used = new Set<string>();
  const pending = Object.values(roleUrls);
  for (let url = pending.pop(); url !== undefined; url = pending.pop()) {
    if (used.has(url)) continue;
    used.add(url);
    pending.push(...(names.get(url) ?? []));
  }
  // Of a chain of files no role uses, only the head: the advice is for it, not for the files
  // it includes.
  const namedByAny = new Set([...names.values()].flat());
  return siteFiles.flatMap((site) => {
    const url = urlOf(site.resource);
    if (!url || used.has(url) || namedByAny.has(url)) return [];
    const designations = hasDesignations(site.resource)
      ? ' (its designations name sites on cards either way)'
      : '';
    return [
      atUrl(
        site,
        `value set ${url} is loaded but no role uses it, and no role's value set includes it: point a role at it (valueSets.roles) or include it${designations}`,
      ),
    ];
  });
}

const hasDesignations = (resource: unknown): boolean =>
  (['compose.include', 'expansion.contains'] as const).some((list) =>
    [...listConcepts(resource, list)].some(({ concept }) => concept.designation !== undefined),
  );

function emptyFileWarnings({ siteFiles, valueSets, namingSystems }: SiteValueSets): string[] {
  const { expand } = valueSetExpander(namingSystems, valueSets);
  return siteFiles.flatMap((site) => {
    const url = urlOf(site.resource);
    if (!url || !expandsToNothing(() => expand(url))) return [];
    return [
      atUrl(
        site,
        `value set ${url} holds no concept: a role that uses it matches nothing${intersectionHint(site.resource)}`,
      ),
    ];
  });
}

/**
 * A file no role uses may hold what compiling a role's value set refuses (a filter, an include
 * of a value set not loaded); it is not said empty here.
 */
function expandsToNothing(expand: () => ReadonlyMap<string, unknown>): boolean {
  try {
    return expand().size === 0;
  } catch (error) {
    if (error instanceof TerminologyError) return false;
    throw error;
  }
}

/** Why it is empty, when one of its includes names both a value set and a system. */
function intersectionHint(resource: unknown): string {
  const both = listComponents(resource, 'compose.include').flatMap(({ component }, i) => {
    const { valueSet, system } = component as { valueSet?: unknown; system?: unknown };
    return Array.isArray(valueSet) && valueSet.length > 0 && system !== undefined
      ? [pathText(['compose', 'include', i])]
      : [];
  });
  if (both.length === 0) return '';
  return `; ${both.join(' and ')} ${both.length === 1 ? 'names' : 'each name'} both a valueSet and a system, which FHIR reads as the codes in both (their intersection): for "these plus those", write two separate includes, one with the valueSet and one with the system and its concepts (docs/configuring.md, example a)`;
}
