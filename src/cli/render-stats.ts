/**
 * `emd-cds stats` as a plain-text table: how clinicians answered each rule's cards. Feedback
 * from a client other than the one that received the card is not counted as an answer; it is
 * shown apart, in its own column (issue #14).
 */
import type { RuleStats } from '../store/store.js';

export function renderStats(
  period: { from: string; to: string },
  rules: readonly RuleStats[],
): string {
  const lines = [`Cards served ${period.from} – ${period.to}`, ''];
  if (rules.length === 0) return `${lines.join('\n')}No cards served in this period.\n`;
  lines.push(
    ['rule', 'service', 'served', 'accepted', 'overridden', 'unanswered', 'other-client'].join(
      '\t',
    ),
  );
  for (const rule of rules) {
    lines.push(
      [
        rule.ruleId,
        rule.serviceId,
        rule.served,
        rule.accepted,
        rule.overridden,
        rule.unanswered,
        rule.otherClientFeedback,
      ].join('\t'),
    );
    for (const reason of rule.overrideReasons)
      lines.push(`\toverride reason ${reason.code}: ${String(reason.count)}`);
  }
  return `${lines.join('\n')}\n`;
}
