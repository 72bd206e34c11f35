/**
 * A record's code as the rules read it when it is spelled with characters no code system
 * writes (H97): a zero-width space or another format character (Unicode category Cf, the soft
 * hyphen among them) copied in from a document or a web page, or full-width forms typed with a
 * Chinese input method (`Ｃ９０．００`). The code read is the code NFKC-normalised (full-width →
 * ASCII), its format characters removed and its surrounding blanks trimmed: a person reading
 * the record sees that code, and the rules must too. Nothing looser: case rules are the code
 * system's (./terminology.ts), and `C900` stays another code than `C90.0` outside ICD-10-CM.
 * Surrounding blanks alone were always trimmed (String.prototype.trim, which also takes the
 * no-break space and U+FEFF) and stay unremarked; the caller asks here only when a code with
 * a character outside printable ASCII (or a comma, H149) matched nothing as sent.
 */
import { boundedMemo } from './bounded-memo.js';
import { readLayout } from './code-layout.js';
import type { TraceLine } from './trace-line.js';

/**
 * Any character outside printable ASCII, or a comma (H149: `C90,20`): only a code holding one
 * can read otherwise.
 */
export const NEEDS_READING = /[^\x21-\x2b\x2d-\x7e]/;

const FORMAT_CHARACTERS = /\p{Cf}/gu;
/** Characters the trace writes as `\uXXXX`: a reader would not see them (or not as such). */
const UNSEEN = /[\p{Cf}\p{Z}\p{Cc}]/gu;

/** The names of the format characters feeds carry; any other is named by its code point. */
const FORMAT_NAMES: Readonly<Record<string, string>> = {
  '\u00ad': 'soft hyphen',
  '\u200b': 'zero-width space',
  '\u200c': 'zero-width non-joiner',
  '\u200d': 'zero-width joiner',
  '\u2060': 'word joiner',
  '\ufeff': 'zero-width no-break space (byte order mark)',
};

/** A code as sent and as read, when the two differ. */
export interface CodeReading {
  sent: string;
  read: string;
  /** What differs, in words, for the trace. */
  how: string;
}

/** Bounded, since codes are request data: a client may send any number of them. */
const READINGS_KEPT = 1_024;

/**
 * How `code` reads, when it differs from the code trimmed; undefined when it does not (a
 * code in Chinese characters, say, reads as itself). Each spelling worked out once.
 */
export const readingOf: (code: string) => CodeReading | undefined = boundedMemo(
  READINGS_KEPT,
  (code) => work(code),
);

/** The code as the rules read it: as sent, trimmed, unless it reads otherwise. */
export function codeRead(code: string): string {
  if (!NEEDS_READING.test(code)) return code;
  return readingOf(code)?.read ?? code.trim();
}

function work(sent: string): CodeReading | undefined {
  const compatible = sent.normalize('NFKC');
  const removed = [...new Set(compatible.match(FORMAT_CHARACTERS) ?? [])];
  const spelled = compatible.replace(FORMAT_CHARACTERS, '').trim();
  // H149: blanks inside the code, its display glued on, a Chinese full stop for its dot.
  const layout = readLayout(spelled);
  const read = layout?.read ?? spelled;
  if (read === sent.trim() || read === '') return undefined;
  const how: string[] = [];
  if (removed.length > 0) how.push(`${removed.map(formatName).join(', ')} removed`);
  if (spelled !== sent.replace(FORMAT_CHARACTERS, '').trim())
    how.push('full-width or compatibility forms read as ASCII');
  if (layout !== undefined) how.push(layout.how);
  return { sent, read, how: how.join('; ') };
}

const codePoint = (character: string): string =>
  `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

function formatName(character: string): string {
  const name = FORMAT_NAMES[character];
  return name === undefined
    ? `format character ${codePoint(character)}`
    : `${name} ${codePoint(character)}`;
}

/**
 * The code with the characters a reader would not see, or not as such, written as `\uXXXX`:
 * `C90.00\u200B`. A plain space stays: it is seen, and a display after a code holds some.
 */
export function visibly(code: string): string {
  if (!NEEDS_READING.test(code)) return code;
  return code.replace(UNSEEN, (character) =>
    character === ' ' ? character : `\\u${codePoint(character).slice(2)}`,
  );
}

/**
 * `code "C90.20\u200B" read as C90.20 (zero-width space U+200B removed): the feed should send
 * C90.20`.
 */
export function readCodeLine({ sent, read, how }: CodeReading): TraceLine {
  return {
    message: `code "${visibly(sent)}" read as ${read} (${how}): the feed should send ${read}`,
  };
}

// H149: a SNOMED CT id padded to a fixed width, as a fixed-width column holds it.

/** Digits with a leading zero: no SCTID is written so (SNOMED CT's identifier rules). */
const ZERO_PADDED = /^0+[1-9][0-9]*$/;

/** A SNOMED CT id padded with leading zeros, read without them; undefined for any other code. */
export function snomedIdUnpadded(code: string): CodeReading | undefined {
  const trimmed = code.trim();
  if (!ZERO_PADDED.test(trimmed)) return undefined;
  const read = trimmed.replace(/^0+/, '');
  return { sent: code, read, how: 'leading zeros removed: a SNOMED CT id has none' };
}
