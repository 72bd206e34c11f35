/**
 * The body sites an imaging report's conclusion names (rules page §4 "the same code and site",
 * H115). A conclusion code in a site value set is a site, as before. One in no value set at all,
 * under a system the site value sets use (SNOMED CT by default), is a site too: §3.3 keeps sites
 * in no value set as sites ("stay unclassified until a site adds their codes"), and read as
 * nothing, a spleen or lung plasmacytoma on a report was "listed" by any Condition of the same
 * code at any site, and dropped without a word (§6). A code some other value set holds (a
 * myeloma or finding code, a PET/CT procedure, the whole body) is not read as a site.
 */
import { codeInSystem, unreadCodeWithDisplay } from './code-words.js';
import { firstNamed } from './named-list.js';
import { hasCode } from './text-only.js';
import type { Terminology } from './terminology.js';
import {
  CLASS_SITE_ROLES,
  inAnyRole,
  roleSetOf,
  SITE_ROLES,
  VALUE_SET_ROLES,
  type ValueSetRole,
} from './value-set-roles.js';

/** The site value sets that make a class (§3.3 1–4): a report's site is in one of them. */
const CLASS_SITE_ROLE_SET = roleSetOf(CLASS_SITE_ROLES);

/** The value sets whose codes are something else than a site: a code in one is not a site. */
const NOT_SITE_ROLE_SET = roleSetOf(
  VALUE_SET_ROLES.filter((role) => !(SITE_ROLES as readonly ValueSetRole[]).includes(role)),
);

/** Named one by one up to this many; a report listing more is counted. */
const NAMED_AT_MOST = 5;

export interface ReportedSites {
  /** Every site the conclusion names, in its order. */
  sites: readonly fhir4.CodeableConcept[];
  /** Those in no value set of a class: for the trace. */
  unheld: readonly fhir4.CodeableConcept[];
}

const NO_SITES: ReportedSites = Object.freeze({ sites: [], unheld: [] });

/** The report's conclusion codes that name a body site. */
export function reportedSites(
  concepts: readonly fhir4.CodeableConcept[],
  terminology: Terminology,
): ReportedSites {
  const sites: fhir4.CodeableConcept[] = [];
  const unheld: fhir4.CodeableConcept[] = [];
  for (const concept of concepts) {
    const roles = terminology.rolesOf(concept.coding);
    if (inAnyRole(roles, CLASS_SITE_ROLE_SET)) sites.push(concept);
    else if (!inAnyRole(roles, NOT_SITE_ROLE_SET) && isInSiteSystem(concept, terminology)) {
      sites.push(concept);
      unheld.push(concept);
    }
  }
  return sites.length === 0 ? NO_SITES : { sites, unheld };
}

function isInSiteSystem(concept: fhir4.CodeableConcept, terminology: Terminology): boolean {
  return (concept.coding ?? []).some(
    (coding) =>
      hasCode(coding) &&
      typeof coding.system === 'string' &&
      terminology.isSiteSystem(coding.system),
  );
}

/**
 * The explain trace's line for the sites a report names that no site value set holds: they are
 * compared and proposed as sites, and the finding's class does not rest on them (§3.3.5).
 */
export function unheldSitesLine(report: string, unheld: readonly fhir4.CodeableConcept[]): string {
  const named = unheld.map((site) =>
    (site.coding ?? [])
      .filter(hasCode)
      .map((coding) => codeInSystem(unreadCodeWithDisplay(coding)))
      .join(' / '),
  );
  return `${report}: conclusion site ${firstNamed(named, NAMED_AT_MOST)}, in no site value set, read as a site of the reported finding (rules page §3.3: a site in no value set is still a site; §4: only a Condition with the same code and that site lists it); the finding is not classed by it: if it is soft tissue, an organ, CNS or bone, add its code to that site value set (docs/configuring.md, example a)`;
}
