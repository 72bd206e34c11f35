/**
 * The synthetic patient's imaging (src/backtest/synthetic-patient.ts): studies of the kinds a
 * myeloma patient collects over the years, and their reports, which conclude with no finding
 * unless one is given. Fictional data only.
 */
import { concept, DCM, ICD10, LOINC, SNOMED } from './synthetic-fhir.js';

const STUDY_KINDS = [
  {
    modality: 'PT',
    also: 'CT',
    procedure: { system: SNOMED, code: '443271005', display: 'PET/CT FDG whole body' },
    report: { code: '44139-4', display: 'PET Whole body' },
    conclusion: 'No FDG-avid lesion. Stable appearances.',
  },
  {
    modality: 'MR',
    also: undefined,
    procedure: { system: SNOMED, code: '241645004', display: 'MRI of spine' },
    report: { code: '24967-2', display: 'MR Spine' },
    conclusion: 'Diffuse marrow signal change without focal lesion or cord compression.',
  },
  {
    modality: 'CT',
    also: undefined,
    procedure: { system: SNOMED, code: '169069000', display: 'CT of chest' },
    report: { code: '24627-2', display: 'CT Chest' },
    conclusion: 'No consolidation. No soft-tissue mass.',
  },
  {
    modality: 'DX',
    also: undefined,
    procedure: { system: SNOMED, code: '399208008', display: 'Plain chest X-ray' },
    report: { code: '36643-5', display: 'XR Chest 2 Views' },
    conclusion: 'Clear lungs.',
  },
] as const;

/** A study of the `kindIndex`-th kind of a cycle (0 is a PET/CT). */
export function imagingStudy(
  patientId: string,
  id: string,
  kindIndex: number,
  started: string,
): fhir4.ImagingStudy {
  const kind = STUDY_KINDS[kindIndex % STUDY_KINDS.length] ?? STUDY_KINDS[0];
  const modalities = [kind.modality, ...(kind.also ? [kind.also] : [])];
  return {
    resourceType: 'ImagingStudy',
    id,
    identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:2.25.${String(hashOf(id))}` }],
    status: 'available',
    modality: modalities.map((code) => ({ system: DCM, code })),
    subject: { reference: `Patient/${patientId}` },
    started,
    numberOfSeries: modalities.length,
    procedureCode: [{ coding: [kind.procedure], text: kind.procedure.display }],
    description: kind.procedure.display,
    series: modalities.map((code, index) => ({
      uid: `2.25.${String(hashOf(id))}.${String(index + 1)}`,
      number: index + 1,
      modality: { system: DCM, code },
      numberOfInstances: 200 + index * 10,
    })),
  };
}

/** The report on `study`; with a `finding` (ICD-10-CM) its conclusion names it and codes it. */
export function imagingReport(
  patientId: string,
  id: string,
  study: fhir4.ImagingStudy,
  kindIndex: number,
  finding?: { code: string; display: string },
): fhir4.DiagnosticReport {
  const kind = STUDY_KINDS[kindIndex % STUDY_KINDS.length] ?? STUDY_KINDS[0];
  return {
    resourceType: 'DiagnosticReport',
    id,
    status: 'final',
    category: [concept('http://terminology.hl7.org/CodeSystem/v2-0074', 'RAD', 'Radiology')],
    code: concept(LOINC, kind.report.code, kind.report.display, kind.report.display),
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: study.started ?? '',
    issued: study.started ?? '',
    imagingStudy: [{ reference: `ImagingStudy/${study.id ?? ''}` }],
    conclusion: finding ? `FDG-avid lesion: ${finding.display}.` : kind.conclusion,
    ...(finding ? { conclusionCode: [concept(ICD10, finding.code, finding.display)] } : {}),
  };
}

/** A stable number from the id, so a study's DICOM uids are the same on every run. */
function hashOf(text: string): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash;
}
