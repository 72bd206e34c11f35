/**
 * Condition statuses given as text (rules page §2 "Status"): a status with only text, or coded
 * in a system we do not know, is read against the configured `statusWords`, and only ever
 * towards history or ignored, never towards a card. The words are compared whole, after
 * normalising case, width, separators and end punctuation; the texts of real exports repeat,
 * so each is normalised once. ./condition-status.ts reads the standard codes and asks here
 * what an element's words say. One list reads the other way: an abatementString that is a
 * `notAbated` word is no abatement (H96, ./abatement.ts), since the record itself says the
 * Condition has not abated; it is then read by its clinicalStatus, which words never raise.
 */
import { boundedMemo } from './bounded-memo.js';
import { withoutTrailing } from './text-end.js';

/** Words (normalised by `normaliseStatusText`) that a text status may be read as. */
export interface StatusWords {
  /** Read as history (clinicalStatus inactive / remission / resolved). */
  history: ReadonlySet<string>;
  /** Read as refuted / entered in error: the Condition is ignored. */
  ignored: ReadonlySet<string>;
  /** An abatementString that is one of these says it has not abated: no abatement (H96). */
  notAbated: ReadonlySet<string>;
}

/** What a status element's words may say: it is history, or the Condition is to be ignored. */
export type StatusWord = 'history' | 'ignored';

/** Case, width, separators and end punctuation do not matter: "Entered-in-error." = "entered in error". */
export function normaliseStatusText(text: string): string {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_]+/gu, ' ');
  return withoutTrailing(words, isEndPunctuation).trim();
}

// After NFKC, full-width `！` is `!`; `。` stays. Blanks are single spaces by then.
const END_PUNCTUATION = new Set([' ', '.', '。', '!', '！'].map((c) => c.charCodeAt(0)));
const isEndPunctuation = (code: number): boolean => END_PUNCTUATION.has(code);

export function compileStatusWords(words: {
  history: readonly string[];
  ignored: readonly string[];
  notAbated: readonly string[];
}): StatusWords {
  return {
    history: new Set(words.history.map(normaliseStatusText)),
    ignored: new Set(words.ignored.map(normaliseStatusText)),
    notAbated: new Set(words.notAbated.map(normaliseStatusText)),
  };
}

/**
 * The `notAbated` word an abatementString is, as compared (normalised), or undefined: H96, an
 * abatementString such as "ongoing" or 持续 says the Condition has NOT abated. Compared whole,
 * as the status words are: "ongoing until 2019" is no such word, and stays an abatement.
 */
export function notAbatedWordOf(text: unknown, words: StatusWords): string | undefined {
  if (typeof text !== 'string' || words.notAbated.size === 0) return undefined;
  const normalised = normalisedOnce(text);
  return words.notAbated.has(normalised) ? normalised : undefined;
}

/**
 * What an element's text, and its codings' displays and codes, say by the configured words.
 * "ignored" wins over "history", wherever each is said. One pass over the texts with no array
 * built: it runs for both status elements of every Condition read, and building arrays of the
 * texts first cost a typical call several percent of its rules (issue #15).
 */
export function readWords(
  text: unknown,
  codings: readonly fhir4.Coding[],
  words: StatusWords,
): StatusWord | undefined {
  // Each text read in turn; one that says a word replaces what was said before, which can only
  // raise it (nothing → history → ignored); the first "ignored" is the answer.
  let said = wordOf(text, words);
  for (const coding of codings) {
    if (said === 'ignored') break;
    said = wordOf(coding.display, words) ?? said;
    if (said === 'ignored') break;
    said = wordOf(coding.code, words) ?? said;
  }
  return said;
}

/** What one text says: a word of the ignored list, of the history list, or neither. */
function wordOf(value: unknown, words: StatusWords): StatusWord | undefined {
  if (typeof value !== 'string') return undefined;
  const normalised = normalisedOnce(value);
  if (words.ignored.has(normalised)) return 'ignored';
  return words.history.has(normalised) ? 'history' : undefined;
}

/**
 * normaliseStatusText, remembered: every status element of every finding and myeloma
 * Condition is read for words, and exports repeat a handful of texts ("Active",
 * "Confirmed"). Bounded in number and length, since the texts are request data.
 */
const normalisedOnce = boundedMemo(1024, normaliseStatusText);
