/**
 * `emd-cds stats` as a plain-text table: how clinicians answered each rule's cards. Feedback
 * from a client other than the one that received the card is not counted as an answer; it is
 * shown apart, in its own column (issue #14). Beside the cards served, a silent rule's cards
 * (issue #17) and the cards suppression hid after an override, and each per 100 hook calls of
 * the service: all, then info/warning/critical. Acceptance as the API and the console give it
 * (docs/go-live.md "Read the statistics"): the cards that offered a suggestion, of those
 * accepted, the share accepted ("—" when none could be: no rate, not 0 %), those that offered
 * none and those not known; and under each rule the reasons its cards did not offer, by code.
 */
import type { CallRate, RuleStatsWithRates, StatsReport } from '../store/stats-report.js';
import type { IndicatorCounts } from '../store/store.js';

const byLevel = (counts: IndicatorCounts) =>
  `${String(counts.info)}/${String(counts.warning)}/${String(counts.critical)}`;

const rate = (value: CallRate | null) =>
  value === null ? '-' : `${String(value.all)} (${byLevel(value)})`;

/** As the console's Alerts view shows it (web/console/acceptance-tables.ts). */
const percent = (value: number | null) => (value === null ? '—' : String(value));

/**
 * A client's text (a reason's system and code), quoted as JSON with every control, line or
 * direction character escaped: it can then neither end the line or the column nor drive the
 * terminal, and its ends are seen.
 */
function quoted(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The columns of a rule's line, in order. */
const HEADER = [
  'rule',
  'service',
  'served',
  'accepted',
  'overridden',
  'unanswered',
  'other-client',
  'offered a suggestion',
  'of those accepted',
  'accepted %',
  'offered none',
  'offers unknown',
  'served/100 calls (i/w/c)',
  'silent (i/w/c)',
  'silent/100 calls (i/w/c)',
  'suppressed (i/w/c)',
  'suppressed/100 calls (i/w/c)',
];

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
  lines.push(HEADER.join('\t'), ...report.rules.flatMap(ruleLines));
  return `${lines.join('\n')}\n`;
}

/** A rule's line, then its override reasons and the reasons its cards did not offer. */
function ruleLines(rule: RuleStatsWithRates): string[] {
  const { acceptance } = rule;
  const { reasons, others } = rule.reasonsNotOffered;
  return [
    [
      rule.ruleId,
      rule.serviceId,
      rule.served,
      rule.accepted,
      rule.overridden,
      rule.unanswered,
      rule.otherClientFeedback,
      acceptance.couldAccept,
      acceptance.accepted,
      percent(rule.acceptedPercent),
      acceptance.noSuggestion,
      acceptance.unknown,
      rate(rule.perHundredCalls.served),
      `${String(rule.silent.cards)} (${byLevel(rule.silent.byIndicator)})`,
      rate(rule.perHundredCalls.silent),
      `${String(rule.suppressed.cards)} (${byLevel(rule.suppressed.byIndicator)})`,
      rate(rule.perHundredCalls.suppressed),
    ].join('\t'),
    ...rule.overrideReasons.map((r) => `\toverride reason ${r.code}: ${String(r.count)}`),
    ...reasons.map(
      (r) => `\treason not offered ${quoted(`${r.system}|${r.code}`)}: ${String(r.count)}`,
    ),
    ...(others > 0 ? [`\treasons not offered, all others: ${String(others)}`] : []),
  ];
}
