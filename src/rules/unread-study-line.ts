/**
 * The explain trace lines for recent studies the rules could read nothing of (rules page §3.4):
 * "PET", "whole-body" and "covers brain / spine" are value sets (§4), so a PET/CT coded only
 * under CPT 78815 or a local code, with no modality the value sets hold, counted as nothing
 * and the card proposed a PET/CT with no word of the study. Each line names the study and its
 * codes, by system and code only (no text), and the value sets a site adds them to, as
 * ./unread-order-line.ts does for draft orders. The trace only: no card, no level, changes.
 */
import { linesAtMost } from './named-list.js';
import { codeWords, systemlessNote, writtenCodes } from './code-words.js';
import { feedFixNote } from './system-advice.js';
import type { CodingLike, Terminology } from './terminology.js';
import type { ValueSetRole } from './value-set-roles.js';

/** A recent, available study none of whose codes any value set holds. */
export interface UnreadStudy {
  reference: string;
  study: fhir4.ImagingStudy;
}

/** The modality value sets: a study with a modality one of them holds was read. */
export const MODALITY_ROLES = [
  'imagingPet',
  'imagingCrossSectionalModality',
  'imagingMrModality',
] as const satisfies readonly ValueSetRole[];

/** Named one by one up to this many; a record holding more is counted. */
const NAMED_AT_MOST = 5;

/** The study's modalities and its series'. */
export function modalitiesOf(study: fhir4.ImagingStudy): CodingLike[] {
  return [
    ...(study.modality ?? []),
    // R4 requires a series' modality (1..1); a feed may still leave it out.
    ...(study.series ?? [])
      .map((series) => series.modality as CodingLike | undefined)
      .filter((modality) => modality !== undefined),
  ];
}

/** Its procedure codes and series body sites: what tells what a study covers. */
export function codesOf(study: fhir4.ImagingStudy): CodingLike[] {
  return [
    ...(study.procedureCode ?? []).flatMap((procedure) => procedure.coding ?? []),
    ...(study.series ?? []).flatMap((series) => (series.bodySite ? [series.bodySite] : [])),
  ];
}

/** True when no value set holds any procedure code or series body site of the study. */
export function hasNoCodeRead(study: fhir4.ImagingStudy, terminology: Terminology): boolean {
  return terminology.rolesOf(codesOf(study)) === 0;
}

/**
 * Whether a modality of the study, or of one of its series, is in the role's value set; one
 * with no system, or spelled as DICOM writes it, is read (H98, H116).
 */
export function hasModalityIn(
  study: fhir4.ImagingStudy,
  role: ValueSetRole,
  terminology: Terminology,
): boolean {
  for (const modality of study.modality ?? [])
    if (terminology.holdsModality(role, modality)) return true;
  for (const series of study.series ?? [])
    if (terminology.holdsModality(role, series.modality)) return true;
  return false;
}

/** Whether a modality value set holds a modality of the study: it was read by its modality. */
export const isReadByModality = (study: fhir4.ImagingStudy, terminology: Terminology): boolean =>
  MODALITY_ROLES.some((role) => hasModalityIn(study, role, terminology));

/**
 * One line per unread study (the first few), naming what a site adds its codes to: the PET
 * or whole-body value sets where the card proposes whole-body imaging, the brain or spine ones
 * where it proposes MRI of the neuraxis.
 */
export function unreadStudyLines(
  studies: readonly UnreadStudy[],
  proposes: { wholeBody: boolean; neuraxis: boolean },
  terminology: Terminology,
): string[] {
  const roles: ValueSetRole[] = [
    ...(proposes.wholeBody ? (['imagingPet', 'imagingWholeBody'] as const) : []),
    ...(proposes.neuraxis ? (['imagingBrain', 'imagingSpine'] as const) : []),
  ];
  if (roles.length === 0) return [];
  const valueSets = roles.map((role) => `${role} (${terminology.urlOf(role)})`).join(' or ');
  return linesAtMost(
    studies,
    NAMED_AT_MOST,
    ({ reference, study }) => {
      const codes = writtenCodes([...codesOf(study), ...modalitiesOf(study)]);
      const head = `${reference} is available and recent, but not counted as imaging of any kind`;
      if (codes.length === 0) return `${head}: it has no coded procedure and no modality`;
      return `${head}: its codes (${codeWords(codes)}) are in no value set; if it is such a study, a site adds its procedure code to the value set of the role ${valueSets} (docs/configuring.md, example a)${systemlessNote(codes)}${feedFixNote(codes, terminology)}`;
    },
    'recent studies whose codes are in no value set',
  );
}
