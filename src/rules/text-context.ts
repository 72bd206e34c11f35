/**
 * Whose disease a text-only match names, and when (ConText: Harkema et al., J Biomed Inform
 * 2009;42:839, which adds "experiencer" and "historical" to NegEx): a relative's ("Family
 * history of plasmacytoma", H100), this patient's past one ("h/o plasmacytoma", 浆细胞瘤术后:
 * rules page §2, history raises no card of its own), or a suspected one ("r/o", 待排: named in
 * a coded finding's trace, H101). The cues are configured data (`textOnlyContext`), read with
 * the negation cues' look (./negation.ts): the same reach, the same scope ends.
 */
import { NO_NEGATION, type NegationCues } from './negation.js';

/** The configured cues, as plain data (`textOnlyContext`). */
export interface ContextSource {
  familyBefore: readonly string[];
  familyAfter: readonly string[];
  historyBefore: readonly string[];
  historyAfter: readonly string[];
  hedgeBefore: readonly string[];
  hedgeAfter: readonly string[];
  /** Words anywhere in the text that keep a history cue from counting ("recurrent", 复发). */
  current: readonly string[];
}

/** The lists of `textOnlyContext`, in the order the console and docs show them. */
export const CONTEXT_LISTS = [
  'familyBefore',
  'familyAfter',
  'historyBefore',
  'historyAfter',
  'hedgeBefore',
  'hedgeAfter',
  'current',
] as const satisfies readonly (keyof ContextSource)[];
export type ContextList = (typeof CONTEXT_LISTS)[number];

export interface ContextCues {
  family: NegationCues;
  history: NegationCues;
  hedge: NegationCues;
  current: readonly string[];
}

export const NO_CONTEXT: ContextCues = {
  family: NO_NEGATION,
  history: NO_NEGATION,
  hedge: NO_NEGATION,
  current: [],
};

/** `scopeEnds`: the negation's, which end these cues' reach too ("h/o AML but plasmacytoma"). */
export function compileContextCues(
  source: ContextSource,
  scopeEnds: ReadonlySet<string>,
): ContextCues {
  const lower = (cues: readonly string[]) => cues.map((cue) => cue.trim().toLowerCase());
  const cues = (before: readonly string[], after: readonly string[]): NegationCues => ({
    before: lower(before),
    after: lower(after),
    pseudo: [],
    scopeEnds,
  });
  return {
    family: cues(source.familyBefore, source.familyAfter),
    history: cues(source.historyBefore, source.historyAfter),
    hedge: cues(source.hedgeBefore, source.hedgeAfter),
    current: lower(source.current),
  };
}

/** The cues in force, list by list, as compared (trimmed, lower case). */
export function contextLists(cues: ContextCues): Record<ContextList, string[]> {
  return {
    familyBefore: [...cues.family.before],
    familyAfter: [...cues.family.after],
    historyBefore: [...cues.history.before],
    historyAfter: [...cues.history.after],
    hedgeBefore: [...cues.hedge.before],
    hedgeAfter: [...cues.hedge.after],
    current: [...cues.current],
  };
}

/**
 * Whether one of `words` stands anywhere in the text as a whole word. Read only when a history
 * cue is found, so rarely; one pass of `indexOf` per word, linear in the text.
 */
export function hasCurrentWord(text: string, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const lower = text.toLowerCase();
  for (const word of words)
    for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + 1))
      if (isWholeWord(lower, at, at + word.length)) return true;
  return false;
}

const LATIN_WORD_CHAR = /[\p{Script=Latin}\p{Nd}]/u;
const isWholeWord = (text: string, from: number, to: number): boolean =>
  !(LATIN_WORD_CHAR.test(text.charAt(from)) && LATIN_WORD_CHAR.test(text.charAt(from - 1))) &&
  !(LATIN_WORD_CHAR.test(text.charAt(to - 1)) && LATIN_WORD_CHAR.test(text.charAt(to)));
