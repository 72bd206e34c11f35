/**
 * Status words that contradict each other (rules page §2 "Status", §6: never a warning or
 * critical from resolved, refuted or entered-in-error data, whatever the configuration says).
 * A word in a list that keeps a Condition or a text current ("ongoing" in
 * `statusWords.notAbated`, "recurrent" in `textOnlyContext.current`) that is also a word that
 * makes it past or void turns that word around: `notAbated: [resolved]` read a brain
 * plasmacytoma with `abatementString: "resolved"` as not abated, and raised a critical card
 * (probe 8, H123). Each list is compared with the site's and the shipped opposite lists, as
 * the readers compare words, so that a word moved from one list to the other is found too.
 */
import { normaliseStatusText } from '../rules/status-words.js';
import { hasCurrentWord } from '../rules/text-context.js';
import { DEFAULTS } from './defaults.js';

interface StatusLists {
  history: readonly string[];
  ignored: readonly string[];
  notAbated: readonly string[];
}
interface ContextLists {
  historyBefore: readonly string[];
  historyAfter: readonly string[];
  current: readonly string[];
}

export interface ListConflict {
  path: (string | number)[];
  message: string;
}

/** Which of `lists` (the site's, then the shipped) holds `word` as `same` compares, if any. */
function foundIn(
  word: string,
  lists: readonly { name: string; words: readonly string[] }[],
  same: (a: string, b: string) => boolean,
): string | undefined {
  return lists.find(({ words }) => words.some((other) => same(word, other)))?.name;
}

const sameStatusWord = (a: string, b: string) => normaliseStatusText(a) === normaliseStatusText(b);

/** Both sides: the site's list, and the shipped one when the site replaced it. */
function bothSides(key: string, site: readonly string[], shipped: readonly string[]) {
  return [
    { name: key, words: site },
    { name: `${key} (shipped)`, words: shipped },
  ];
}

export function statusWordConflicts(
  statusWords: StatusLists,
  context: ContextLists,
): ListConflict[] {
  const shipped = DEFAULTS.statusWords;
  const conflicts: ListConflict[] = [];
  const pastOrVoid = [
    ...bothSides('statusWords.history', statusWords.history, shipped.history),
    ...bothSides('statusWords.ignored', statusWords.ignored, shipped.ignored),
  ];
  statusWords.notAbated.forEach((word, index) => {
    const list = foundIn(word, pastOrVoid, sameStatusWord);
    if (list)
      conflicts.push({
        path: ['statusWords', 'notAbated', index],
        message: `"${word}" is also a ${list} word: an abatementString "${word}" would read as not abated, and a Condition the record says has abated as current (rules page §2 "Status", §6): remove it from notAbated`,
      });
  });
  // Ignored wins over history when a text says both; a word in both lists means two things.
  statusWords.history.forEach((word, index) => {
    if (statusWords.ignored.some((other) => sameStatusWord(word, other)))
      conflicts.push({
        path: ['statusWords', 'history', index],
        message: `"${word}" is also a statusWords.ignored word: a status word means one thing (a text saying it is read as ignored, never as history): keep it in one list`,
      });
  });
  // A history cue holding a `current` word is in every text that has the cue, so the cue
  // never makes a text-only mention past (H100): the reader's own test, on the cue's text.
  const shippedContext = DEFAULTS.textOnlyContext;
  const historyCues = [
    ...bothSides(
      'textOnlyContext.historyBefore',
      context.historyBefore,
      shippedContext.historyBefore,
    ),
    ...bothSides('textOnlyContext.historyAfter', context.historyAfter, shippedContext.historyAfter),
  ];
  context.current.forEach((word, index) => {
    // One list a word, kept across its cues: the reader's finder is made once a list (about
    // 60 ms of every start when it was made again for each cue).
    const asList = [word.toLowerCase()];
    const list = foundIn(word, historyCues, (_, cue) => hasCurrentWord(cue, asList));
    if (list)
      conflicts.push({
        path: ['textOnlyContext', 'current', index],
        message: `"${word}" is in a ${list} cue: every text with that cue holds it, so the cue would never make a mention past (rules page §2, H100): remove it from current`,
      });
  });
  return conflicts;
}
