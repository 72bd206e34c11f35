/**
 * Compiles NamingSystem and ValueSet resources into the rules' Terminology (./terminology.ts)
 * once, at load: system aliases from NamingSystems, and each role's value set expanded to its
 * codes (./expand-value-sets.ts).
 */
import { Terminology, type CodingLike } from './terminology.js';
import { CONDITION_CODE_ROLES, SITE_ROLES, type ValueSetRole } from './value-set-roles.js';
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
  const { expand, aliases, knownSystems, otherNames } = valueSetExpander(namingSystems, valueSets);
  const conceptsByRole = new Map<ValueSetRole, readonly CodingLike[]>();
  for (const [role, url] of Object.entries(roleUrls) as [ValueSetRole, string][]) {
    conceptsByRole.set(role, [...expand(url).values()]);
  }
  /** The systems these roles' value sets use, by their preferred URIs. */
  const systemsUsedBy = (roles: readonly ValueSetRole[]): Set<string> => {
    const systems = new Set<string>();
    for (const role of roles)
      for (const { system } of conceptsByRole.get(role) ?? [])
        if (system) systems.add(aliases.get(system) ?? system);
    return systems;
  };
  // After expanding: knownSystems holds every system the roles' value sets use. A Condition's
  // code may be read in a NamingSystem's system or one the Condition-code roles use; one only a
  // site or order value set uses is left out (H105). A report's site: a system the site value
  // sets use (H115).
  return new Terminology(aliases, conceptsByRole, roleUrls, {
    any: knownSystems,
    conditionCodes: new Set([...aliases.values(), ...systemsUsedBy(CONDITION_CODE_ROLES)]),
    siteCodes: systemsUsedBy(SITE_ROLES),
    otherNames,
  });
}
