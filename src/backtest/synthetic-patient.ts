/**
 * A synthetic myeloma patient of any size, for the load and micro benchmarks: years of
 * unrelated Conditions, imaging studies and their reports, around a few EMD findings (an
 * active liver plasmacytoma on the latest PET/CT, an active paraskeletal thoracic-spine
 * plasmacytoma, a resolved skin plasmacytoma). Deterministic: the same size and "now"
 * always give the same resources. Fictional data only.
 */
import { DAY_MS } from '../rules/time.js';

const ICD10 = 'http://hl7.org/fhir/sid/icd-10-cm';
const SNOMED = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';

/** Conditions a myeloma patient also has, none of them in the EMD value sets. */
const UNRELATED: readonly { code: string; display: string }[] = [
  { code: 'I10', display: 'Essential (primary) hypertension' },
  { code: 'E11.9', display: 'Type 2 diabetes mellitus without complications' },
  { code: 'E78.5', display: 'Hyperlipidemia, unspecified' },
  { code: 'N18.3', display: 'Chronic kidney disease, stage 3' },
  { code: 'D63.0', display: 'Anemia in neoplastic disease' },
  { code: 'G62.0', display: 'Drug-induced polyneuropathy' },
  { code: 'B02.9', display: 'Zoster without complications' },
  { code: 'J18.9', display: 'Pneumonia, unspecified organism' },
  { code: 'I48.91', display: 'Unspecified atrial fibrillation' },
  { code: 'E03.9', display: 'Hypothyroidism, unspecified' },
  { code: 'K21.9', display: 'Gastro-esophageal reflux disease without esophagitis' },
  { code: 'M81.0', display: 'Age-related osteoporosis without current pathological fracture' },
  { code: 'F32.9', display: 'Major depressive disorder, single episode, unspecified' },
  { code: 'I26.99', display: 'Other pulmonary embolism without acute cor pulmonale' },
];

/** Imaging a myeloma patient collects over the years; the reports conclude with no finding. */
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

function concept(system: string, code: string, display: string, text?: string) {
  return { coding: [{ system, code, display }], ...(text ? { text } : {}) };
}

function day(now: Date, daysAgo: number): string {
  return new Date(now.getTime() - daysAgo * DAY_MS).toISOString().slice(0, 10);
}

function instant(now: Date, daysAgo: number): string {
  return `${day(now, daysAgo)}T08:40:00Z`;
}

function condition(
  patientId: string,
  id: string,
  fields: {
    code: { system: string; code: string; display: string };
    text?: string;
    clinical?: string;
    onset: string;
    abatement?: string;
    bodySite?: { code: string; display: string };
    evidence?: string;
  },
): fhir4.Condition {
  return {
    resourceType: 'Condition',
    id,
    clinicalStatus: concept(CLINICAL, fields.clinical ?? 'active', fields.clinical ?? 'active'),
    verificationStatus: concept(VERIFICATION, 'confirmed', 'Confirmed'),
    category: [concept(CATEGORY, 'problem-list-item', 'Problem List Item')],
    code: concept(fields.code.system, fields.code.code, fields.code.display, fields.text),
    ...(fields.bodySite
      ? {
          bodySite: [
            concept(SNOMED, fields.bodySite.code, fields.bodySite.display, fields.bodySite.display),
          ],
        }
      : {}),
    subject: { reference: `Patient/${patientId}` },
    onsetDateTime: fields.onset,
    recordedDate: fields.onset,
    ...(fields.abatement ? { abatementDateTime: fields.abatement } : {}),
    ...(fields.evidence ? { evidence: [{ detail: [{ reference: fields.evidence }] }] } : {}),
  };
}

/** An unrelated Condition (hypertension, diabetes, …) for the patient: the n-th of a cycle. */
export function unrelatedCondition(
  patientId: string,
  id: string,
  n: number,
  now: Date,
): fhir4.Condition {
  const kind = UNRELATED[n % UNRELATED.length] ?? UNRELATED[0];
  if (!kind) throw new Error('no unrelated conditions defined');
  const daysAgo = 30 + ((n * 37) % 3000);
  const resolved = n % 3 === 2;
  return condition(patientId, id, {
    code: { system: ICD10, ...kind },
    clinical: resolved ? 'resolved' : 'active',
    onset: day(now, daysAgo),
    ...(resolved ? { abatement: day(now, Math.max(1, daysAgo - 20)) } : {}),
  });
}

