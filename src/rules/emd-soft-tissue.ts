import { activeOfClass, fired, notFired, referencesOf } from './build-outcome.js';
import type { Rule } from './rule.js';

/**
 * `emd-soft-tissue` (warning): at least one active true-EMD finding — soft tissue or organ,
 * no contact with bone. One card lists every such finding (rules page §4).
 */
export const emdSoftTissue: Rule = {
  id: 'emd-soft-tissue',
  evaluate(facts) {
    const emd = activeOfClass(facts, 'emd');
    if (emd.length === 0) return notFired(this.id, 'no active soft-tissue or organ finding');
    return fired(
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
  },
};
