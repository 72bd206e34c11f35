/**
 * A site's `textOnlyPatterns` replace the shipped ones. A list that leaves one out drops the
 * text-only mentions only it matched: no card, no line in the explain trace, nothing in the
 * backtest ("Leptomeningeal myelomatosis" as text only, probe 8, H124). Rules page §6: the
 * service "never drops a finding silently", which is `emd-unclassified`'s job; so leaving a
 * shipped pattern out needs the record that silencing `emd-unclassified` needs
 * (./critical-guard.ts): its `acknowledgement`. Adding patterns stays free. The CNS and
 * leptomeningeal patterns (H99) are part of the same list, named as such.
 */
import { DEFAULT_CNS_TEXT_PATTERNS } from './text-only-cns-patterns.js';
import { DEFAULT_TEXT_ONLY_PATTERNS } from './text-only-defaults.js';

const SHOWN_CHARACTERS = 40;

/** A shipped pattern as a refusal names it: its place in the shipped list and its start. */
function nameOf(pattern: string): string {
  const place = DEFAULT_TEXT_ONLY_PATTERNS.indexOf(pattern) + 1;
  const start =
    pattern.length > SHOWN_CHARACTERS ? `${pattern.slice(0, SHOWN_CHARACTERS)}…` : pattern;
  const cns = DEFAULT_CNS_TEXT_PATTERNS.includes(pattern) ? ', CNS/leptomeningeal, H99' : '';
  return `#${String(place)} ${JSON.stringify(start)}${cns}`;
}

/** The shipped patterns a site's list leaves out (compared as written), in shipped order. */
export function shippedPatternsLeftOut(patterns: readonly string[]): string[] {
  const kept = new Set(patterns);
  return DEFAULT_TEXT_ONLY_PATTERNS.filter((pattern) => !kept.has(pattern));
}

/** The refusal, at `textOnlyPatterns`, when shipped patterns are left out unacknowledged. */
export function unacknowledgedNarrowing(
  patterns: readonly string[],
  acknowledgement: string | undefined,
): { path: string[]; message: string } | undefined {
  const left = shippedPatternsLeftOut(patterns);
  if (left.length === 0 || acknowledgement) return undefined;
  return {
    path: ['textOnlyPatterns'],
    message: `leaves out ${String(left.length)} of the ${String(DEFAULT_TEXT_ONLY_PATTERNS.length)} shipped patterns (${left.map(nameOf).join('; ')}): a text-only plasmacytoma only they match would raise no card and leave no trace (rules page §6: never drops a finding silently). Keep them (add your own beside them), or record the decision in rules.emd-unclassified.acknowledgement (who decided it and why)`,
  };
}

/** The warning said at every start when the narrowing is acknowledged. */
export function narrowingWarning(patterns: readonly string[]): string | undefined {
  const left = shippedPatternsLeftOut(patterns);
  return left.length === 0
    ? undefined
    : `textOnlyPatterns leaves out ${String(left.length)} shipped patterns (${left.map(nameOf).join('; ')}): text-only mentions only they match raise no card`;
}
