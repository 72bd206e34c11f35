/**
 * `emd-cds stats` as text (src/cli/render-stats.ts): the period, in UTC and said so; one line
 * per rule and service, tab separated, with the cards served, how many could be accepted and
 * the share accepted ("—" when none could be, as the console shows it), silent and suppressed,
 * each per 100 hook calls; under it the reasons the cards did not offer. The report is written
 * out by hand: 40 calls, emd-soft-tissue served 2 (warning), neither offering a suggestion,
 * suppressed 3 (warning), so 5 and 7.5 per 100 calls.
 */
import { describe, expect, it } from 'vitest';
import { renderStats } from '../../src/cli/render-stats.js';
import type { RuleStatsWithRates, StatsReport } from '../../src/store/stats-report.js';

const none = { info: 0, warning: 0, critical: 0 };

const REPORT: StatsReport = {
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-12-01T00:00:00.000Z',
  hookCalls: { 'emd-patient-view': 40 },
  rules: [
    {
      ruleId: 'emd-soft-tissue',
      serviceId: 'emd-patient-view',
      served: 2,
      accepted: 0,
      overridden: 1,
      unanswered: 1,
      overrideReasons: [{ system: undefined, code: '(none)', count: 1 }],
      acceptance: { couldAccept: 0, accepted: 0, noSuggestion: 2, unknown: 0 },
      acceptedPercent: null,
      reasonsNotOffered: { reasons: [], others: 0 },
      otherClientFeedback: 0,
      byIndicator: { ...none, warning: 2 },
      silent: { cards: 0, byIndicator: none },
      suppressed: { cards: 3, byIndicator: { ...none, warning: 3 } },
      perHundredCalls: {
        served: { all: 5, info: 0, warning: 5, critical: 0 },
        silent: { all: 0, info: 0, warning: 0, critical: 0 },
        suppressed: { all: 7.5, info: 0, warning: 7.5, critical: 0 },
      },
    },
  ],
};

describe('renderStats', () => {
  it('says the period and the hours the calls are counted in are UTC', () => {
    const [period, calls] = renderStats(REPORT).split('\n');
    expect(period).toBe(
      'Cards served 2026-11-01T00:00:00.000Z – 2026-12-01T00:00:00.000Z (UTC, the end excluded)',
    );
    expect(calls).toBe('Hook calls (UTC hours overlapping the period): emd-patient-view 40');
  });

  it('shows the cards suppression hid beside those served and silent, per 100 calls', () => {
    const lines = renderStats(REPORT).split('\n');
    const header = lines.find((line) => line.startsWith('rule\t'))?.split('\t');
    const row = lines.find((line) => line.startsWith('emd-soft-tissue\t'))?.split('\t');
    expect(header?.slice(-2)).toEqual(['suppressed (i/w/c)', 'suppressed/100 calls (i/w/c)']);
    expect(row).toEqual([
      'emd-soft-tissue',
      'emd-patient-view',
      '2',
      '0',
      '1',
      '1',
      '0',
      '0',
      '0',
      '—',
      '2',
      '0',
      '5 (0/5/0)',
      '0 (0/0/0)',
      '0 (0/0/0)',
      '3 (0/3/0)',
      '7.5 (0/7.5/0)',
    ]);
  });

  it('shows acceptance as the console does: offered a suggestion, of those accepted, the share', () => {
    const lines = renderStats(REPORT).split('\n');
    const header = lines.find((line) => line.startsWith('rule\t'))?.split('\t');
    expect(header?.slice(7, 12)).toEqual([
      'offered a suggestion',
      'of those accepted',
      'accepted %',
      'offered none',
      'offers unknown',
    ]);
    const cns = renderStats({
      ...REPORT,
      rules: [
        {
          ...(REPORT.rules[0] as RuleStatsWithRates),
          ruleId: 'emd-cns',
          served: 7,
          acceptance: { couldAccept: 3, accepted: 1, noSuggestion: 2, unknown: 2 },
          acceptedPercent: 33.3,
        },
      ],
    });
    const row = cns.split('\n').find((line) => line.startsWith('emd-cns\t'));
    expect(row?.split('\t').slice(7, 12)).toEqual(['3', '1', '33.3', '2', '2']);
  });

  it('lists the reasons not offered under the rule, quoted, and counts all others', () => {
    const text = renderStats({
      ...REPORT,
      rules: [
        {
          ...(REPORT.rules[0] as RuleStatsWithRates),
          reasonsNotOffered: {
            reasons: [
              { system: 'https://ehr.example/own-reasons', code: 'c01', count: 3 },
              // A client's text: a tab, a new line, an escape sequence and a C1 control.
              { system: 'x', code: 'a\tb\nc\u001b[31md\u009be', count: 1 },
            ],
            others: 2,
          },
        },
      ],
    });
    const lines = text.split('\n');
    const at = lines.indexOf('\toverride reason (none): 1');
    expect(lines.slice(at + 1, at + 4)).toEqual([
      '\treason not offered "https://ehr.example/own-reasons|c01": 3',
      '\treason not offered "x|a\\tb\\nc\\u001b[31md\\u009be": 1',
      '\treasons not offered, all others: 2',
    ]);
    for (const control of ['\u001b', '\u009b']) expect(text).not.toContain(control);
  });
});
