/** The record's own words for a study or a coded concept, as cards and the timeline show them. */

/**
 * A study's procedure, description or modalities; undefined when it has none of them: the
 * card or the timeline then calls it an imaging study in its own language (wording
 * `unnamedLabels`).
 */
export function studyLabel(study: fhir4.ImagingStudy): string | undefined {
  const procedure = study.procedureCode?.map((p) => conceptLabel(p)).find(Boolean);
  if (procedure) return procedure;
  const modalities = [...(study.modality ?? []), ...(study.series ?? []).map((s) => s.modality)]
    .map((m) => m.code)
    .filter(Boolean);
  return study.description ?? ([...new Set(modalities)].join('/') || undefined);
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

export function conceptLabel(concept: fhir4.CodeableConcept | undefined): string | undefined {
  return (
    concept?.text ??
    concept?.coding?.find((c) => c.display)?.display ??
    concept?.coding?.find((c) => c.code)?.code
  );
}
