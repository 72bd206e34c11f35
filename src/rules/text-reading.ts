/**
 * How a text reads where the text-only patterns match it (rules page §2 "Text only"). The
 * matches of every pattern are gathered, and those that overlap, touch or stand apart by
 * blanks only are read as one span: 未见髓外浆细胞瘤 is one span, 髓外浆细胞瘤, whose cue
 * touches its first match only (H99). Each span is then read for a negation (H88), a relative's
 * or past disease (H100) and a hedge (H101): ./negation.ts and ./text-context.ts.
 */
import { boundedMemo } from './bounded-memo.js';
import { negationCue } from './negation.js';
import { originalTextOf } from './original-text.js';
import { hasCurrentWord, NO_CONTEXT } from './text-context.js';
import { textAsSeen } from './text-as-seen.js';
import type { RuleSettings } from './types.js';

/** What reading a text needs; without `textOnlyContext` only negation is read. */
export type TextSettings = Pick<RuleSettings, 'textOnlyPatterns' | 'textOnlyNegation'> &
  Partial<Pick<RuleSettings, 'textOnlyContext'>>;

/**
 * The text that matched a pattern. At most one of `negatedBy`, `familyBy`, `historyBy` is set:
 * when no span of it is a current mention, the first span's reading and its cue.
 */
export interface PatternHit {
  text: string;
  /** Every span says there is none (H88). */
  negatedBy?: string;
  /** A relative's disease, not this patient's (H100). */
  familyBy?: string;
  /** This patient's past disease, and no `current` word in the text (H100). */
  historyBy?: string;
  /** A current span reads as suspected ("r/o", 待排): for a coded finding's trace (H101). */
  hedgedBy?: string;
  /** The text is the code's originalText extension, `code.text` being absent (H143). */
  fromOriginalText?: true;
}

type Reading = Omit<PatternHit, 'text' | 'fromOriginalText'>;

/**
 * The code's text (else its originalText extension's, H143), else the first coding display,
 * that holds a current mention; failing that, the first that matches, with its reading. Loops
 * rather than arrays: it runs on every Condition that is not a finding, thousands in a long
 * record.
 */
export function patternHit(
  code: fhir4.CodeableConcept | undefined,
  settings: TextSettings,
): PatternHit | undefined {
  // The originalText extension says what code.text says (./original-text.ts): read where
  // code.text is absent, and said so.
  const ownText = code?.text;
  const original = ownText ? undefined : originalTextOf(code);
  const text = ownText || original;
  const read = text ? readText(text, settings) : undefined;
  const from = original === undefined ? NOT_FROM_ORIGINAL : FROM_ORIGINAL;
  if (text && read && isCurrent(read)) return { text, ...read, ...from };
  let notCurrent: PatternHit | undefined = text && read ? { text, ...read, ...from } : undefined;
  for (const coding of code?.coding ?? []) {
    const display = coding.display;
    if (!display) continue;
    const reading = readText(display, settings);
    if (reading && isCurrent(reading)) return { text: display, ...reading };
    if (reading) notCurrent ??= { text: display, ...reading };
  }
  return notCurrent;
}

const FROM_ORIGINAL: Pick<PatternHit, 'fromOriginalText'> = Object.freeze({
  fromOriginalText: true,
});
const NOT_FROM_ORIGINAL: Pick<PatternHit, 'fromOriginalText'> = Object.freeze({});

/** The text of a mention: it matches and not every span is negated. */
export function patternText(
  code: fhir4.CodeableConcept | undefined,
  settings: TextSettings,
): string | undefined {
  const hit = patternHit(code, settings);
  return hit && hit.negatedBy === undefined ? hit.text : undefined;
}

const isCurrent = (reading: Reading): boolean =>
  reading.negatedBy === undefined &&
  reading.familyBy === undefined &&
  reading.historyBy === undefined;

/**
 * Matches read in one text at most. A real text names a finding once or twice; a text of 4 MB
 * repeating "无髓外" held the event loop for 2 s, checking each (issue #19). Past this many the
 * text counts as a current mention: the cautious reading, an info card asking for a code.
 */
export const MAX_MATCHES_READ = 32;

/** A run of matches, `text[start, end)`. */
interface Span {
  start: number;
  end: number;
}

