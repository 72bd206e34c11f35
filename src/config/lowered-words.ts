/**
 * A lowered card's summary must say why, in the words the shipped wording of its locale uses
 * (rules page §2 "Status": a lowered card says so; docs/configuring.md §e: "a lowered card
 * that does not say so reads as a certain one"). ../cds/cards/check-kept-parts.ts asks only
 * that the lowered summary differ from the plain one, which a blank or a zero-width space in
 * `{{#lowered}}…{{/lowered}}` passes, and `loweredTag: 'reviewed'` or `statusTag: 'confirmed'`
 * says the opposite (probe 8, H125). So each summary that names the lowering is filled as a
 * card lowered for each cause (each uncertain status, of the findings and of the myeloma
 * diagnosis: what ../rules/rule-outcome.ts lowers for), and must hold that cause's word: the
 * shipped `statusTag` partial of the locale, filled for that status ("unconfirmed",
 * "provisional", "differential", "status unreadable"; 未确认, 暂定, 鉴别诊断, 状态无法读取), or
 * the broader "unconfirmed" (未确认).
 * Compared without blanks and Unicode format characters (Cf), ignoring case. A locale the
 * product does not ship has no words to ask for: only the other checks apply to it.
 */
import { filledOrUndefined } from '../cds/cards/check-kept-parts.js';
import { KEPT_PARTS } from '../cds/cards/kept-parts.js';
import type { CardView } from '../cds/cards/card-view.js';
import { statusView } from '../cds/cards/status-view.js';
import { plainSummaryView } from '../cds/cards/summary-views.js';
import { wordingSchema, type Wording, type WordingProblem } from '../cds/cards/wording.js';
import { UNCERTAIN_STATUSES, type UncertainStatus } from '../rules/uncertain-status.js';
import { RULE_IDS } from '../rules/types.js';
import { readShippedWording } from './shipped-wording.js';

type Side = 'finding' | 'myeloma';
const SIDES: readonly Side[] = ['finding', 'myeloma'];

/** Blanks and format characters (zero-width space, joiners, marks) say nothing. */
const comparable = (text: string): string => text.replace(/[\s\p{Cf}]/gu, '').toLowerCase();

const shippedWords = new Map<string, Map<UncertainStatus, string> | undefined>();

/** Each status's word as the shipped wording of `locale` says it; undefined if none shipped. */
function wordsOf(locale: string): Map<UncertainStatus, string> | undefined {
  if (shippedWords.has(locale)) return shippedWords.get(locale);
  const data = readShippedWording(locale);
  let words: Map<UncertainStatus, string> | undefined;
  if (data !== undefined) {
    const shipped = wordingSchema.parse(data);
    const tag = shipped.partials.statusTag ?? '';
    words = new Map(
      UNCERTAIN_STATUSES.flatMap((status) => {
        const word = filledOrUndefined(tag, { ...plainSummaryView(), ...statusView([status]) }, {});
        return word && comparable(word) ? [[status, word] as const] : [];
      }),
    );
  }
  shippedWords.set(locale, words);
  return words;
}

/** The card lowered one level because the `side`'s status is `status` alone. */
function loweredFor(side: Side, status: UncertainStatus): CardView {
  const uncertain = statusView([status]);
  const plain = plainSummaryView();
  return {
    ...plain,
    ...(side === 'finding' ? { findingStatus: uncertain } : { myelomaStatus: uncertain }),
    myelomaUncertain: side === 'myeloma',
    lowered: true,
    loweredFinding: side === 'finding',
    loweredMyeloma: side === 'myeloma',
    loweredBoth: false,
  };
}

const SIDE_WORDS: Readonly<Record<Side, string>> = {
  finding: 'its findings are',
  myeloma: 'the myeloma diagnosis is',
};

const saysAny = (filled: string, words: readonly (string | undefined)[]): boolean =>
  words.some((word) => word !== undefined && comparable(filled).includes(comparable(word)));

/** One problem a summary, at its path, naming each cause it leaves unsaid. */
export function loweredWordProblems(wording: Wording): WordingProblem[] {
  const words = wordsOf(wording.locale);
  if (!words) return [];
  // FHIR's hierarchy and §2: provisional and differential are kinds of unconfirmed, and an
  // unreadable status counts as unconfirmed. The shipped tag says "unconfirmed" for a mix, and
  // a file written before the tags ("{{#lowered}} (unconfirmed){{/lowered}}") still loads.
  const broader = words.get('unconfirmed');
  return RULE_IDS.flatMap((id) => {
    if (!KEPT_PARTS[id].summarySaysLowered) return [];
    const summary = wording.rules[id].summary;
    const unsaid = SIDES.flatMap((side) =>
      [...words].flatMap(([status, word]) => {
        const filled = filledOrUndefined(summary, loweredFor(side, status), wording.partials);
        if (filled === undefined || saysAny(filled, [word, broader])) return [];
        return [`${SIDE_WORDS[side]} ${status} (it must say "${word}")`];
      }),
    );
    return unsaid.length === 0
      ? []
      : [
          {
            path: ['rules', id, 'summary'],
            message: `a lowered card (${wording.locale}) does not say why when ${unsaid.join('; when ')}: rules page §2, a lowered card says so; put back {{#lowered}} ({{> loweredTag}}){{/lowered}} with the shipped loweredTag and statusTag partials`,
          },
        ];
  });
}