function imagingStudy(
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

function imagingReport(
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

function hashOf(text: string): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash;
}

/**
 * `size` resources for patient `patientId` (at least 10): the Patient, the myeloma
 * Condition, three plasmacytoma findings and the PET/CT they cite, then unrelated
 * Conditions (about 40 %) and imaging studies each with its report (about 30 % each),
 * dated over the eight years before `now`.
 */
export function syntheticPatient(patientId: string, size: number, now: Date): fhir4.Resource[] {
  if (size < 10) throw new Error('a synthetic patient needs at least 10 resources');
  const id = (suffix: string) => `${patientId}-${suffix}`.slice(0, 64);
  const patient: fhir4.Patient = {
    resourceType: 'Patient',
    id: patientId,
    identifier: [{ system: 'http://hospital.example.org/mrn', value: `MRN-${patientId}` }],
    active: true,
    name: [{ use: 'official', family: 'Synthetic', given: ['Bench'] }],
    gender: 'female',
    birthDate: '1958-03-02',
  };
  const latestPet = imagingStudy(patientId, id('pet-latest'), 0, instant(now, 20));
  const latestReport = imagingReport(patientId, id('pet-latest-report'), latestPet, 0, {
    code: 'C90.20',
    display: 'Extramedullary plasmacytoma not having achieved remission',
  });
  const oldPet = imagingStudy(patientId, id('pet-old'), 0, instant(now, 1400));
  const core: fhir4.Resource[] = [
    patient,
    condition(patientId, id('mm'), {
      code: { system: SNOMED, code: '109989006', display: 'Multiple myeloma (disorder)' },
      text: 'Multiple myeloma',
      clinical: 'recurrence',
      onset: day(now, 2900),
    }),
    latestPet,
    latestReport,
    oldPet,
    condition(patientId, id('pc-liver'), {
      code: {
        system: ICD10,
        code: 'C90.20',
        display: 'Extramedullary plasmacytoma not having achieved remission',
      },
      text: 'Extramedullary plasmacytoma of liver',
      onset: day(now, 20),
      bodySite: { code: '10200004', display: 'Liver structure' },
      evidence: `DiagnosticReport/${latestReport.id ?? ''}`,
    }),
    condition(patientId, id('pc-spine'), {
      code: {
        system: ICD10,
        code: 'C90.20',
        display: 'Extramedullary plasmacytoma not having achieved remission',
      },
      text: 'Paraskeletal plasmacytoma at T7',
      onset: day(now, 20),
      bodySite: { code: '122495006', display: 'Thoracic spine structure' },
      evidence: `ImagingStudy/${latestPet.id ?? ''}`,
    }),
    condition(patientId, id('pc-skin'), {
      code: {
        system: ICD10,
        code: 'C90.20',
        display: 'Extramedullary plasmacytoma not having achieved remission',
      },
      text: 'Cutaneous plasmacytoma, resolved',
      clinical: 'resolved',
      onset: day(now, 1400),
      abatement: day(now, 1200),
      bodySite: { code: '39937001', display: 'Skin structure' },
      evidence: `ImagingStudy/${oldPet.id ?? ''}`,
    }),
  ];
  const resources = [...core];
  // Then a repeating cycle of 4 unrelated Conditions and 3 studies with their reports.
  for (let n = 0; resources.length < size; n += 1) {
    if (n % 7 < 4 || resources.length === size - 1) {
      resources.push(unrelatedCondition(patientId, id(`c${String(n)}`), n, now));
    } else {
      const daysAgo = 40 + ((n * 13) % 2900);
      const study = imagingStudy(patientId, id(`is${String(n)}`), n, instant(now, daysAgo));
      resources.push(study, imagingReport(patientId, id(`is${String(n)}-report`), study, n));
    }
  }
  return resources.slice(0, size);
}

/** The resources as the patient-view prefetch templates would return them (searchset Bundles). */
export function patientViewPrefetch(
  patientId: string,
  resources: readonly fhir4.Resource[],
): Record<string, fhir4.Resource | null> {
  const ofType = (type: string) => resources.filter((r) => r.resourceType === type);
  return {
    patient: resources.find((r) => r.resourceType === 'Patient' && r.id === patientId) ?? null,
    conditions: searchset(ofType('Condition')),
    imagingStudies: searchset(ofType('ImagingStudy')),
    imagingReports: searchset(ofType('DiagnosticReport')),
  };
}

export function searchset(resources: readonly fhir4.Resource[]): fhir4.Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    entry: resources.map((resource) => ({
      fullUrl: `${resource.resourceType}/${resource.id ?? ''}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}

/** Transaction Bundles of at most `chunk` PUTs each (Medplum caps updates per transaction). */
export function transactionChunks(
  resources: readonly fhir4.Resource[],
  chunk = 50,
): fhir4.Bundle[] {
  const bundles: fhir4.Bundle[] = [];
  for (let start = 0; start < resources.length; start += chunk) {
    bundles.push({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: resources.slice(start, start + chunk).map((resource) => ({
        resource,
        request: { method: 'PUT', url: `${resource.resourceType}/${resource.id ?? ''}` },
      })),
    });
  }
  return bundles;
}
