/**
 * Configured text patterns run over record text, which is request data (issue #19). A
 * pattern whose matching time grows faster than the text (nested quantifiers, or a
 * quantified start retried from every position, such as `\s+foo`) would let one long
 * Condition text hold the event loop; such a pattern is refused when the config is loaded.
 * scslre is the analysis eslint-plugin-regexp runs on the service's own patterns; what it
 * cannot see (a `.*` before a word, a lookahead to the end) the pattern is timed for
 * (./pattern-cost.ts).
 */
import { createRequire } from 'node:module';
import { RegExpParser, type AST } from '@eslint-community/regexpp';
import type * as Scslre from 'scslre';
import { TEXT_PATTERN_FLAGS } from '../rules/rule-settings.js';
import { costReason } from './pattern-cost.js';
import { DEFAULT_TEXT_ONLY_PATTERNS } from './text-only-defaults.js';
import { DEFAULT_MYELOMA_TEXT_PATTERNS } from './text-only-myeloma-defaults.js';
import { DEFAULT_OTHER_DISEASE_TEXT_PATTERNS } from './text-only-other-diseases.js';

/**
 * scslre, with refa, takes about 120 ms of CPU to load, and only a config file that sets
 * `textOnlyPatterns` (or the trace's `textOnlyMyelomaPatterns`, `textOnlyOtherDiseasePatterns`)
 * needs it: loaded on first use, not at every start of the service, the CLI and each test file
 * (docs/performance-log.md §29). A CommonJS package, so `require` loads it synchronously,
 * inside the zod check that calls this.
 */
let scslre: typeof Scslre | undefined;
const analyse: typeof Scslre.analyse = (...args) => {
  scslre ??= createRequire(import.meta.url)('scslre') as typeof Scslre;
  return scslre.analyse(...args);
};

/**
 * Why a configured pattern is refused, or undefined. The built-in patterns are not checked
 * (test/config/text-only-defaults.test.ts does), and a pattern accepted once is not checked
 * again in this process: a reload that keeps a site's patterns costs nothing for them.
 */
export function refusedPatternReason(source: string): string | undefined {
  if (BUILT_IN.has(source) || accepted.has(source)) return undefined;
  const reason = superLinearReason(source);
  if (reason === undefined) {
    if (accepted.size === MAX_REMEMBERED) accepted.clear();
    accepted.add(source);
  }
  return reason;
}

const BUILT_IN: ReadonlySet<string> = new Set([
  ...DEFAULT_TEXT_ONLY_PATTERNS,
  ...DEFAULT_MYELOMA_TEXT_PATTERNS,
  ...DEFAULT_OTHER_DISEASE_TEXT_PATTERNS,
]);
const accepted = new Set<string>();
const MAX_REMEMBERED = 1_000;

/**
 * Why matching `source` (flags as the rules compile it) can cost more than linear time, or
 * undefined when it cannot: scslre's analysis first, then the timing. Both read one syntax
 * tree, regexpp's (eslint-plugin-regexp's parser, which scslre reads too), parsed once here.
 */
export function superLinearReason(source: string): string | undefined {
  const parsed = parse(source);
  if (!parsed) return undefined; // Not a pattern at all: the schema's own check says so.
  return analysedReason(parsed) ?? costReason(parsed.pattern, parsed.compiled);
}

interface Parsed {
  pattern: AST.Pattern;
  flags: AST.Flags;
  compiled: RegExp;
}

function parse(source: string): Parsed | undefined {
  try {
    const compiled = new RegExp(source, TEXT_PATTERN_FLAGS);
    const parser = new RegExpParser();
    const pattern = parser.parsePattern(source, undefined, undefined, {
      unicode: TEXT_PATTERN_FLAGS.includes('u'),
    });
    return { pattern, flags: parser.parseFlags(TEXT_PATTERN_FLAGS), compiled };
  } catch {
    return undefined;
  }
}

function analysedReason({ pattern, flags }: Parsed): string | undefined {
  const { reports } = analyse(
    { pattern, flags },
    {
      reportTypes: { Move: true, Self: true, Trade: true },
      assumeRejectingSuffix: true,
    },
  );
  const report = reports[0];
  if (!report) return undefined;
  const growth = report.exponential ? 'exponential' : 'quadratic or worse';
  return `takes ${growth} time on a long text (a run of "${report.character.literal.source}"); remove the repeated part or anchor it`;
}
