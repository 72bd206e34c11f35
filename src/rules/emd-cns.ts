import { activeOfClass, fired, neuraxisWorkup, notFired, referencesOf } from './build-outcome.js';
import { noActiveFinding } from './history-passed-over.js';
import type { Rule } from './rule.js';
import { withUndatedImaging } from './undated-imaging.js';

/**
 * `emd-cns` (critical): an active parenchymal or dural CNS finding and no leptomeningeal
 * one (which `emd-leptomeningeal` reports, listing the CNS findings too).
 */
export const emdCns: Rule = {
  id: 'emd-cns',
  evaluate(facts, _context, settings) {
    const cns = activeOfClass(facts, 'cns');
    if (cns.length === 0) return noActiveFinding(this.id, 'no active CNS finding', facts, 'cns');
    if (activeOfClass(facts, 'leptomeningeal').length > 0) {
      return notFired(
        this.id,
        `CNS finding ${referencesOf(cns)} is reported on the emd-leptomeningeal card, which outranks this one`,
      );
    }
    const outcome = fired(
      this.id,
      'critical',
      facts,
      {
        findings: cns,
        workup: {
          ...neuraxisWorkup(facts),
          csfWorkup: true,
        },
        outranked: activeOfClass(facts, 'paraskeletal'),
      },
      `active CNS finding: ${referencesOf(cns)}`,
    );
    // A study with no started is not counted (rules page §3.4); the trace names it.
    return withUndatedImaging(outcome, facts, settings.terminology);
  },
};
