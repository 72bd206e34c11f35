import { activeOfClass, fired, referencesOf } from './build-outcome.js';
import { noActiveFinding } from './history-passed-over.js';
import type { Rule } from './rule.js';

/**
 * `emd-unclassified` (info): a finding whose site (and so its bone contact) is not
 * documented, or an uncoded plasmacytoma. Fires beside the other cards: the service never
 * drops a finding silently (rules page §6).
 */
export const emdUnclassified: Rule = {
  id: 'emd-unclassified',
  evaluate(facts) {
    const unclassified = activeOfClass(facts, 'unclassified');
    const textOnly = facts.findings.textOnly;
    if (unclassified.length === 0 && textOnly.length === 0)
      return noActiveFinding(
        this.id,
        'no unclassified finding and no text-only plasmacytoma',
        facts,
        'unclassified',
      );
    const listed = [referencesOf(unclassified), textOnly.map((t) => t.reference).join(', ')]
      .filter(Boolean)
      .join(', ');
    return fired(
      this.id,
      'info',
      facts,
      { findings: unclassified, textOnly },
      `unclassified or text-only: ${listed}`,
    );
  },
};
