/**
 * A synthetic myeloma patient of any size, for the load and micro benchmarks: years of
 * unrelated Conditions, imaging studies and their reports, around a few EMD findings (an
 * active liver plasmacytoma on the latest PET/CT, an active paraskeletal thoracic-spine
 * plasmacytoma, a resolved skin plasmacytoma). Deterministic: the same size and "now"
 * always give the same resources. Fictional data only.
 */
import { condition, day, ICD10, instant, plasmacytoma, SNOMED } from './synthetic-fhir.js';
import { imagingReport, imagingStudy } from './synthetic-imaging.js';

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
    plasmacytoma(patientId, id('pc-liver'), {
      text: 'Extramedullary plasmacytoma of liver',
      site: { code: '10200004', display: 'Liver structure' },
      onset: day(now, 20),
      evidence: `DiagnosticReport/${latestReport.id ?? ''}`,
    }),
    plasmacytoma(patientId, id('pc-spine'), {
      text: 'Paraskeletal plasmacytoma at T7',
      site: { code: '122495006', display: 'Thoracic spine structure' },
      onset: day(now, 20),
      evidence: `ImagingStudy/${latestPet.id ?? ''}`,
    }),
    plasmacytoma(patientId, id('pc-skin'), {
      text: 'Cutaneous plasmacytoma, resolved',
      site: { code: '39937001', display: 'Skin structure' },
      onset: day(now, 1400),
      abatement: day(now, 1200),
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
