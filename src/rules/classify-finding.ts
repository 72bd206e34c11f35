/** A finding's class from its body sites and code (rules page §3.3), first match wins. */
import type { CodingLike, Terminology } from './terminology.js';
import type { ValueSetRole } from './value-set-roles.js';
import type { FindingClass } from './types.js';
import { unreadSiteCodings } from './unread-sites.js';

/** Rules page §3.3, in order: leptomeningeal, paraskeletal, cns, emd, unclassified. */
export function classify(
  codes: readonly CodingLike[],
  sites: readonly fhir4.CodeableConcept[],
  terminology: Terminology,
): { findingClass: FindingClass; because: string } {
  const siteIn = (role: ValueSetRole) => {
    for (const site of sites) {
      const coding = terminology.match(role, site.coding);
      if (coding) return `body site ${describe(coding)} is in ${terminology.urlOf(role)}`;
    }
    return undefined;
  };
  const codeIn = (role: ValueSetRole) => {
    const coding = terminology.match(role, codes);
    return coding ? `code ${describe(coding)} is in ${terminology.urlOf(role)}` : undefined;
  };
  const leptomeningeal = siteIn('siteLeptomeningeal') ?? codeIn('leptomeningealInvolvement');
  if (leptomeningeal) return { findingClass: 'leptomeningeal', because: leptomeningeal };
  const paraskeletal =
    siteIn('siteBone') ?? codeIn('boneContactQualifier') ?? siteIn('boneContactQualifier');
  if (paraskeletal)
    return {
      findingClass: 'paraskeletal',
      because: `${paraskeletal}: contact with bone is not true EMD`,
    };
  const cns = siteIn('siteCns') ?? codeIn('cnsInvolvement');
  if (cns) return { findingClass: 'cns', because: cns };
  const emd = siteIn('siteSoftTissueOrgan');
  if (emd) return { findingClass: 'emd', because: emd };
  if (sites.length === 0) return { findingClass: 'unclassified', because: 'no body site recorded' };
  // Only here, never on the common path: why the sites matched no value set, when the record
  // wrote them in a system no value set uses (H74's trace for body sites).
  const unread = unreadSiteCodings(sites, terminology);
  return {
    findingClass: 'unclassified',
    because: `no body site is in a site value set${unread === undefined ? '' : `; ${unread}`}`,
  };
}

function describe(coding: CodingLike): string {
  return `${coding.code ?? ''}${coding.display ? ` (${coding.display})` : ''}`;
}
