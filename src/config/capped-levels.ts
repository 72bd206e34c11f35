/**
 * Levels the output guard (../rules/evaluate.ts, rules page §6) would take back. It holds at
 * info every warning or critical card that no active, coded, readable Condition backs. One
 * rule's cards never rest on such a Condition (rules page §4 table): `emd-reported-not-listed`
 * fires on imaging reports a problem list lacks. Set to warning or critical, every such card
 * was held at info with a warn line at every call (probe 8): a setting that can never do what
 * it says is refused. `emd-imaging-review` is not here: its card cites the patient's active
 * findings, so a raised level stands for a patient who has one (and only validate's warning
 * says it is raised).
 */
import type { Indicator, RuleId } from '../rules/types.js';

const CAPPED: Partial<Record<RuleId, string>> = {
  'emd-reported-not-listed':
    'its cards rest on imaging reports, never on a Condition (rules page §4: "imaging shows EMD not on the problem list")',
};

/** One issue per rule set to a level the output guard would hold at info. */
export function cappedLevels(
  rules: Readonly<Partial<Record<RuleId, { indicator?: Indicator | undefined }>>>,
): { path: string[]; message: string }[] {
  return Object.entries(CAPPED).flatMap(([id, why]) => {
    const indicator = rules[id as RuleId]?.indicator;
    if (indicator !== 'warning' && indicator !== 'critical') return [];
    return [
      {
        path: ['rules', id, 'indicator'],
        message: `${indicator} cannot be kept: ${why}, and rules page §6 holds a card no active, coded, readable Condition backs at info (the output guard caps it at info): use info`,
      },
    ];
  });
}
