import { activeOfClass, fired, neuraxisWorkup, notFired, referencesOf } from './build-outcome.js';
import type { Rule } from './rule.js';

/**
 * `emd-cns` (critical): an active parenchymal or dural CNS finding and no leptomeningeal
 * one (which `emd-leptomeningeal` reports, listing the CNS findings too).
 */
export const emdCns: Rule = {
  id: 'emd-cns',
  evaluate(facts) {
    const cns = activeOfClass(facts, 'cns');
    if (cns.length === 0) return notFired(this.id, 'no active CNS finding');
    if (activeOfClass(facts, 'leptomeningeal').length > 0) {
      return notFired(
        this.id,
        `CNS finding ${referencesOf(cns)} is reported on the emd-leptomeningeal card, which outranks this one`,
      );
    }
    return fired(
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
  },
};
