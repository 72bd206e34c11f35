/** The record's own words for a study or a coded concept, as cards and the timeline show them. */

/**
 * A study's name: the record's own words first (a procedure's text or display, then the
 * study's description); for a procedure coded with a code alone, the name `named` gives the code
 * (the value sets' `display`: Terminology.displayOf), else the code; else its modalities.
 * Undefined when it has none of them: the card or the timeline then calls it an imaging study in
 * its own language (wording `unnamedLabels`). HL7 v2 and DICOM-fed feeds send procedure codes
 * alone, and "seen on 443271005" names no study a clinician reads (rules page §4; H65).
 */
export function studyLabel(
  study: fhir4.ImagingStudy,
  named?: (coding: fhir4.Coding) => string | undefined,
): string | undefined {
  const procedures = study.procedureCode ?? [];
  const words = procedures.map(recordWords).find(Boolean);
  if (words) return words;
  if (study.description) return study.description;
  const procedure = procedures.map((p) => codeName(p, named)).find(Boolean);
  if (procedure) return procedure;
  const modalities = [...(study.modality ?? []), ...(study.series ?? []).map((s) => s.modality)]
    .map((m) => m.code)
    .filter(Boolean);
  return [...new Set(modalities)].join('/') || undefined;
}

/**
 * The concept's free text when it says more than its codes: text whose every word is in a
 * coding's display ("Liver structure", or EHRs' short "Liver", beside SNOMED CT "Liver
 * structure") says nothing the code does not, and is not the clinician's own. A card shows own
 * words as written in every language ("Left 6th rib", "肝左叶"); a code's name may be shown
 * in the card's language instead of a display.
 */
export function ownText(concept: fhir4.CodeableConcept | undefined): string | undefined {
  const text = concept?.text;
  if (text === undefined || text.trim() === '') return undefined;
  const words = wordsOf(text);
  const saysNoMore = (concept?.coding ?? []).some((coding) => {
    if (!coding.display) return false;
    const shown = new Set(wordsOf(coding.display));
    return words.every((word) => shown.has(word));
  });
  return saysNoMore ? undefined : text;
}

/** Letters and digits, in any script, lower-cased: "Liver, left lobe" is liver, left, lobe. */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The concept's words: its text, else a coding's display; when the record gives neither, the
 * name `named` gives one of its codes (for a body site, the value sets' `display`:
 * Terminology.displayOf), else its first code. HL7 v2 and C-CDA converters write codings with
 * a code alone, and a card that says "12738006" where the value sets say "Brain structure"
 * names no site a clinician reads (rules page §4; H63).
 */
export function conceptLabel(
  concept: fhir4.CodeableConcept | undefined,
  named?: (coding: fhir4.Coding) => string | undefined,
): string | undefined {
  return recordWords(concept) ?? codeName(concept, named);
}

/** The concept's own words: its text, else a coding's display. */
export function recordWords(concept: fhir4.CodeableConcept | undefined): string | undefined {
  return concept?.text ?? concept?.coding?.find((c) => c.display)?.display;
}

/** A name for the concept's codes: the first name `named` gives one, else its first code. */
function codeName(
  concept: fhir4.CodeableConcept | undefined,
  named?: (coding: fhir4.Coding) => string | undefined,
): string | undefined {
  const codings = concept?.coding ?? [];
  if (named)
    for (const coding of codings) {
      const name = named(coding);
      if (name !== undefined) return name;
    }
  return codings.find((c) => c.code)?.code;
}
