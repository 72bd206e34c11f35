/**
 * Configured text patterns run over record text, which is request data (issue #19). A
 * pattern whose matching time grows faster than the text (nested quantifiers, or a
 * quantified start retried from every position, such as `\s+foo`) would let one long
 * Condition text hold the event loop; such a pattern is refused when the config is loaded.
 * scslre is the analysis eslint-plugin-regexp runs on the service's own patterns.
 */
import { RegExpParser } from '@eslint-community/regexpp';
import { analyse } from 'scslre';

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