/**
 * Readings already made under one settings object, by text. A long record repeats its words
 * (one encounter diagnosis a visit, the same few problems), and the patterns are the costliest
 * part of reading a Condition in no value set: since the CNS patterns (H99), about a fifth of
 * `evaluate()` at 2,000 resources (docs/performance-log.md §53). A reading depends on the text
 * and the settings only, and nothing changes one after it is made (frozen). Bounded as
 * ./bounded-memo.ts bounds (a text longer than its longest key is read each time).
 */
const readingsBySettings = new WeakMap<TextSettings, (text: string) => Reading | undefined>();
const CACHED_TEXTS = 4_096;

/** Undefined: no pattern matches. */
function readText(text: string, settings: TextSettings): Reading | undefined {
  let readings = readingsBySettings.get(settings);
  if (!readings) {
    readings = boundedMemo(CACHED_TEXTS, (sent) => {
      // H150: the words a reader sees, not the characters as sent (./text-as-seen.ts).
      const reading = readTextAfresh(textAsSeen(sent), settings);
      return reading && Object.freeze(reading);
    });
    readingsBySettings.set(settings, readings);
  }
  return readings(text);
}

function readTextAfresh(text: string, settings: TextSettings): Reading | undefined {
  const spans = matchSpans(text, settings.textOnlyPatterns);
  if (spans === undefined) return {};
  if (spans.length === 0) return undefined;
  const context = settings.textOnlyContext ?? NO_CONTEXT;
  let first: Reading | undefined;
  let isCurrentAt: boolean | undefined; // whether a `current` word is in the text, once asked
  for (const { start, end } of spans) {
    const negated = negationCue(text, start, end, settings.textOnlyNegation);
    if (negated !== undefined) {
      first ??= { negatedBy: negated };
      continue;
    }
    const family = negationCue(text, start, end, context.family);
    if (family !== undefined) {
      first ??= { familyBy: family };
      continue;
    }
    const history = negationCue(text, start, end, context.history);
    if (history !== undefined && !(isCurrentAt ??= hasCurrentWord(text, context.current))) {
      first ??= { historyBy: history };
      continue;
    }
    const hedge = negationCue(text, start, end, context.hedge);
    return hedge === undefined ? {} : { hedgedBy: hedge };
  }
  return first;
}

/**
 * Every pattern's matches, sorted and joined into spans; undefined past MAX_MATCHES_READ
 * matches. A run of blanks between two matches joins them ("extramedullary  plasmacytoma").
 */
function matchSpans(text: string, patterns: readonly RegExp[]): Span[] | undefined {
  const matches: Span[] = [];
  for (const pattern of patterns) {
    // The cheap test first: most texts match no pattern.
    if (!pattern.test(text)) continue;
    const all = globalTwin(pattern);
    all.lastIndex = 0;
    for (let match = all.exec(text); match; match = all.exec(text)) {
      if (matches.length === MAX_MATCHES_READ) return undefined;
      matches.push({ start: match.index, end: match.index + match[0].length });
      // A pattern that can match nothing must still move on (by a code point, flag `u`).
      if (match[0] === '') all.lastIndex += (text.codePointAt(all.lastIndex) ?? 0) > 0xffff ? 2 : 1;
    }
  }
  if (matches.length < 2) return matches;
  matches.sort((a, b) => a.start - b.start);
  const spans: Span[] = [];
  let last: Span | undefined;
  for (const match of matches) {
    if (last && (match.start <= last.end || onlyBlanks(text, last.end, match.start))) {
      last.end = Math.max(last.end, match.end);
    } else {
      last = { ...match };
      spans.push(last);
    }
  }
  return spans;
}

/** Blanks join two matches only this close: as far as a cue may stand from its match. */
const MAX_BLANKS = 60;

function onlyBlanks(text: string, from: number, to: number): boolean {
  if (to - from > MAX_BLANKS) return false;
  for (let at = from; at < to; at++) if (!BLANK.test(text.charAt(at))) return false;
  return true;
}

const BLANK = /\s/u;

/** Each pattern's `g` twin, to visit every match; made once per compiled pattern. */
const globalTwins = new WeakMap<RegExp, RegExp>();
function globalTwin(pattern: RegExp): RegExp {
  let twin = globalTwins.get(pattern);
  if (!twin) {
    twin = new RegExp(pattern.source, `${pattern.flags}g`);
    globalTwins.set(pattern, twin);
  }
  return twin;
}
