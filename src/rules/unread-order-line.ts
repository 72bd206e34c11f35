/**
 * The explain trace lines for drafts of this patient that `emd-imaging-order` (rules page §4)
 * did not read as imaging orders: "draft imaging order" is a value set (imagingOrder, §4), so
 * a PET/CT ordered under CPT 78815, a code no shipped value set holds, made no card, and a
 * bare "no draft imaging order" hid that a draft was there. Each line names the draft and its
 * codes, by system and code only (no text), and what a site can do. The trace only.
 */
import { codeWords, systemlessNote, writtenCodes } from './code-words.js';
import { codesOf } from './session-orders.js';
import { feedFixNote } from './system-advice.js';
import type { Terminology } from './terminology.js';
import type { DraftOrder } from './types.js';

/** Named one by one up to this many; an order session listing more is counted. */
const NAMED_AT_MOST = 5;

export function notImagingOrderLines(
  drafts: readonly DraftOrder[],
  terminology: Terminology,
): string[] {
  const url = terminology.urlOf('imagingOrder');
  const lines = drafts.slice(0, NAMED_AT_MOST).map((draft) => {
    const name = draft.reference ?? 'a draft ServiceRequest with neither id nor fullUrl';
    const codes = writtenCodes(codesOf(draft));
    if (codes.length === 0)
      return `${name} is a draft of this patient's with no code, so it is not read as an imaging order`;
    return `${name} is a draft of this patient's, but its codes (${codeWords(codes)}) are in no imagingOrder value set (${url}); if it orders imaging, a site adds its code to that value set or to one it includes, such as orderPetCt (docs/configuring.md, example a)${systemlessNote(codes)}${feedFixNote(codes, terminology)}`;
  });
  const more = drafts.length - NAMED_AT_MOST;
  return more > 0
    ? [...lines, `and ${String(more)} more draft(s) coded in no imagingOrder value set`]
    : lines;
}
