/**
 * Texts built from a configured text pattern's own syntax tree to find its worst case (issue
 * #19): a backtracking matcher is slow where a repeat runs on over a long stretch of text and
 * the match then fails at its end, retried from every occurrence. So each text is a piece the
 * pattern reads (a sample of each alternative, lookarounds' too), alone or with a character
 * its repeats take, repeated; or one such character repeated; ending with nothing, with
 * characters its repeats refuse (so that a `$` or a `[^.;]*` stops short of a match), or with
 * every sample then those characters (so that a lookahead such as `(?!.*excluded)` finds its
 * word at the very end, after the whole text); or starting with every sample (a lookbehind).
 */
import type { AST } from '@eslint-community/regexpp';

/** One text: `prefix`, then `unit` repeated to the length asked, then `suffix`. */
export interface PatternText {
  unit: string;
  prefix: string;
  suffix: string;
}

/** What the texts are built of, from the pattern's tree. */
interface Parts {
  samples: string[];
  /** Characters the pattern's repeats take. */
  fillers: string[];
  /** Characters a repeat refuses: what stops its run. */
  breakers: string[];
  /** The quantifiers, for naming the one at fault (./pattern-cost.ts). */
  quantifiers: AST.Quantifier[];
}

/**
 * Characters tried against each class besides its own members: a blank, a letter, a digit,
 * the punctuation windows stop at ([^.;]), a line break (`.`), Chinese text and its stops.
 */
// Each one UTF-16 unit, none composed: Array.from splits them as written.
const CANDIDATES = Array.from(' a0-,.;:/\n\t_#é髓。；');
const MAX_SAMPLES = 48;
const MAX_FILLERS = 4;
const MAX_BREAKERS = 4;
/** A quantifier's minimum is written out at most this often in a sample. */
const MAX_SAMPLE_REPEATS = 4;

/** The texts to time `pattern` on (flags as the rules compile it), without repeats. */
export function patternTexts(pattern: AST.Pattern, flags: string): PatternText[] {
  const { samples, fillers, breakers } = partsOf(pattern, flags);
  const units = new Set<string>();
  // A sample and a blank, as words are written; a sample and the first character its repeats
  // take, as a window reads on.
  const joiner = fillers.find((filler) => filler !== ' ');
  for (const sample of samples) {
    units.add(sample);
    units.add(`${sample} `);
    if (joiner) units.add(sample + joiner);
  }
  for (const filler of fillers) units.add(filler);
  units.delete('');
  const stops = breakers.join('');
  const all = samples.join(' ');
  const ends: [string, string][] = [
    ['', ''],
    ['', stops],
    ['', `${all} ${stops}`],
    [`${all} `, ''],
  ];
  return [...units].flatMap((unit) => ends.map(([prefix, suffix]) => ({ unit, prefix, suffix })));
}

/** `text`'s unit repeated to about `length` characters, between its prefix and suffix. */
export function textOf(text: PatternText, length: number): string {
  const times = Math.max(1, Math.floor(length / text.unit.length));
  return text.prefix + text.unit.repeat(times) + text.suffix;
}

/** The quantifiers of `pattern`, outermost first. */
export function quantifiersOf(pattern: AST.Pattern, flags: string): AST.Quantifier[] {
  return partsOf(pattern, flags).quantifiers;
}

/** The characters of CANDIDATES and of its own members that `node` accepts, in that order. */
export function acceptedBy(node: AST.Node, flags: string): string[] {
  return candidatesFor(node).filter((char) => accepts(node, flags, char));
}

function partsOf(pattern: AST.Pattern, flags: string): Parts {
  const parts: Parts = { samples: [], fillers: [], breakers: [], quantifiers: [] };
  const samples = new Set<string>();
  const fillers = new Set<string>();
  const breakers = new Set<string>();
  const visit = (node: AST.Node): void => {
    if (node.type === 'Pattern' || node.type === 'Group' || node.type === 'CapturingGroup')
      node.alternatives.forEach(visit);
    else if (isLookaround(node)) node.alternatives.forEach(visit);
    else if (node.type === 'Alternative') {
      if (isScanned(node)) for (const sample of samplesOf(node, flags)) samples.add(sample);
      node.elements.forEach(visit);
    } else if (node.type === 'Quantifier') {
      parts.quantifiers.push(node);
      const element = node.element;
      if (node.max > 1 && isCharacterLike(element)) {
        const accepted = acceptedBy(element, flags);
        for (const char of accepted.slice(0, 2)) fillers.add(char);
        for (const char of candidatesFor(element)) if (!accepted.includes(char)) breakers.add(char);
      }
      visit(element);
    }
  };
  visit(pattern);
  parts.samples = [...samples].filter((sample) => sample !== '').slice(0, MAX_SAMPLES);
  parts.fillers = [...fillers].slice(0, MAX_FILLERS);
  // A class's own members first (the `.` and `;` of `[^.;]`), then the candidates in order.
  parts.breakers = [...breakers].sort((a, b) => rank(a) - rank(b)).slice(0, MAX_BREAKERS);
  return parts;
}

