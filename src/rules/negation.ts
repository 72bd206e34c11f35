/**
 * H88: "No evidence of extramedullary disease", "Plasmacytoma excluded on biopsy", 无髓外病变
 * match a text-only pattern but say there is no plasmacytoma. A NegEx-style check (Chapman et
 * al., J Biomed Inform 2001;34:301) with the cues as configured data (`textOnlyNegation`), so
 * that no pattern has to grow a negation of its own:
 * - a `before` cue ends just before the match, an `after` cue starts just after it;
 * - between cue and match only blanks and at most MAX_WORDS_BETWEEN Latin words (NegEx allows
 *   five; fewer here, since a wrong exclusion hides the info card): any punctuation, a Chinese
 *   character or a `scopeEnds` word ("but") ends the cue's reach, so a Chinese cue must touch
 *   the match (无髓外病变, not 无症状髓外浆细胞瘤); a colon right after the match does not end
 *   an after-cue's reach ("Plasmacytoma: excluded"), nor does an opening bracket
 *   (浆细胞瘤（除外）); a colon right before the match is read as a label's, whose cue must
 *   touch it ("FH: plasmacytoma");
 * - a cue inside a `pseudo` phrase ("cannot be excluded", 不能排除) does not count.
 * Each look is bounded (MAX_GAP characters, the cues' own lengths), so checking every match of
 * a long text stays linear in its length. ./text-context.ts reads its family, history and hedge
 * cues with the same look.
 */
import { textAsSeen } from './text-as-seen.js';

export interface NegationCues {
  before: readonly string[];
  after: readonly string[];
  pseudo: readonly string[];
  scopeEnds: ReadonlySet<string>;
}

/** The configured cues, as plain data (`textOnlyNegation`). */
export interface NegationSource {
  before: readonly string[];
  after: readonly string[];
  pseudo: readonly string[];
  scopeEnds: readonly string[];
}

export const NO_NEGATION: NegationCues = {
  before: [],
  after: [],
  pseudo: [],
  scopeEnds: new Set(),
};

const MAX_WORDS_BETWEEN = 3;
/** Characters between a cue and the match at most: three words and their blanks fit. */
const MAX_GAP = 60;

export function compileNegationCues(source: NegationSource): NegationCues {
  return {
    before: cuesAsCompared(source.before),
    after: cuesAsCompared(source.after),
    pseudo: cuesAsCompared(source.pseudo),
    scopeEnds: new Set(cuesAsCompared(source.scopeEnds)),
  };
}

/**
 * Configured cues as they are compared: read as a text is (H150: full-width, HTML references,
 * format characters), trimmed, in lower case. The negation cues and ./text-context.ts's.
 */
export const cuesAsCompared = (cues: readonly string[]): string[] =>
  cues.map((cue) => textAsSeen(cue).trim().toLowerCase());

/** The cue that negates the match `text[start, end)`, or undefined when none does. */
export function negationCue(
  text: string,
  start: number,
  end: number,
  cues: NegationCues,
): string | undefined {
  return cueBefore(text, start, cues) ?? cueAfter(text, end, cues);
}

function cueBefore(text: string, start: number, cues: NegationCues): string | undefined {
  if (cues.before.length === 0) return undefined;
  const label = labelColonBefore(text, start);
  let at = label ?? start;
  for (let words = 0; ; words++) {
    while (at > 0 && isBlank(text, at - 1) && start - at < MAX_GAP) at--;
    for (const cue of cues.before) if (isCueAt(text, at - cue.length, cue, cues.pseudo)) return cue;
    // After a label's colon only the label itself: "History of present illness: …" is no cue.
    if (words === MAX_WORDS_BETWEEN || label !== undefined) return undefined;
    let wordStart = at;
    while (wordStart > 0 && isWordChar(text, wordStart - 1) && start - wordStart < MAX_GAP)
      wordStart--;
    if (wordStart === at || (wordStart > 0 && isWordChar(text, wordStart - 1))) return undefined;
    if (cues.scopeEnds.has(text.slice(wordStart, at).toLowerCase())) return undefined;
    at = wordStart;
  }
}

function cueAfter(text: string, end: number, cues: NegationCues): string | undefined {
  if (cues.after.length === 0) return undefined;
  let at = skipLabelColon(text, end);
  for (let words = 0; ; words++) {
    while (at < text.length && isBlank(text, at) && at - end < MAX_GAP) at++;
    for (const cue of cues.after) if (isCueAt(text, at, cue, cues.pseudo)) return cue;
    if (words === MAX_WORDS_BETWEEN) return undefined;
    let wordEnd = at;
    while (wordEnd < text.length && isWordChar(text, wordEnd) && wordEnd - end < MAX_GAP) wordEnd++;
    if (wordEnd === at || (wordEnd < text.length && isWordChar(text, wordEnd))) return undefined;
    if (cues.scopeEnds.has(text.slice(at, wordEnd).toLowerCase())) return undefined;
    at = wordEnd;
  }
}

/**
 * A problem list writes a verdict after a colon ("Plasmacytoma: excluded", 浆细胞瘤：已排除) or
 * in brackets (浆细胞瘤（除外）, "Plasmacytoma (excluded)"): one colon or opening bracket (half
 * or full width) right after the match, blanks around it, is read as a blank. Any other
 * punctuation still ends an after-cue's reach.
 */
function skipLabelColon(text: string, end: number): number {
  let at = end;
  while (at < text.length && isBlank(text, at) && at - end < MAX_GAP) at++;
  return OPENERS.includes(text.charAt(at)) ? at + 1 : end;
}

const OPENERS = [':', '：', '(', '（'];

/**
 * A label before the match ("FH: plasmacytoma", 既往史：浆细胞瘤): where one colon (half or full
 * width) stands right before it, blanks around it, the place just before the colon; else
 * undefined.
 */
function labelColonBefore(text: string, start: number): number | undefined {
  let at = start;
  while (at > 0 && isBlank(text, at - 1) && start - at < MAX_GAP) at--;
  const colon = text.charAt(at - 1);
  return colon === ':' || colon === '：' ? at - 1 : undefined;
}

/**
 * `cue` stands at `from` as a whole word (a Latin edge is not inside a word) and not inside a
 * pseudo phrase.
 */
function isCueAt(text: string, from: number, cue: string, pseudo: readonly string[]): boolean {
  const to = from + cue.length;
  if (from < 0 || to > text.length || text.slice(from, to).toLowerCase() !== cue) return false;
  if (from > 0 && isWordChar(text, from) && isWordChar(text, from - 1)) return false;
  if (to < text.length && isWordChar(text, to - 1) && isWordChar(text, to)) return false;
  return !pseudo.some((phrase) => isInside(text, from, to, phrase));
}

/** Whether an occurrence of `phrase` covers `text[from, to)`; it looks only that near. */
function isInside(text: string, from: number, to: number, phrase: string): boolean {
  const windowStart = Math.max(0, to - phrase.length);
  const near = text.slice(windowStart, from + phrase.length).toLowerCase();
  for (let i = near.indexOf(phrase); i !== -1; i = near.indexOf(phrase, i + 1))
    if (windowStart + i <= from && windowStart + i + phrase.length >= to) return true;
  return false;
}

const BLANK = /\s/u;
/** A letter of a Latin-script word (or a digit, an apostrophe, a hyphen inside it). */
const WORD_CHAR = /[\p{Script=Latin}\p{Nd}'’-]/u;
const isBlank = (text: string, at: number): boolean => BLANK.test(text.charAt(at));
const isWordChar = (text: string, at: number): boolean => WORD_CHAR.test(text.charAt(at));
