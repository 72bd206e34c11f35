/**
 * Which part of a slow text pattern to name to the analyst, and what to write instead: the
 * repeat that reads the built text's characters, the longest first (an unbounded `.*` before
 * a `{0,5000}`), outermost first.
 */
import type { AST } from '@eslint-community/regexpp';
import { acceptedBy, type PatternText } from './pattern-texts.js';

/** The quantifier at fault, in the pattern's own words, and what to write instead. */
export function culpritAdvice(
  quantifiers: readonly AST.Quantifier[],
  text: PatternText,
  flags: string,
): string {
  const culprit = culpritOf(quantifiers, text, flags);
  if (!culprit) return 'remove the repeated part or bound it';
  const raw = culprit.raw;
  if (quantifiers.some((inner) => inner !== culprit && inner.max > 1 && isInside(inner, culprit)))
    return `its \`${raw}\` repeats a repeat, and tries every way of sharing the text between them: repeat one part only`;
  if (culprit.max === Infinity)
    return `its \`${raw}\` is retried from every occurrence: write a bounded window such as [^.;]{0,60}`;
  return `its \`${raw}\` reads up to ${String(culprit.max)} characters from every position: write a short window such as [^.;]{0,60}`;
}

function culpritOf(
  quantifiers: readonly AST.Quantifier[],
  text: PatternText,
  flags: string,
): AST.Quantifier | undefined {
  const chars = new Set(text.unit);
  const repeats = quantifiers.filter((quantifier) => quantifier.max > 1);
  const reading = repeats.filter((quantifier) =>
    acceptedBy(quantifier.element, flags).some((char) => chars.has(char)),
  );
  // Stable: among equals, the outermost (the first visited) stays first.
  return [...(reading.length > 0 ? reading : repeats)].sort((a, b) =>
    a.max === b.max ? 0 : b.max > a.max ? 1 : -1,
  )[0];
}

function isInside(inner: AST.Node, outer: AST.Node): boolean {
  for (let node: AST.Node | null = inner.parent; node; node = node.parent)
    if (node === outer) return true;
  return false;
}
