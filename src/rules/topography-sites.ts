/**
 * Body sites coded as ICD-O-3 topography (C00.0–C80.9), as cancer-registry records give them:
 * `bodySite` {system ICD-O-3, code C44.5 "Skin of trunk"}. ICD-O-3 is a system the value sets
 * use (morphology: 9734/3), so ./unread-sites.ts has no unknown system to name, yet rules page
 * §5's site value sets hold SNOMED CT body structures only: the site is in none, and the finding
 * is `unclassified` (§3.3), correctly. "No body site is in a site value set" said nothing of
 * why; this names such sites and what a site can do (H137). The trace only, never the card.
 */
import { codeRead } from './code-spelling.js';
import { unreadCodeWithDisplay } from './code-words.js';
import { firstNamed } from './named-list.js';
import { ICD_O_3, type Terminology } from './terminology.js';

/** Named one by one up to this many; a record listing more is counted. */
const NAMED_AT_MOST = 5;

/**
 * ICD-O-3's topography: C, two digits from 00 to 80, the subsite digit, with or without the dot
 * registries drop (C44.5 = C445). Its morphology codes (9734/3) are digits, so never match.
 */
const TOPOGRAPHY = /^C(?:[0-7]\d|80)\.?\d$/i;

/**
 * The trace's words for the sites coded as ICD-O-3 topography, or undefined when none is.
 * Called only for an unclassified finding whose sites are in no site value set.
 */
export function topographySitesLine(
  sites: readonly fhir4.CodeableConcept[],
  terminology: Terminology,
): string | undefined {
  const named: string[] = [];
  for (const site of sites)
    for (const coding of site.coding ?? [])
      if (isTopography(coding, terminology)) named.push(unreadCodeWithDisplay(coding).code);
  if (named.length === 0) return undefined;
  const what =
    named.length === 1
      ? `site ${named[0] ?? ''} is an ICD-O-3 topography code`
      : `sites ${firstNamed(named, NAMED_AT_MOST)} are ICD-O-3 topography codes`;
  return `${what}, and the site value sets hold SNOMED CT body structures (rules page §5), so ${named.length === 1 ? 'it was' : 'they were'} not read for the class; send the SNOMED CT body site beside it, or add the topography code, written as the record writes it (C44.5 and C445 are two codes), to the site value set of its class in config (siteSoftTissueOrgan, siteBone, siteCns or siteLeptomeningeal: docs/configuring.md, example a), which then classifies the finding`;
}

function isTopography(coding: fhir4.Coding, terminology: Terminology): boolean {
  const { system, code } = coding;
  if (typeof system !== 'string' || typeof code !== 'string') return false;
  if (terminology.canonicalSystem(system.trim()) !== ICD_O_3) return false;
  return TOPOGRAPHY.test(codeRead(code).trim());
}
