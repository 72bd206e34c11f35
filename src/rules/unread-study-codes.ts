/**
 * The explain trace line for a study under review that `emd-cns-imaging-review` (rules page
 * §4) reads as covering neither brain nor spine: a study covers a region by a series body
 * site or a procedure code in the region's value set (§3.4), and a PACS that writes its head
 * MR with SNOMED CT 69536005 "Head structure", or with the DICOM body part `HEAD` and no
 * system, covers nothing the shipped value sets name (§5). A bare "does not cover brain or
 * spine" hid which codes were read; this names them, by system and code, and what a site can
 * do. Which codes the shipped value sets hold is the clinical team's call, not the trace's.
 * The trace only: no card, no level, changes.
 */
import { codeWords, systemlessNote, writtenCodes } from './code-words.js';
import { feedFixNote } from './system-advice.js';
import type { CodingLike, Terminology } from './terminology.js';

/** "ImagingStudy/… does not cover brain or spine: its series body sites (…) …". */
export function notBrainOrSpineLine(
  study: fhir4.ImagingStudy,
  reference: string,
  terminology: Terminology,
): string {
  const sites = writtenCodes(
    (study.series ?? []).flatMap((series): CodingLike[] =>
      series.bodySite ? [series.bodySite] : [],
    ),
  );
  const procedures = writtenCodes(
    (study.procedureCode ?? []).flatMap((procedure) => procedure.coding ?? []),
  );
  const head = `${reference} does not cover brain or spine${uncodedSites(study)}`;
  if (sites.length === 0 && procedures.length === 0)
    return `${head}: it has no coded series body site and no coded procedure, so nothing to match`;
  const read = [
    ...(sites.length > 0 ? [`series body sites (${codeWords(sites)})`] : []),
    ...(procedures.length > 0 ? [`procedure codes (${codeWords(procedures)})`] : []),
  ].join(' and ');
  const valueSets = `imagingBrain (${terminology.urlOf('imagingBrain')}) nor imagingSpine (${terminology.urlOf('imagingSpine')})`;
  return `${head}: its ${read} are in neither ${valueSets}; if the study covers the brain or spine, a site adds its codes to the value set of the role imagingBrain or imagingSpine (docs/configuring.md, example a)${systemlessNote([...sites, ...procedures])}${feedFixNote([...sites, ...procedures], terminology)}`;
}

/**
 * " (2 series body sites have no code: …)" when some series give a body site the rules cannot
 * read: words only, or an R5 CodeableReference (`{concept: {coding}}`) where R4 has a Coding.
 */
function uncodedSites(study: fhir4.ImagingStudy): string {
  const count = (study.series ?? []).filter(
    ({ bodySite }) => bodySite !== undefined && writtenCodes([bodySite]).length === 0,
  ).length;
  if (count === 0) return '';
  const which = count === 1 ? '1 series body site has' : `${String(count)} series body sites have`;
  return ` (${which} no code, so cannot match: words only, or not an R4 Coding)`;
}