const rank = (char: string): number => {
  const at = CANDIDATES.indexOf(char);
  return at === -1 ? -1 : at;
};

type CharacterLike = AST.Character | AST.CharacterSet | AST.CharacterClass;

function isCharacterLike(node: AST.Node): node is CharacterLike {
  return (
    node.type === 'Character' || node.type === 'CharacterSet' || node.type === 'CharacterClass'
  );
}

/**
 * Whether an alternative's own samples are tried: a pattern's or a lookaround's (where a match
 * is tried from), or one holding a repeat or a lookaround. One of plain words (`cns|brain`)
 * only stands for its group, whose first alternative is in its parent's sample.
 */
function isScanned(alternative: AST.Alternative): boolean {
  const parent = alternative.parent;
  if (parent.type === 'Pattern' || parent.type === 'Assertion') return true;
  let found = false;
  const look = (node: AST.Node): void => {
    if (found) return;
    if ((node.type === 'Quantifier' && node.max > 1) || isLookaround(node)) found = true;
    else if (node.type === 'Quantifier') look(node.element);
    else if (node.type === 'Group' || node.type === 'CapturingGroup')
      for (const inner of node.alternatives) inner.elements.forEach(look);
  };
  alternative.elements.forEach(look);
  return found;
}

const isLookaround = (node: AST.Node): node is AST.LookaroundAssertion =>
  node.type === 'Assertion' && (node.kind === 'lookahead' || node.kind === 'lookbehind');

/**
 * The alternative's sample, and the samples of its pieces between repeats and lookarounds:
 * `plasmacytoma.*excluded` gives "plasmacytomaexcluded", "plasmacytoma" and "excluded".
 */
function samplesOf(alternative: AST.Alternative, flags: string): string[] {
  const samples = [sampleOf(alternative.elements, flags)];
  let piece: AST.Element[] = [];
  for (const element of alternative.elements) {
    if ((element.type === 'Quantifier' && element.max > 1) || isLookaround(element)) {
      samples.push(sampleOf(piece, flags));
      piece = [];
    } else piece.push(element);
  }
  samples.push(sampleOf(piece, flags));
  return samples;
}

/** A text the elements match, taking each repeat its least number of times (at most a few). */
function sampleOf(elements: readonly AST.Element[], flags: string): string {
  return elements.map((element) => sampleOfElement(element, flags)).join('');
}

function sampleOfElement(element: AST.Element, flags: string): string {
  switch (element.type) {
    case 'Character':
    case 'CharacterSet':
    case 'CharacterClass':
    case 'ExpressionCharacterClass':
      return acceptedBy(element, flags)[0] ?? '';
    case 'Quantifier':
      return sampleOfElement(element.element, flags).repeat(
        Math.min(element.min, MAX_SAMPLE_REPEATS),
      );
    case 'Group':
    case 'CapturingGroup': {
      const first = element.alternatives[0];
      return first ? sampleOf(first.elements, flags) : '';
    }
    case 'Assertion':
    case 'Backreference':
      return ''; // no text of their own
  }
}

/** A class's own members (a range by its ends) before the candidates: `[\u4e00-\u9fa5]`. */
function candidatesFor(node: AST.Node): string[] {
  const own: string[] = [];
  if (node.type === 'Character') own.push(String.fromCodePoint(node.value));
  if (node.type === 'CharacterClass')
    for (const member of node.elements) {
      if (member.type === 'Character') own.push(String.fromCodePoint(member.value));
      if (member.type === 'CharacterClassRange')
        own.push(String.fromCodePoint(member.min.value), String.fromCodePoint(member.max.value));
    }
  return [...new Set([...own, ...CANDIDATES])];
}

function accepts(node: AST.Node, flags: string, char: string): boolean {
  try {
    return new RegExp(`^(?:${node.raw})$`, flags).test(char);
  } catch {
    return false; // a part that is no pattern alone (a group holding a back-reference)
  }
}
