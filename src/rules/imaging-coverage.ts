/**
 * Rules page §3.4: which recent imaging the patient already has. Only studies with status
 * `available` count, dated by `started`, within the lookback before "now".
 */
import type { PatientRecord } from './patient-record.js';
import type { Terminology } from './terminology.js';
import type { ValueSetRole } from './value-set-roles.js';
import type { RuleSettings } from './types.js';
import { isSurelyWithinLookback } from './time.js';
import { resourceStatus } from './resource-status.js';
import {
  hasModalityIn,
  hasNoCodeRead,
  isReadByModality,
  type UnreadStudy,
} from './unread-study-line.js';
import type { ModalityOnlyStudy } from './modality-only-line.js';
import { isWholeBodyByOtherModality, type OtherModalityStudy } from './other-modality-line.js';

export interface Coverage {
  isCovered: boolean;
  /** The studies that provide the coverage. */
  references: readonly string[];
  /**
   * When not covered: the available studies with no `started` that would have covered it (or,
   * for the neuraxis, its brain or its spine). Not counted (§3.4: "dated by `started`"), so the
   * card's "none in the last N days" names them rather than hide them.
   */
  undated: readonly string[];
}

/** An available study with no `started`: not counted as recent, and what it would cover. */
export interface UndatedStudy {
  reference: string;
  study: fhir4.ImagingStudy;
  wholeBody: boolean;
  brain: boolean;
  spine: boolean;
}

export interface ImagingCoverage {
  /** False when imaging could not be obtained: coverage is then unknown, not absent. */
  isKnown: boolean;
  wholeBody: Coverage;
  neuraxis: Coverage;
  /** Available studies with no `started` that cover the whole body, the brain or the spine. */
  undated: readonly UndatedStudy[];
  /**
   * When a region is not covered: the recent available studies none of whose codes a value set
   * holds (CPT 78815 alone, say), which the trace names (./unread-study-line.ts).
   */
  unread: readonly UnreadStudy[];
  /**
   * When a region is not covered: the recent available studies read by their modality alone
   * (an MR coded only in CPT), which the trace names too (./modality-only-line.ts, H146).
   */
  modalityOnly: readonly ModalityOnlyStudy[];
  /**
   * When a region is not covered: the recent available studies of it by a modality that does
   * not count there (a whole-body NM bone scan, a CT head), which the trace names (H154).
   * Worked out when first asked, by a card that proposes imaging: most calls never ask.
   */
  otherModality: () => readonly OtherModalityStudy[];
}

export function assessImagingCoverage(
  record: PatientRecord,
  settings: RuleSettings,
  now: Date,
): ImagingCoverage {
  const { terminology } = settings;
  const recent = record.imagingStudies.filter(
    ({ resource }) =>
      resourceStatus(resource.status) === 'available' &&
      isSurelyWithinLookback(resource.started, now, settings.imagingLookbackDays),
  );

  const wholeBody = recent.filter(({ resource }) => coversWholeBody(resource, terminology));
  const brain = recent.filter(({ resource }) =>
    coversRegion(resource, 'imagingBrain', terminology, { modality: 'mr-only' }),
  );
  const spine = recent.filter(({ resource }) =>
    coversRegion(resource, 'imagingSpine', terminology, { modality: 'mr-only' }),
  );
  const neuraxisCovered = brain.length > 0 && spine.length > 0;
  const wholeBodyCovered = wholeBody.length > 0;
  // Only when a region is not covered does an undated study matter; most records have none.
  const allCovered = wholeBodyCovered && neuraxisCovered;
  const undated = allCovered ? [] : undatedStudies(record.imagingStudies, terminology);
  // The recent studies none of whose procedure codes and series body sites a value set holds:
  // read by their modality alone (H146), or not read at all (H116). The trace names both.
  const unread: typeof recent = [];
  const modalityOnly: typeof recent = [];
  const read: typeof recent = [];
  if (!allCovered)
    for (const study of recent)
      if (!hasNoCodeRead(study.resource, terminology)) read.push(study);
      else (isReadByModality(study.resource, terminology) ? modalityOnly : unread).push(study);
  // And those of a region by a modality that does not count there (H154): their site is read.
  let otherModality: OtherModalityStudy[] | undefined;
  const otherModalityOf = (): OtherModalityStudy[] => {
    if (otherModality) return otherModality;
    const byMr = new Set([...brain, ...spine].map((s) => s.reference));
    otherModality = read.flatMap(({ reference, resource }) => {
      const other = {
        wholeBody: !wholeBodyCovered && isWholeBodyByOtherModality(resource, terminology),
        neuraxis: !neuraxisCovered && !byMr.has(reference) && isNeuraxis(resource, terminology),
      };
      return other.wholeBody || other.neuraxis ? [{ reference, study: resource, ...other }] : [];
    });
    return otherModality;
  };

  return {
    isKnown: !record.dataGaps.has('ImagingStudy'),
    wholeBody: {
      isCovered: wholeBodyCovered,
      references: wholeBody.map((s) => s.reference),
      undated: wholeBodyCovered ? [] : undated.filter((u) => u.wholeBody).map((u) => u.reference),
    },
    neuraxis: {
      isCovered: neuraxisCovered,
      references: neuraxisCovered ? [...new Set([...brain, ...spine].map((s) => s.reference))] : [],
      undated: neuraxisCovered
        ? []
        : undated.filter((u) => u.brain || u.spine).map((u) => u.reference),
    },
    undated,
    unread: unread.map(({ reference, resource }) => ({ reference, study: resource })),
    modalityOnly: modalityOnly.map(({ reference, resource }) => ({
      reference,
      study: resource,
      isMr: hasModalityIn(resource, 'imagingMrModality', terminology),
    })),
    otherModality: otherModalityOf,
  };
}

