/**
 * `emd-cds stats` as a plain-text table: how clinicians answered each rule's cards. Feedback
 * from a client other than the one that received the card is not counted as an answer; it is
 * shown apart, in its own column (issue #14). Beside the cards served, a silent rule's cards
 * (issue #17) and the cards suppression hid after an override, and each per 100 hook calls of
 * the service: all, then info/warning/critical.
 */
import type { CallRate, StatsReport } from '../store/stats-report.js';
import type { IndicatorCounts } from '../store/store.js';

const byLevel = (counts: IndicatorCounts) =>
  `${String(counts.info)}/${String(counts.warning)}/${String(counts.critical)}`;

const rate = (value: CallRate | null) =>
  value === null ? '-' : `${String(value.all)} (${byLevel(value)})`;

export function renderStats(report: StatsReport): string {
  // The period's ends are UTC instants (src/store/stats-period.ts); say so in words too.
  const lines = [`Cards served ${report.from} – ${report.to} (UTC, the end excluded)`];
  const calls = Object.entries(report.hookCalls);
  lines.push(
    calls.length === 0
      ? 'Hook calls (UTC hours overlapping the period): none counted'
      : `Hook calls (UTC hours overlapping the period): ${calls.map(([service, n]) => `${service} ${String(n)}`).join(', ')}`,
    '',
  );
  if (report.rules.length === 0) return `${lines.join('\n')}No cards served in this period.\n`;
  lines.push(
    [
      'rule',
      'service',
      'served',
      'accepted',
      'overridden',
      'unanswered',
      'other-client',
      'served/100 calls (i/w/c)',
      'silent (i/w/c)',
      'silent/100 calls (i/w/c)',
      'suppressed (i/w/c)',
      'suppressed/100 calls (i/w/c)',
    ].join('\t'),
  );
  for (const rule of report.rules) {
    lines.push(
      [
        rule.ruleId,
        rule.serviceId,
        rule.served,
        rule.accepted,
        rule.overridden,
        rule.unanswered,
        rule.otherClientFeedback,
        rate(rule.perHundredCalls.served),
        `${String(rule.silent.cards)} (${byLevel(rule.silent.byIndicator)})`,
        rate(rule.perHundredCalls.silent),
        `${String(rule.suppressed.cards)} (${byLevel(rule.suppressed.byIndicator)})`,
        rate(rule.perHundredCalls.suppressed),
      ].join('\t'),
    );
    for (const reason of rule.overrideReasons)
      lines.push(`\toverride reason ${reason.code}: ${String(reason.count)}`);
  }
  return `${lines.join('\n')}\n`;
}
