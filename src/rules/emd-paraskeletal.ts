import { activeOfClass, fired, notFired, referencesOf } from './build-outcome.js';
import { noActiveFinding } from './history-passed-over.js';
import type { Rule } from './rule.js';

/**
 * `emd-paraskeletal` (info): bone-related plasmacytomas only. Not true EMD and a better
 * outlook (review abstract); silent when an EMD or CNS card already speaks — that card lists
 * the paraskeletal findings on a line of their own (rules page §6: never drop one silently).
 */
export const emdParaskeletal: Rule = {
  id: 'emd-paraskeletal',
  evaluate(facts) {
    const paraskeletal = activeOfClass(facts, 'paraskeletal');
    if (paraskeletal.length === 0)
      return noActiveFinding(this.id, 'no active paraskeletal finding', facts, 'paraskeletal');
    const graver = facts.findings.active.filter(
      (f) =>
        f.findingClass === 'emd' || f.findingClass === 'cns' || f.findingClass === 'leptomeningeal',
    );
    if (graver.length > 0)
      return notFired(
        this.id,
        `paraskeletal finding ${referencesOf(paraskeletal)} is outranked by ${referencesOf(graver)}`,
      );
    return fired(
      this.id,
      'info',
      facts,
      { findings: paraskeletal },
      `active paraskeletal finding: ${referencesOf(paraskeletal)}`,
    );
  },
};
