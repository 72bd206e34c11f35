import { activeOfClass, fired, neuraxisWorkup, referencesOf } from './build-outcome.js';
import { noActiveFinding } from './history-passed-over.js';
import type { Rule } from './rule.js';
import { withUndatedImaging } from './undated-imaging.js';

/**
 * `emd-leptomeningeal` (critical): any active leptomeningeal finding — the worst prognosis
 * of all EMD (review abstract). The card also lists parenchymal CNS findings, which it
 * outranks, so it is only lowered when every CNS finding of either kind is uncertain.
 */
export const emdLeptomeningeal: Rule = {
  id: 'emd-leptomeningeal',
  evaluate(facts, _context, settings) {
    const leptomeningeal = activeOfClass(facts, 'leptomeningeal');
    if (leptomeningeal.length === 0)
      return noActiveFinding(this.id, 'no active leptomeningeal finding', facts, 'leptomeningeal');
    const outcome = fired(
      this.id,
      'critical',
      facts,
      {
        findings: [...leptomeningeal, ...activeOfClass(facts, 'cns')],
        workup: {
          ...neuraxisWorkup(facts),
          csfWorkup: true,
        },
        outranked: activeOfClass(facts, 'paraskeletal'),
      },
      `active leptomeningeal finding: ${referencesOf(leptomeningeal)}`,
    );
    // A study with no started is not counted (rules page §3.4); the trace names it.
    return withUndatedImaging(outcome, facts, settings.terminology);
  },
};
