/**
 * The trace line for a myeloma or plasma cell leukaemia Condition whose body site is an EMD,
 * CNS or leptomeningeal site (H86): "plasma cell leukaemia", site cerebrospinal fluid. Rules
 * page §3.3 makes findings of plasmacytoma and involvement codes only, so it raises no card by
 * the letter; §6 says the service never drops a finding silently, so the trace says what was
 * passed over and how the record would say it. A bone or bone-marrow site (common in exports:
 * myeloma is a marrow disease) says nothing of EMD and adds no line. The trace only.
 */
import { codeWithDisplay } from './code-words.js';
import type { Terminology } from './terminology.js';
import type { ValueSetRole } from './value-set-roles.js';

/** The site roles that would make a finding's class, in §3.3's order, bone left out. */
const SITE_CLASSES: readonly { role: ValueSetRole; name: string; coded: string }[] = [
  {
    role: 'siteLeptomeningeal',
    name: 'leptomeningeal',
    coded:
      'a code in the leptomeningealInvolvement value set (shipped empty: a site adds concepts such as myelomatous meningitis, docs/configuring.md §3), or a plasmacytoma code with this site',
  },
  {
    role: 'siteCns',
    name: 'CNS',
    coded:
      'a code in the cnsInvolvement value set (shipped empty: a site adds concepts such as CNS myeloma, docs/configuring.md §3), or a plasmacytoma code with this site',
  },
  {
    role: 'siteSoftTissueOrgan',
    name: 'soft-tissue / organ (EMD)',
    coded: 'a plasmacytoma code (C90.2x, C90.3x) with this site',
  },
];

/** A body site of a finding's class (bone left out), in §3.3's order, with its words. */
export interface FindingClassSite {
  /** `76848001 (Pericardial structure)`. */
  site: string;
  /** `leptomeningeal`, `CNS`, `soft-tissue / organ (EMD)`. */
  name: string;
  valueSetUrl: string;
  /** How a record codes such a finding. */
  coded: string;
}

/**
 * The first of the sites that is a leptomeningeal, CNS or soft-tissue / organ site, or
 * undefined. Shared with ./unread-site-conditions.ts (H144).
 */
export function findingClassSite(
  sites: readonly fhir4.CodeableConcept[] | undefined,
  terminology: Terminology,
): FindingClassSite | undefined {
  if (sites === undefined || sites.length === 0) return undefined;
  for (const { role, name, coded } of SITE_CLASSES)
    for (const site of sites) {
      const coding = terminology.match(role, site.coding);
      if (coding !== undefined)
        return { site: codeWithDisplay(coding), name, valueSetUrl: terminology.urlOf(role), coded };
    }
  return undefined;
}

/** The line's message, or undefined when no site of the Condition is of those classes. */
export function myelomaSiteMessage(
  sites: readonly fhir4.CodeableConcept[] | undefined,
  terminology: Terminology,
): string | undefined {
  const found = findingClassSite(sites, terminology);
  if (found === undefined) return undefined;
  const { site, name, valueSetUrl, coded } = found;
  return `the myeloma Condition names body site ${site}, a ${name} site (${valueSetUrl}); it is not read as a finding (rules page §3.3: only plasmacytoma and CNS / leptomeningeal involvement codes make findings), so it raises no card; if it records ${name} involvement, record a Condition coded as such: ${coded}`;
}
