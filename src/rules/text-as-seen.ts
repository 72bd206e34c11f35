/**
 * A record's words as a reader sees them, for the text-only patterns (rules page §2 "Text
 * only"; H150): the patterns and cues are matched against this, never against the characters
 * as sent. Exports carry words a reader reads but a pattern did not: format characters copied
 * in from a document or web page (a zero-width space or joiner, a soft hyphen inside
 * "plasma\u00ADcytoma", a byte order mark), full-width Latin letters and digits typed with a
 * Chinese input method (ＣＮＳ), and HTML character references an interface left escaped
 * (`&nbsp;`, `&amp;`, `&#160;`, or escaped twice: `&amp;nbsp;`). The text is read with the
 * references decoded, NFKC-normalised (full-width → ASCII, a no-break space → a space, as H97
 * reads a code) and its format characters removed. Nothing looser: no spelling is guessed, and
 * Traditional Chinese characters stay themselves.
 */

/** Only a text holding a character outside printable ASCII and its blanks, or `&`, differs. */
const MAY_READ_OTHERWISE = /[^\t\n\r\x20-\x7e]|&/;
const FORMAT_CHARACTERS = /\p{Cf}/gu;
const REFERENCE = /&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]{2,8}));/g;

/** The named references interfaces leave in clinical text; any other is left as written. */
const NAMED: Readonly<Record<string, string>> = {
  nbsp: '\u00a0',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  shy: '\u00ad',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  ndash: '\u2013',
  mdash: '\u2014',
};

/** An export that escaped the text twice writes `&amp;nbsp;`: two passes read it. */
const PASSES = 2;
const LAST_CODE_POINT = 0x10ffff;
const SURROGATES = { first: 0xd800, last: 0xdfff };

/** The text as a reader sees it; the text itself when nothing in it reads otherwise. */
export function textAsSeen(text: string): string {
  if (!MAY_READ_OTHERWISE.test(text)) return text;
  let seen = text;
  for (let pass = 0; pass < PASSES && seen.includes('&'); pass += 1)
    seen = seen.replace(REFERENCE, decoded);
  return seen.normalize('NFKC').replace(FORMAT_CHARACTERS, '');
}

function decoded(reference: string, decimal?: string, hex?: string, name?: string): string {
  if (name !== undefined) return NAMED[name.toLowerCase()] ?? reference;
  const point = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
  const isCharacter =
    point > 0 && point <= LAST_CODE_POINT && (point < SURROGATES.first || point > SURROGATES.last);
  return isCharacter ? String.fromCodePoint(point) : reference;
}

/**
 * What NFKC makes of a character that is ASCII: the regular-expression syntax characters and
 * `-` among them are written as `\xHH`, a literal both inside a character class and outside.
 */
const SYNTAX = /[\\^$.*+?()[\]{}|/-]/g;
const NON_ASCII = /[^\p{ASCII}]/u;

/**
 * A site's text pattern (a regular expression's source) as a reader sees it: each character
 * beyond ASCII read as `textAsSeen` reads the text, so that `浆细胞瘤（髓外）` or `ＣＮＳ`,
 * written as a site's staff type them, still match the words they match as written (H150
 * reads the text's `（` as `(`); a full-width `（` stays a literal, never a group. ASCII is the
 * pattern's own syntax and is left as written.
 */
export function patternAsSeen(source: string): string {
  if (!NON_ASCII.test(source)) return source;
  let seen = '';
  for (const character of source) {
    if (character.charCodeAt(0) < 0x80) {
      seen += character;
      continue;
    }
    const read = character.normalize('NFKC').replace(FORMAT_CHARACTERS, '');
    seen +=
      read === character
        ? character
        : read.replace(SYNTAX, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  }
  return seen;
}
