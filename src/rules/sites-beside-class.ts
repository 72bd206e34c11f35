/**
 * The body sites a finding's class was not read from (H85): a site coded in no value set of a
 * class, or given as text only, beside one that gave the class (the skull, coded 89546000 in no
 * value set, beside the dura). Rules page §3.3.5 leaves a finding unclassified only when all its
 * sites are unknown, so the known site classes it; but §3.3.2 reads bone contact as paraskeletal
 * "even when a soft-tissue or dural site is also coded", and an unread site may be bone. The
 * class stays (an unread site must not hide a critical class); the trace and the card say which
 * site was not read, and the trace what to do.
 */
import { codeInSystem, unreadCodeOf, unreadCodeWithDisplay } from './code-words.js';
import { firstNamed } from './named-list.js';
import { feedFixNote } from './system-advice.js';
import { hasCode } from './text-only.js';
import type { Terminology } from './terminology.js';
import { inAnyRole, roleSetOf } from './value-set-roles.js';

/** The value sets whose sites make a class (§3.3 1–4); the typical-site lists make none. */
const CLASS_SITE_ROLES = roleSetOf([
  'siteLeptomeningeal',
  'siteBone',
  'boneContactQualifier',
  'siteCns',
  'siteSoftTissueOrgan',
]);

/** Named one by one up to this many; a record listing more is counted. */
const NAMED_AT_MOST = 5;

export interface SitesBesideClass {
  indexes: number[];
  /** What the trace adds after the class's reason; '' when every site was read. */
  words: string;
}

const TEXT_ONLY = 'a site given as text only';
const NONE: SitesBesideClass = Object.freeze({ indexes: [], words: '' });

export function sitesBesideClass(
  sites: readonly fhir4.CodeableConcept[],
  terminology: Terminology,
): SitesBesideClass {
  // Most findings have one site, the one that gave the class: nothing more to read.
  if (sites.length < 2) return NONE;
  const indexes: number[] = [];
  const named: string[] = [];
  sites.forEach((site, index) => {
    if (inAnyRole(terminology.rolesOf(site.coding), CLASS_SITE_ROLES)) return;
    indexes.push(index);
    named.push(siteWords(site));
  });
  if (indexes.length === 0) return NONE;
  // A class from the code (an involvement value set) with no site read rests on the code.
  const read = sites.length - indexes.length;
  const others = read === 0 ? 'its code' : read === 1 ? 'the other site' : 'the other sites';
  const textOnly = named.includes(TEXT_ONLY)
    ? ' (a site given as text only needs a code first)'
    : '';
  // H93: a site whose system no value set may name is added to none; its feed must change.
  const unreadCodings = indexes.flatMap((index) => (sites[index]?.coding ?? []).filter(hasCode));
  const feed = feedFixNote(unreadCodings.map(unreadCodeOf), terminology);
  return {
    indexes,
    words: `; not read for the class: ${firstNamed(named, NAMED_AT_MOST)}, so the class rests on ${others} only; if a site not read is bone, add its code to the bone value set (siteBone, docs/configuring.md, example a)${textOnly}: the finding would be paraskeletal (rules page §3.3.2)${feed}`,
  };
}

/**
 * A site as the trace names it: its codes with their display, as ./unread-sites.ts names them;
 * a site given as text only is not quoted (the trace copies no free text about the patient).
 */
function siteWords(site: fhir4.CodeableConcept): string {
  const codings = (site.coding ?? []).filter(hasCode);
  if (codings.length === 0) return TEXT_ONLY;
  const codes = codings.map((coding) => codeInSystem(unreadCodeWithDisplay(coding)));
  return `site ${codes.join(' / ')}, in no site value set`;
}
