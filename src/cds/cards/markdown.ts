/**
 * Escaping record text for card Markdown (CDS Hooks 2.0: `detail` is GitHub-flavoured
 * Markdown; pitfall 7 of ../shared/spec/cds-hooks.md: emit no raw HTML). Text from the
 * record is folded onto one line and every character that could start markup is escaped,
 * so a site named `<img src=x onerror=…>` or `**urgent**` shows as typed.
 */

import { cutWithEllipsis } from '../../rules/text-end.js';

/** Characters that could start inline markup anywhere in a line. */
const MARKUP_CHARACTERS = '[\\\\`*_{}[\\]()<>#!|~&"@]';
const INLINE_MARKUP = new RegExp(MARKUP_CHARACTERS, 'g');

/**
 * GitHub-flavoured Markdown turns a bare `https://…`, `www.…` or e-mail address into a live
 * link (its autolink extension), so record text could put a clickable link on a card. A
 * backslash before the `:` and `/` of `://` and before the dot of `www.` (and, above, the
 * `@`) breaks the pattern and still shows the character as typed.
 */
const URL_SCHEME_SEPARATOR = /:\/\//g;
const WWW_DOT = /\b(www)\./gi;
/** A line that starts like a list item, a setext heading or an ordered list. */
const LINE_START_MARKUP = /^([-+=])/;
const LINE_START_NUMBER = /^(\d+)([.)])/;

/**
 * What escapeMarkdown() changes once the text is a plain line: any of the patterns above,
 * built from the same sources so the two can never disagree. Tested first: most record text
 * (site names, dates, labels) has none of it, and running the replacements below on every
 * value was a large share of a card's rendering (issue #15).
 */
const MARKDOWN_TO_ESCAPE = new RegExp(
  [
    MARKUP_CHARACTERS,
    URL_SCHEME_SEPARATOR.source,
    WWW_DOT.source,
    LINE_START_MARKUP.source,
    LINE_START_NUMBER.source,
  ].join('|'),
  'i',
);

export function escapeMarkdown(text: string): string {
  const line = plainText(text);
  if (!MARKDOWN_TO_ESCAPE.test(line)) return line;
  return line
    .replace(INLINE_MARKUP, (char) => `\\${char}`)
    .replace(URL_SCHEME_SEPARATOR, '\\:\\/\\/')
    .replace(WWW_DOT, '$1\\.')
    .replace(LINE_START_MARKUP, '\\$1')
    .replace(LINE_START_NUMBER, '$1\\$2');
}

/** Control characters, and the line and paragraph separators JavaScript treats as line ends. */
const CONTROL = '[\\u0000-\\u001f\\u007f\\u2028\\u2029]';
/** Single-line text for a summary: no line breaks or control characters. */
const CONTROL_CHARACTERS = new RegExp(`${CONTROL}+`, 'g');

/**
 * What plainText() changes: control characters, whitespace other than a space, and spaces
 * doubled or at either end. Tested first, for the same reason as MARKDOWN_TO_ESCAPE.
 */
const NOT_PLAIN = new RegExp(`${CONTROL}|[^\\S ]| {2}|^ | $`);

export function plainText(text: string): string {
  const shown = cutWithEllipsis(text, MAX_SHOWN_TEXT);
  if (!NOT_PLAIN.test(shown)) return shown;
  return shown.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Record text shown on a card at most, in UTF-16 units. A Condition's text of megabytes was
 * echoed whole: a 4 MB card answer for a 4.9 MB request (issue #19). A card names a site or a
 * diagnosis; past this the text is cut with "…" (the explain trace keeps the reference).
 */
export const MAX_SHOWN_TEXT = 300;
