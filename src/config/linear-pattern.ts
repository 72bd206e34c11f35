/**
 * Configured text patterns run over record text, which is request data (issue #19). A
 * pattern whose matching time grows faster than the text (nested quantifiers, or a
 * quantified start retried from every position, such as `\s+foo`) would let one long
 * Condition text hold the event loop; such a pattern is refused when the config is loaded.
 * scslre is the analysis eslint-plugin-regexp runs on the service's own patterns.
 */
import { createRequire } from 'node:module';
import { RegExpParser } from '@eslint-community/regexpp';
import type * as Scslre from 'scslre';

/**
 * scslre, with refa, takes about 120 ms of CPU to load, and only a config file that sets
 * `textOnlyPatterns` needs it: loaded on first use, not at every start of the service, the CLI
 * and each test file (docs/performance-log.md §29). A CommonJS package, so `require` loads it
 * synchronously, inside the zod check that calls this.
 */
let scslre: typeof Scslre | undefined;
const analyse: typeof Scslre.analyse = (...args) => {
  scslre ??= createRequire(import.meta.url)('scslre') as typeof Scslre;
  return scslre.analyse(...args);
};

/** Why matching `source` (flags `iu`) can cost more than linear time, or undefined when it cannot. */
export function superLinearReason(source: string): string | undefined {
  let parsed: Parameters<typeof analyse>[0];
  try {
    const parser = new RegExpParser();
    parsed = {
      pattern: parser.parsePattern(source, undefined, undefined, { unicode: true }),
      flags: parser.parseFlags('iu'),
    };
  } catch {
    return undefined; // Not a pattern at all: the schema's own check says so.
  }
  const { reports } = analyse(parsed, {
    reportTypes: { Move: true, Self: true, Trade: true },
    assumeRejectingSuffix: true,
  });
  const report = reports[0];
  if (!report) return undefined;
  const growth = report.exponential ? 'exponential' : 'quadratic or worse';
  return `takes ${growth} time on a long text (a run of "${report.character.literal.source}"); remove the repeated part or anchor it`;
}
