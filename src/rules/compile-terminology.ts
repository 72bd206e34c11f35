/**
 * Compiles NamingSystem and ValueSet resources into the rules' Terminology (./terminology.ts)
 * once, at load: system aliases from NamingSystems, and each role's value set expanded to its
 * codes (./expand-value-sets.ts).
 */
import { Terminology, type CodingLike } from './terminology.js';
import type { ValueSetRole } from './value-set-roles.js';
import { valueSetExpander, type NamingSystemLike, type ValueSetLike } from './expand-value-sets.js';

/**
 * Compiles NamingSystem and ValueSet resources into a Terminology. Only enumerated value
 * sets are supported (concept lists, includes of other value sets, expansions): filters
 * and whole-system includes need a terminology server, so they are rejected at load
 * rather than silently matching nothing. A TerminologyError says where: the index of the
 * value set in `valueSets` and the path of the value in it.
 */
export function compileTerminology(
  namingSystems: readonly NamingSystemLike[],
  valueSets: readonly ValueSetLike[],
  roleUrls: Readonly<Record<ValueSetRole, string>>,
): Terminology {
  const { expand, aliases, knownSystems } = valueSetExpander(namingSystems, valueSets);
  const conceptsByRole = new Map<ValueSetRole, readonly CodingLike[]>();
  for (const [role, url] of Object.entries(roleUrls) as [ValueSetRole, string][]) {
    conceptsByRole.set(role, [...expand(url).values()]);
  }
  // After expanding: knownSystems holds every system the roles' value sets use.
  return new Terminology(aliases, conceptsByRole, roleUrls, knownSystems);
}
