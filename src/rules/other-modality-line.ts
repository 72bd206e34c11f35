/**
 * The explain trace lines for recent studies of a region by a modality that does not count
 * there (H154). Rules page §3.4 counts the whole body covered by PET, or by a CT, MR or PET
 * series of the whole body (the `imagingCrossSectionalModality` role: a skeletal survey shows
 * no soft-tissue EMD), and the neuraxis by MR only. §5 lists the DICOM modality NM among the
 * imaging codes but §3.4 gives it no role, and the shipped value sets hold it nowhere: a
 * whole-body NM study is most often a bone scan. So a whole-body NM study (or one a PACS that
 * labels PET as NM sends), a whole-body CR or DX survey, or a CT of the brain or spine covers
 * nothing, rightly by the page's letter; but its site is in a value set, so neither
 * ./unread-study-line.ts (H116) nor ./modality-only-line.ts (H146) named it, and the card
 * proposed the PET/CT or MRI with no word of it. The trace only: no card, no level, changes.
 */
import { linesAtMost } from './named-list.js';
import { modalitiesOf } from './unread-study-line.js';
import { writtenCodes } from './code-words.js';
import type { Terminology } from './terminology.js';

/** A recent, available study of a region whose modality does not count for that region. */
export interface OtherModalityStudy {
  reference: string;
  study: fhir4.ImagingStudy;
  /** Of the whole body by a series body site, in no modality that counts for it. */
  wholeBody: boolean;
  /** Of the brain or the spine by any modality, and not MR. */
  neuraxis: boolean;
}

/** Named one by one up to this many; a record holding more is counted. */
const NAMED_AT_MOST = 5;

/**
 * Whether the study has a series of the whole body (its body site in `imagingWholeBody`) whose
 * modality is not one whole-body coverage counts. Asked only of a study that does not cover the
 * whole body.
 */
export function isWholeBodyByOtherModality(
  study: fhir4.ImagingStudy,
  terminology: Terminology,
): boolean {
  return (study.series ?? []).some(
    (series) =>
      terminology.holds('imagingWholeBody', series.bodySite) &&
      !terminology.holdsModality('imagingCrossSectionalModality', series.modality),
  );
}

/**
 * One line per such study the card's proposal could have counted (the first few): a study of
 * the whole body for a proposed PET/CT, one of the brain or spine for a proposed MRI.
 */
export function otherModalityLines(
  studies: readonly OtherModalityStudy[],
  proposes: { wholeBody: boolean; neuraxis: boolean },
): string[] {
  const named = studies.filter(
    (s) => (proposes.wholeBody && s.wholeBody) || (proposes.neuraxis && s.neuraxis),
  );
  return linesAtMost(
    named,
    NAMED_AT_MOST,
    ({ reference, study, wholeBody, neuraxis }) => {
      const modalities = writtenModalities(study);
      const reasons = [
        ...(proposes.wholeBody && wholeBody
          ? [
              `not as whole-body imaging, which is PET or a CT, MR or PET series of the whole body (rules page §3.4; role imagingCrossSectionalModality); if it is a PET sent as another modality, a site adds its procedure code to the role imagingPet (docs/configuring.md, example a)`,
            ]
          : []),
        ...(proposes.neuraxis && neuraxis
          ? [`not as MRI of the brain or spine, which is MR only (rules page §3.4)`]
          : []),
      ];
      return `${reference} is available and recent, of a region the card's proposal covers, but its modality (${modalities}) does not count: ${reasons.join('; and ')}`;
    },
    'recent studies of a modality that does not count',
  );
}

/** The study's modalities as written (`NM`, `CT`), or a word when it sends none. */
function writtenModalities(study: fhir4.ImagingStudy): string {
  const codes = [...new Set(writtenCodes(modalitiesOf(study)).map(({ code }) => code))];
  return codes.length === 0 ? 'none given' : codes.join(', ');
}