/**
 * Of the brain or the spine by any modality (its procedure or a series body site); asked of a
 * study MR coverage did not count, so it is of the region by another modality.
 */
function isNeuraxis(study: fhir4.ImagingStudy, terminology: Terminology): boolean {
  return (
    coversRegion(study, 'imagingBrain', terminology, { modality: 'any' }) ||
    coversRegion(study, 'imagingSpine', terminology, { modality: 'any' })
  );
}

function undatedStudies(
  studies: PatientRecord['imagingStudies'],
  terminology: Terminology,
): UndatedStudy[] {
  const undated: UndatedStudy[] = [];
  for (const { reference, resource: study } of studies) {
    if (resourceStatus(study.status) !== 'available' || isDated(study.started)) continue;
    const covers = {
      wholeBody: coversWholeBody(study, terminology),
      brain: coversRegion(study, 'imagingBrain', terminology, { modality: 'mr-only' }),
      spine: coversRegion(study, 'imagingSpine', terminology, { modality: 'mr-only' }),
    };
    if (covers.wholeBody || covers.brain || covers.spine)
      undated.push({ reference, study, ...covers });
  }
  return undated;
}

/** A `started` that says something: absent or blank is no date (a bad date is another matter). */
export const isDated = (value: string | undefined): value is string =>
  typeof value === 'string' && value.trim() !== '';

/** Whether a coding of one of the study's procedure codes is in the value set. */
function hasProcedureIn(study: fhir4.ImagingStudy, role: ValueSetRole, terminology: Terminology) {
  for (const procedure of study.procedureCode ?? [])
    if (terminology.match(role, procedure.coding)) return true;
  return false;
}

// Loops over the study's codings rather than arrays of them: every recent study of a long
// record passes here three times (docs/performance-log.md §14).

/** A PET study, a whole-body procedure, or a CT/MR/PET series of the whole body. */
export function coversWholeBody(study: fhir4.ImagingStudy, terminology: Terminology): boolean {
  if (hasModalityIn(study, 'imagingPet', terminology)) return true;
  if (hasProcedureIn(study, 'imagingPet', terminology)) return true;
  if (hasProcedureIn(study, 'imagingWholeBody', terminology)) return true;
  return (study.series ?? []).some(
    (series) =>
      terminology.holdsModality('imagingCrossSectionalModality', series.modality) &&
      terminology.holds('imagingWholeBody', series.bodySite),
  );
}

/** The MRI order value set of each region: its procedures are MR by definition. */
const MRI_ORDER_OF = {
  imagingBrain: 'orderMriBrain',
  imagingSpine: 'orderMriSpine',
} as const satisfies Record<string, ValueSetRole>;

/**
 * A study whose procedure, or one of whose series, covers the region (brain or spine). With
 * `modality: 'mr-only'`, only MR counts: neuraxis coverage for CNS work-up means MRI (rules
 * page §3.4). A study is MR by a modality, or by a procedure in the region's MRI order value
 * set (LOINC 24590-2 "MR Brain"): an EHR may send the procedure and no modality. With
 * `modality: 'any'`, a study of the region by any modality counts (the study under review).
 */
export function coversRegion(
  study: fhir4.ImagingStudy,
  region: Extract<ValueSetRole, 'imagingBrain' | 'imagingSpine'>,
  terminology: Terminology,
  { modality }: { modality: 'mr-only' | 'any' },
): boolean {
  const mrOnly = modality === 'mr-only';
  if (mrOnly && hasProcedureIn(study, MRI_ORDER_OF[region], terminology)) return true;
  if (mrOnly && !hasModalityIn(study, 'imagingMrModality', terminology)) return false;
  if (hasProcedureIn(study, region, terminology)) return true;
  return (study.series ?? []).some(
    (series) =>
      (!mrOnly || terminology.holdsModality('imagingMrModality', series.modality)) &&
      terminology.holds(region, series.bodySite),
  );
}
