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
 * The concept's free text when it says more than its codes: text that only repeats a coding's
 * display ("Liver structure" beside SNOMED CT "Liver structure") is not the clinician's own.
 * A card shows own words as written in every language ("Left 6th rib", "肝左叶"); a code's
 * name may be shown in the card's language instead of a display.
 */
export function ownText(concept: fhir4.CodeableConcept | undefined): string | undefined {
  const text = concept?.text;
  if (text === undefined || text.trim() === '') return undefined;
  const words = text.trim().toLowerCase();
  const repeatsDisplay = (concept?.coding ?? []).some(
    (coding) => coding.display?.trim().toLowerCase() === words,
  );
  return repeatsDisplay ? undefined : text;
}

export function conceptLabel(concept: fhir4.CodeableConcept | undefined): string | undefined {
  return (
    concept?.text ??
    concept?.coding?.find((c) => c.display)?.display ??
    concept?.coding?.find((c) => c.code)?.code
  );
}
