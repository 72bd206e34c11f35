/**
 * What a card, or the timeline app, calls a coded thing from the record, in its language: free
 * text that says more than the codes as written; else the name a value set gives the concept
 * in that language (./concept-labels.ts); else the record's own words (text, display or code)
 * as the rules read them (for a code given alone, the value sets' own name, `display`, before
 * the code: H63). English shows the record's words unless a value set has an `en` designation;
 * the shipped ones have none. Pure, so cards and the browser name sites alike.
 */
import type { SiteMention } from './finding.js';
import { conceptLabel, ownText, studyLabel } from './labels.js';
import type { CodingLike } from './terminology.js';
import type { ConceptLabels, KeyOf } from './concept-labels.js';

export interface LocalNames {
  /** A finding's body site; undefined when the record gives it no words and no code. */
  site(site: SiteMention): string | undefined;
  /**
   * A finding, by the Condition's code (./finding.ts `labelKeys`): the clinician's own words as
   * written, else the value sets' name in this language, else the record's display or code.
   */
  finding(finding: { label: string; labelKeys: readonly string[] }): string;
  /**
   * A coded concept read from the record, e.g. a report's conclusion code or site: a code the
   * record gives no words for is named by the value sets' `display` before the bare code (a
   * SNOMED CT identifier names no site, and "C90.20" no finding, a clinician reads; H63).
   */
  concept(concept: fhir4.CodeableConcept | undefined): string | undefined;
  /**
   * An imaging study: the record's own words, else the value sets' `display` for a procedure
   * coded with a code alone (./labels.ts studyLabel; H65), else its code or modalities.
   */
  study(study: fhir4.ImagingStudy): string | undefined;
}

export function localNames(
  labels: ConceptLabels,
  terminology: { keyOf: KeyOf; displayOf?: (coding: CodingLike) => string | undefined },
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
    finding: ({ label, labelKeys }) => labels.nameIn(locale, labelKeys) ?? label,
    // The clinician's own words, then the value sets' name in this language, then the record's
    // words (text, a coding's display); a code with no words at all: the value sets' `display`
    // for it before the bare code, as a finding's site is named (./collect-findings.ts
    // siteMention; H63).
    concept: (concept) =>
      ownText(concept) ??
      labels.nameIn(locale, keysOf(concept?.coding)) ??
      conceptLabel(concept, (coding) => terminology.displayOf?.(coding)),
    study: (study) => studyLabel(study, (coding) => terminology.displayOf?.(coding)),
  };
}
