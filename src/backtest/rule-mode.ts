/**
 * Whether a rule of a backtest's configuration would show its cards: `off` (switched off, so
 * not evaluated: its zeros say nothing of the patients), `silent` (evaluated and counted, but in
 * production audited and never shown: docs/go-live.md), or `live`. Without the mark an off
 * rule reads like one that fires for nobody, and a silent rule's patients as if shown.
 */
import type { RuleId } from '../rules/types.js';

export type RuleMode = 'live' | 'silent' | 'off';

export function ruleModeOf(
  ruleId: RuleId,
  disabledRules: ReadonlySet<RuleId>,
  silentRules: ReadonlySet<RuleId>,
): RuleMode {
  // A rule both switched off and silent is not evaluated: the service reads it as off.
  if (disabledRules.has(ruleId)) return 'off';
  return silentRules.has(ruleId) ? 'silent' : 'live';
}

/**
 * ` (off)`, ` (silent)`; with an earlier run whose mode differs, ` (off → live)`. Nothing for
 * a live rule, nor for a report written before modes were kept (no `mode`).
 */
export function modeMark(now: RuleMode | undefined, before?: RuleMode): string {
  if (before !== undefined && now !== undefined && before !== now) return ` (${before} → ${now})`;
  return now === undefined || now === 'live' ? '' : ` (${now})`;
}

/** What the marks mean, for under a table that shows one. */
export const MODE_NOTE =
  '(off): switched off, not evaluated, so no card; (silent): evaluated and counted here, ' +
  'but in production audited and never shown';

/**
 * What "per 1,000" counts, and what it must not be compared with (the service's statistics
 * count per 100 hook calls: one patient opens many charts, and retries count there).
 */
export const PER_1000_NOTE =
  'per 1,000: cards per 1,000 patients read, as of --now; /admin/stats and `emd-cds stats` ' +
  'count cards per 100 hook calls (each chart opened or study reviewed, retries included): ' +
  'a different unit, not to be compared directly';
