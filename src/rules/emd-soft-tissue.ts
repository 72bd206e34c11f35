import { activeOfClass, fired, referencesOf } from './build-outcome.js';
import { noActiveFinding } from './history-passed-over.js';
import type { Rule } from './rule.js';
import { withUndatedImaging } from './undated-imaging.js';

/**
 * `emd-soft-tissue` (warning): at least one active true-EMD finding — soft tissue or organ,
 * no contact with bone. One card lists every such finding (rules page §4).
 */
export const emdSoftTissue: Rule = {
  id: 'emd-soft-tissue',
  evaluate(facts, _context, settings) {
    const emd = activeOfClass(facts, 'emd');
    if (emd.length === 0)
      return noActiveFinding(this.id, 'no active soft-tissue or organ finding', facts, 'emd');
    const outcome = fired(
      this.id,
      'warning',
      facts,
      {
        findings: emd,
        // Issue #13: suggest a scan only when imaging was read and shows the gap.
        workup: { wholeBodyImaging: facts.imaging.isKnown && !facts.imaging.wholeBody.isCovered },
        outranked: activeOfClass(facts, 'paraskeletal'),
      },
      `active soft-tissue / organ finding: ${referencesOf(emd)}`,
    );
    // A study with no started is not counted (rules page §3.4); the trace names it.
    return withUndatedImaging(outcome, facts, settings.terminology);
  },
};
