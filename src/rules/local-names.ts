/**
 * What a card, or the timeline app, calls a coded thing from the record, in its language: free
 * text that says more than the codes as written; else the name a value set gives the concept
 * in that language (./concept-labels.ts); else the record's own words (text, display or code)
 * as the rules read them. English shows the record's words unless a value set has an `en`
 * designation; the shipped ones have none. Pure, so cards and the browser name sites alike.
 */
import type { SiteMention } from './finding.js';
import { conceptLabel, ownText } from './labels.js';
import type { CodingLike } from './terminology.js';
import type { ConceptLabels, KeyOf } from './concept-labels.js';

export interface LocalNames {
  /** A finding's body site; undefined when the record gives it no words and no code. */
  site(site: SiteMention): string | undefined;
  /** A coded concept read from the record, e.g. a report's conclusion code or its site. */
  concept(concept: fhir4.CodeableConcept | undefined): string | undefined;
}

export function localNames(
  labels: ConceptLabels,
  terminology: { keyOf: KeyOf },
  locale: string,
): LocalNames {
  const keysOf = (codings: readonly CodingLike[] | undefined) =>
    (codings ?? []).flatMap((coding) => terminology.keyOf(coding) ?? []);
  return {
    // The clinician's own words are shown as written: a code's name would drop what they add
    // ("Left 6th rib" is more than 骨). Else the coding the value sets hold (the site's
    // identity) speaks first, then the others.
    site: (site) =>
      site.isOwnText
        ? site.label
        : (labels.nameIn(locale, [site.key, ...site.codeKeys]) ?? site.label),
    concept: (concept) =>
      ownText(concept) ?? labels.nameIn(locale, keysOf(concept?.coding)) ?? conceptLabel(concept),
  };
}
