/**
 * Whose disease a text-only match names, and when (ConText: Harkema et al., J Biomed Inform
 * 2009;42:839, which adds "experiencer" and "historical" to NegEx): a relative's ("Family
 * history of plasmacytoma", H100), this patient's past one ("h/o plasmacytoma", 浆细胞瘤术后:
 * rules page §2, history raises no card of its own), or a suspected one ("r/o", 待排: named in
 * a coded finding's trace, H101). The cues are configured data (`textOnlyContext`), read with
 * the negation cues' look (./negation.ts): the same reach, the same scope ends.
 */
import { cuesAsCompared, NO_NEGATION, type NegationCues } from './negation.js';

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
  const cues = (before: readonly string[], after: readonly string[]): NegationCues => ({
    before: cuesAsCompared(before),
    after: cuesAsCompared(after),
    pseudo: [],
    scopeEnds,
  });
  return {
    family: cues(source.familyBefore, source.familyAfter),
    history: cues(source.historyBefore, source.historyAfter),
    hedge: cues(source.hedgeBefore, source.hedgeAfter),
    current: cuesAsCompared(source.current),
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
 * Whether one of `words` stands anywhere in the text as a whole word: where a word's first or
 * last character is a Latin letter or digit, the text's next one outward is not (a Chinese word
 * has no such edge, so it stands anywhere). One pass over the text for all the words, through a
 * tree of their characters walked from each place one may start: linear in the text times the
 * longest word, whatever the number of words. A pass of `indexOf` per word cost 2 s on 1 MB of
 * "a" with 50 one-letter words.
 */
export function hasCurrentWord(text: string, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const { tree, isFirstUnit } = wordFinder(words);
  const lower = text.toLowerCase();
  for (let from = 0; from < lower.length; from++)
    if (
      isFirstUnit[lower.charCodeAt(from)] === 1 &&
      !(isLatinWordChar(lower, from) && isLatinWordChar(lower, from - 1)) &&
      hasWholeWordFrom(lower, from, tree)
    )
      return true;
  return false;
}

/** The words by their UTF-16 units, one node a prefix; `isWord` where a word ends. */
interface WordNode {
  next: Map<number, WordNode>;
  isWord: boolean;
}

/**
 * The tree of the words, and which UTF-16 units start one (1), so that most places in a text
 * cost one array read. Made once per list of words (the settings' list is kept as long as they
 * are).
 */
interface WordFinder {
  tree: WordNode;
  isFirstUnit: Uint8Array;
}

const finders = new WeakMap<readonly string[], WordFinder>();

function wordFinder(words: readonly string[]): WordFinder {
  let finder = finders.get(words);
  if (!finder) {
    const tree = wordTree(words);
    const isFirstUnit = new Uint8Array(0x10000);
    for (const unit of tree.next.keys()) isFirstUnit[unit] = 1;
    finder = { tree, isFirstUnit };
    finders.set(words, finder);
  }
  return finder;
}

function wordTree(words: readonly string[]): WordNode {
  const root: WordNode = { next: new Map(), isWord: false };
  for (const word of words) {
    let node = root;
    for (let at = 0; at < word.length; at++) {
      const unit = word.charCodeAt(at);
      let child = node.next.get(unit);
      if (!child) {
        child = { next: new Map(), isWord: false };
        node.next.set(unit, child);
      }
      node = child;
    }
    node.isWord = true;
  }
  return root;
}

/** Whether a word of the tree starts at `from` and ends where a whole word may end. */
function hasWholeWordFrom(text: string, from: number, root: WordNode): boolean {
  let node = root;
  for (let to = from; ; to++) {
    if (node.isWord && !(isLatinWordChar(text, to - 1) && isLatinWordChar(text, to))) return true;
    const next = node.next.get(text.charCodeAt(to)); // NaN past the end: no node has it
    if (!next) return false;
    node = next;
  }
}

const LATIN_WORD_CHAR = /[\p{Script=Latin}\p{Nd}]/u;
const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
/** ASCII without the pattern: most record text is, and this runs on each of its characters. */
function isLatinWordChar(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (Number.isNaN(code)) return false; // outside the text: no character, so no word
  if (code < 0x80) return (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a ? true : isDigit(code);
  return LATIN_WORD_CHAR.test(text.charAt(at));
}
