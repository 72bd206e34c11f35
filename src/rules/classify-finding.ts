/** A finding's class from its body sites and code (rules page §3.3), first match wins. */
import { codeWithDisplay } from './code-words.js';
import type { CodingLike, Terminology } from './terminology.js';
import type { ValueSetRole } from './value-set-roles.js';
import type { FindingClass } from './types.js';
import { unreadSiteCodings } from './unread-sites.js';
import { topographySitesLine } from './topography-sites.js';
import { sitesBesideClass } from './sites-beside-class.js';
import { BODY_SITE_EXTENSION_URL } from './extension-sites.js';

export interface Classification {
  findingClass: FindingClass;
  because: string;
  /**
   * The indexes of the body sites in no value set of a class (coded so, or text only) beside
   * a site that gave the class (H85): the class rests on the other sites only. Empty when every
   * site was read, and for an unclassified finding, whose sites were all not read.
   */
  unreadSites: readonly number[];
}

/**
 * Rules page §3.3, in order: leptomeningeal, paraskeletal, cns, emd, unclassified.
 * `unreadExtensionSites`: how many sites the Condition gave by the bodySite extension that
 * could not be read (./extension-sites.ts, H114): a site was given, so never "no body site".
 */
export function classify(
  codes: readonly CodingLike[],
  sites: readonly fhir4.CodeableConcept[],
  terminology: Terminology,
  unreadExtensionSites = 0,
): Classification {
  const unreadExtension =
    unreadExtensionSites === 0
      ? ''
      : `; a body site given by the bodySite extension (${BODY_SITE_EXTENSION_URL}) could not be read, so the class is read without it`;
  const siteIn = (role: ValueSetRole) => {
    for (const site of sites) {
      const coding = terminology.match(role, site.coding);
      if (coding) return `body site ${codeWithDisplay(coding)} is in ${terminology.urlOf(role)}`;
    }
    return undefined;
  };
  const codeIn = (role: ValueSetRole) => {
    const coding = terminology.match(role, codes);
    return coding ? `code ${codeWithDisplay(coding)} is in ${terminology.urlOf(role)}` : undefined;
  };
  const leptomeningeal = siteIn('siteLeptomeningeal') ?? codeIn('leptomeningealInvolvement');
  const known = (findingClass: FindingClass, because: string): Classification => {
    const beside = sitesBesideClass(sites, terminology);
    return {
      findingClass,
      because: `${because}${beside.words}${unreadExtension}`,
      unreadSites: beside.indexes,
    };
  };
  if (leptomeningeal) return known('leptomeningeal', leptomeningeal);
  const paraskeletal =
    siteIn('siteBone') ?? codeIn('boneContactQualifier') ?? siteIn('boneContactQualifier');
  if (paraskeletal)
    return known('paraskeletal', `${paraskeletal}: contact with bone is not true EMD`);
  const cns = siteIn('siteCns') ?? codeIn('cnsInvolvement');
  if (cns) return known('cns', cns);
  const emd = siteIn('siteSoftTissueOrgan');
  if (emd) return known('emd', emd);
  if (sites.length === 0)
    return {
      findingClass: 'unclassified',
      because:
        unreadExtension === ''
          ? 'no body site recorded'
          : `no body site read${unreadExtension.replace(/^;/, ':')}`,
      unreadSites: [],
    };
  // Only here, never on the common path: why the sites matched no value set, when the record
  // wrote them in a system no value set uses (H74's trace for body sites).
  const unread = unreadSiteCodings(sites, terminology);
  // A registry's ICD-O-3 topography site is in a known system, so not "unread" above (H137).
  const topography = topographySitesLine(sites, terminology);
  const why = [unread, topography].filter((part) => part !== undefined).join('; ');
  return {
    findingClass: 'unclassified',
    because: `no body site is in a site value set${why === '' ? '' : `; ${why}`}${unreadExtension}`,
    unreadSites: [],
  };
}
