/**
 * Text without the characters a predicate names at its end, by a loop over char codes.
 * Not `/[…]+$/`: an unanchored pattern is retried from every start position, so a long run
 * of those characters costs the square of its length, and the texts trimmed here are
 * request data (issue #19). Char codes, not `text[i]`: no one-character string per step on
 * the card-building hot path (issue #15). Pure, so the rules may use it too.
 */
export function withoutTrailing(text: string, isTrimmed: (charCode: number) => boolean): string {
  let end = text.length;
  while (end > 0 && isTrimmed(text.charCodeAt(end - 1))) end -= 1;
  return end === text.length ? text : text.slice(0, end);
}

/** A URL without its trailing slashes (base URLs are compared and joined without them). */
export function withoutTrailingSlashes(url: string): string {
  return withoutTrailing(url, (code) => code === SLASH);
}

const SLASH = 0x2f;

/**
 * `text` cut to its first `max` UTF-16 units, with "…" when anything was cut; never between
 * the two halves of a surrogate pair (a lone high surrogate is not text). For record text
 * shown on a card or named in the trace.
 */
export function cutWithEllipsis(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  const end = last >= HIGH_SURROGATE_FIRST && last <= HIGH_SURROGATE_LAST ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

const HIGH_SURROGATE_FIRST = 0xd800;
const HIGH_SURROGATE_LAST = 0xdbff;
