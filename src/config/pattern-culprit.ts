/**
 * Which part of a slow text pattern to name to the analyst, and what to write instead: the
 * repeat that reads the built text's characters, the longest first (an unbounded `.*` before
 * a `{0,5000}`), outermost first. The advice never repeats what the pattern already says: a
 * window as short as the one advised is slow for what repeats it or stands beside it.
 */
import type { AST } from '@eslint-community/regexpp';
import { acceptedBy, type PatternText } from './pattern-texts.js';

/** The quantifier at fault, in the pattern's own words, and what to write instead. */
export function culpritAdvice(
  quantifiers: readonly AST.Quantifier[],
  text: PatternText,
  flags: string,
): string {
  const reading = readingRepeats(quantifiers, text, flags);
  const culprit = culpritOf(reading.length > 0 ? reading : repeatsOf(quantifiers));
  if (!culprit) return 'remove the repeated part or bound it';
  const raw = culprit.raw;
  if (quantifiers.some((inner) => inner !== culprit && inner.max > 1 && isInside(inner, culprit)))
    return repeatsARepeat(raw);
  if (culprit.max === Infinity)
    return `its \`${raw}\` is retried from every occurrence: write a bounded window such as ${window(ADVISED_WINDOW)}`;
  if (culprit.max > ADVISED_WINDOW)
    return `its \`${raw}\` reads up to ${String(culprit.max)} characters from every position: write a short window such as ${window(ADVISED_WINDOW)}`;
  // The window is already as short as the one advised: advising it again would say what the
  // pattern says. What makes it slow is what repeats it, or another repeat beside it.
  const outer = quantifiers.find((q) => q.max > 1 && isInside(culprit, q));
  if (outer) return repeatsARepeat(outer.raw);
  const other = reading.find((q) => q !== culprit && !isInside(q, culprit));
  if (other)
    return `its \`${raw}\` and \`${other.raw}\` read the same characters, and try every way of sharing the text between them: write one window for both`;
  return `its \`${raw}\` reads up to ${String(culprit.max)} characters from every position: write a shorter window such as ${window(Math.floor(culprit.max / 2))}`;
}

/** The window advised for a long or unbounded repeat: a phrase in one sentence. */
const ADVISED_WINDOW = 60;
const window = (max: number): string => `[^.;]{0,${String(max)}}`;

const repeatsARepeat = (raw: string): string =>
  `its \`${raw}\` repeats a repeat, and tries every way of sharing the text between them: repeat one part only`;

const repeatsOf = (quantifiers: readonly AST.Quantifier[]): AST.Quantifier[] =>
  quantifiers.filter((quantifier) => quantifier.max > 1);

/** The repeats that read the built text's characters, in the pattern's order. */
function readingRepeats(
  quantifiers: readonly AST.Quantifier[],
  text: PatternText,
  flags: string,
): AST.Quantifier[] {
  const chars = new Set(text.unit);
  return repeatsOf(quantifiers).filter((quantifier) =>
    acceptedBy(quantifier.element, flags).some((char) => chars.has(char)),
  );
}

/** The longest; stable: among equals, the outermost (the first visited) stays first. */
function culpritOf(repeats: readonly AST.Quantifier[]): AST.Quantifier | undefined {
  return [...repeats].sort((a, b) => (a.max === b.max ? 0 : b.max > a.max ? 1 : -1))[0];
}

function isInside(inner: AST.Node, outer: AST.Node): boolean {
  for (let node: AST.Node | null = inner.parent; node; node = node.parent)
    if (node === outer) return true;
  return false;
}
