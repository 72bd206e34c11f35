/**
 * The explain trace lines for recent studies read by their modality alone (H146): an MR whose
 * PACS codes the procedure in CPT (70553, MRI brain without and with contrast) and the series
 * by DICOM's Body Part Examined (`BRAIN`, `CSPINE`), or a PET/CT a RIS sends as modality CT
 * with CPT 78815. Rules page §3.4 counts a study for the brain, the spine or the whole body by a
 * procedure or series body site in that region's value set (§4: value sets decide, sites add
 * codes), so such a study covers nothing, and the card proposes the MRI or PET/CT the patient
 * has had. ./unread-study-line.ts names a study none of whose codes a value set holds (H116); a
 * modality the value sets hold (MR, CT) kept these out of it, so the trace said nothing of them.
 * Each line names the study, its codes by system and code, and the value sets a site adds them
 * to. Which codes the shipped value sets hold is the clinical team's call (§5). The trace only:
 * no card, no level, changes.
 */
import { linesAtMost } from './named-list.js';
import { codeWords, systemlessNote, writtenCodes } from './code-words.js';
import { feedFixNote } from './system-advice.js';
import type { Terminology } from './terminology.js';
import { codesOf } from './unread-study-line.js';
import type { ValueSetRole } from './value-set-roles.js';

/** A recent, available study read by its modality alone. */
export interface ModalityOnlyStudy {
  reference: string;
  study: fhir4.ImagingStudy;
  /** MR by its modality: the only studies MRI of the neuraxis counts (§3.4). */
  isMr: boolean;
}

/** Named one by one up to this many; a record holding more is counted. */
const NAMED_AT_MOST = 5;

/**
 * One line per such study a card's proposal could have counted (the first few): any for a
 * proposed PET/CT (a PET study would have covered the whole body by its modality), an MR for a
 * proposed MRI of the brain and spine.
 */
export function modalityOnlyLines(
  studies: readonly ModalityOnlyStudy[],
  proposes: { wholeBody: boolean; neuraxis: boolean },
  terminology: Terminology,
): string[] {
  const named = studies.filter(({ isMr }) => proposes.wholeBody || (proposes.neuraxis && isMr));
  return linesAtMost(
    named,
    NAMED_AT_MOST,
    ({ reference, study, isMr }) => {
      const neuraxis = proposes.neuraxis && isMr;
      const roles: ValueSetRole[] = [
        ...(proposes.wholeBody ? (['imagingPet', 'imagingWholeBody'] as const) : []),
        ...(neuraxis ? (['imagingBrain', 'imagingSpine'] as const) : []),
      ];
      const what = [
        ...(proposes.wholeBody ? ['whole-body imaging'] : []),
        ...(neuraxis ? ['MRI of the brain or spine'] : []),
      ].join(' or ');
      const head = `${reference} is available and recent, and read by its modality, but not counted as ${what}`;
      const codes = writtenCodes(codesOf(study));
      if (codes.length === 0)
        return `${head}: it has no coded procedure and no coded series body site to tell what it covers`;
      const valueSets = roles.map((role) => `${role} (${terminology.urlOf(role)})`).join(' or ');
      return `${head}: its procedure codes and series body sites (${codeWords(codes)}) are in no value set; if it is such a study, a site adds its codes to the value set of the role ${valueSets} (docs/configuring.md, example a)${systemlessNote(codes)}${feedFixNote(codes, terminology)}`;
    },
    'recent studies read by their modality alone',
  );
}
