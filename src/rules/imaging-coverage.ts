/**
 * Rules page §3.4: which recent imaging the patient already has. Only studies with status
 * `available` count, dated by `started`, within the lookback before "now".
 */
import type { PatientRecord } from './patient-record.js';
import type { CodingLike, Terminology, ValueSetRole } from './terminology.js';
import type { RuleSettings } from './types.js';
import { isWithinLookback } from './time.js';

export interface Coverage {
  isCovered: boolean;
  /** The studies that provide the coverage. */
  references: readonly string[];
}

export interface ImagingCoverage {
  /** False when imaging could not be obtained: coverage is then unknown, not absent. */
  isKnown: boolean;
  wholeBody: Coverage;
  neuraxis: Coverage;
}

export function assessImagingCoverage(
  record: PatientRecord,
  settings: RuleSettings,
  now: Date,
): ImagingCoverage {
  const { terminology } = settings;
  const recent = record.imagingStudies.filter(
    ({ resource }) =>
      resource.status === 'available' &&
      isWithinLookback(resource.started, now, settings.imagingLookbackDays),
  );

  const wholeBody = recent.filter(({ resource }) => coversWholeBody(resource, terminology));
  const brain = recent.filter(({ resource }) =>
    coversRegion(resource, 'imagingBrain', terminology, true),
  );
  const spine = recent.filter(({ resource }) =>
    coversRegion(resource, 'imagingSpine', terminology, true),
  );
  const neuraxisCovered = brain.length > 0 && spine.length > 0;

  return {
    isKnown: !record.dataGaps.has('ImagingStudy'),
    wholeBody: { isCovered: wholeBody.length > 0, references: wholeBody.map((s) => s.reference) },
    neuraxis: {
      isCovered: neuraxisCovered,
      references: neuraxisCovered ? [...new Set([...brain, ...spine].map((s) => s.reference))] : [],
    },
  };
}

function modalities(study: fhir4.ImagingStudy): CodingLike[] {
  return [...(study.modality ?? []), ...(study.series ?? []).map((s) => s.modality)];
}

function procedures(study: fhir4.ImagingStudy): CodingLike[] {
  return (study.procedureCode ?? []).flatMap((p) => p.coding ?? []);
}

/** A PET study, a whole-body procedure, or a CT/MR/PET series of the whole body. */
export function coversWholeBody(study: fhir4.ImagingStudy, terminology: Terminology): boolean {
  if (terminology.match('imagingPet', [...modalities(study), ...procedures(study)])) return true;
  if (terminology.match('imagingWholeBody', procedures(study))) return true;
  return (study.series ?? []).some(
    (series) =>
      terminology.match('imagingCrossSectionalModality', [series.modality]) !== undefined &&
      series.bodySite !== undefined &&
      terminology.match('imagingWholeBody', [series.bodySite]) !== undefined,
  );
}

/**
 * A study whose procedure, or one of whose series, covers the region (brain or spine). With
 * `mrOnly`, only MR counts: neuraxis coverage for CNS work-up means MRI (rules page §3.4).
 */
export function coversRegion(
  study: fhir4.ImagingStudy,
  region: Extract<ValueSetRole, 'imagingBrain' | 'imagingSpine'>,
  terminology: Terminology,
  mrOnly: boolean,
): boolean {
  if (mrOnly && !terminology.match('imagingMrModality', modalities(study))) return false;
  if (terminology.match(region, procedures(study))) return true;
  return (study.series ?? []).some(
    (series) =>
      (!mrOnly || terminology.match('imagingMrModality', [series.modality]) !== undefined) &&
      series.bodySite !== undefined &&
      terminology.match(region, [series.bodySite]) !== undefined,
  );
}
