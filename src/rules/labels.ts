/** The record's own words for a study or a coded concept, as cards and the timeline show them. */

export function studyLabel(study: fhir4.ImagingStudy): string {
  const procedure = study.procedureCode?.map((p) => conceptLabel(p)).find(Boolean);
  if (procedure) return procedure;
  const modalities = [...(study.modality ?? []), ...(study.series ?? []).map((s) => s.modality)]
    .map((m) => m.code)
    .filter(Boolean);
  return study.description ?? ([...new Set(modalities)].join('/') || 'imaging study');
}

export function conceptLabel(concept: fhir4.CodeableConcept | undefined): string | undefined {
  return (
    concept?.text ??
    concept?.coding?.find((c) => c.display)?.display ??
    concept?.coding?.find((c) => c.code)?.code
  );
}
