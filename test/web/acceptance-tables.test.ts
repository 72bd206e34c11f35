/**
 * The console's acceptance and reasons-not-offered tables (web/console/acceptance-tables.ts),
 * from a hand-written /admin/stats answer: "—" where no card could be accepted (CDS Hooks 2.0
 * §Feedback accepts suggestions), the share and raw counts elsewhere, in English and Chinese;
 * a client's reason goes into the page as a bound value, which lit sets as text, never as
 * markup.
 */
import { describe, expect, it } from 'vitest';
import type { RuleStatsWithRates } from '../../src/store/stats-report.js';
import { templateText } from '../support/template-text.js';

const none = { info: 0, warning: 0, critical: 0 };
const HOSTILE = '<img src=x onerror=alert(1)>';

function rule(
  ruleId: string,
  fields: Pick<RuleStatsWithRates, 'acceptance' | 'acceptedPercent' | 'reasonsNotOffered'>,
): RuleStatsWithRates {
  const { couldAccept, noSuggestion, unknown } = fields.acceptance;
  const served = couldAccept + noSuggestion + unknown;
  return {
    ruleId,
    serviceId: 'emd-patient-view',
    served,
    accepted: fields.acceptance.accepted,
    overridden: 0,
    unanswered: served - fields.acceptance.accepted,
    overrideReasons: [],
    ...fields,
    otherClientFeedback: 0,
    byIndicator: { ...none, info: served },
    silent: { cards: 0, byIndicator: none },
    suppressed: { cards: 0, byIndicator: none },
    perHundredCalls: { served: null, silent: null, suppressed: null },
  };
}

const STATS = [
  rule('emd-cns', {
    acceptance: { couldAccept: 4, accepted: 1, noSuggestion: 0, unknown: 2 },
    acceptedPercent: 25,
    reasonsNotOffered: { reasons: [], others: 0 },
  }),
  rule('emd-paraskeletal', {
    acceptance: { couldAccept: 0, accepted: 0, noSuggestion: 3, unknown: 0 },
    acceptedPercent: null,
    reasonsNotOffered: {
      reasons: [{ system: 'urn:x', code: HOSTILE, count: 2 }],
      others: 5,
    },
  }),
];

/** The strings bound as values anywhere in a template (lit sets each as text). */
function boundStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(boundStrings);
  if (typeof value === 'object' && value !== null && 'values' in value)
    return (value as { values: unknown[] }).values.flatMap(boundStrings);
  return [];
}
/** The template's own markup: its literal parts only. */
function markup(value: unknown): string {
  if (Array.isArray(value)) return value.map(markup).join('');
  if (typeof value !== 'object' || value === null || !('strings' in value)) return '';
  const { strings, values } = value as { strings: string[]; values: unknown[] };
  return strings.join('') + values.map(markup).join('');
}

// The view's modules are typed with the DOM (web/tsconfig.json), which this tsconfig leaves
// out: imported by a path tsc does not follow, as ../http/console-numbers.ts does.
const TABLES = '../../web/console/acceptance-tables.js';
const I18N = '../../web/console/i18n.js';
type Table = (t: unknown, stats: readonly RuleStatsWithRates[]) => unknown;

async function tables(language: 'en' | 'zh-CN') {
  const views = (await import(TABLES)) as { acceptanceTable: Table; reasonsNotOfferedTable: Table };
  const { messages } = (await import(I18N)) as { messages: (l: string) => unknown };
  const t = messages(language);
  return {
    acceptance: views.acceptanceTable(t, STATS),
    notOffered: views.reasonsNotOfferedTable(t, STATS),
  };
}

/** Each body row's cells by data-col, keyed by the rule. */
function rows(text: string): Record<string, Record<string, string>> {
  const body = text.slice(text.indexOf('<tbody>'), text.indexOf('</tbody>'));
  return Object.fromEntries(
    body
      .split('<tr data-key=')
      .slice(1)
      .map((row) => [
        /^"?([^"\s>]+)/.exec(row)?.[1] ?? '',
        Object.fromEntries(
          [...row.matchAll(/data-col="?([a-z-]+)"?>([^<]*)</g)].map((m) => [
            m[1] ?? '',
            (m[2] ?? '').trim(),
          ]),
        ),
      ]),
  );
}

describe('the acceptance table', () => {
  it('shows the share of the cards that could be accepted, and "—" where none could', async () => {
    for (const language of ['en', 'zh-CN'] as const) {
      const text = templateText((await tables(language)).acceptance);
      expect({ language, rows: rows(text) }).toEqual({
        language,
        rows: {
          'emd-cns': {
            'could-accept': '4',
            'accepted-of-those': '1',
            'accepted-percent': '25',
            'no-suggestion': '0',
            unknown: '2',
          },
          'emd-paraskeletal': {
            'could-accept': '0',
            'accepted-of-those': '0',
            'accepted-percent': '—',
            'no-suggestion': '3',
            unknown: '0',
          },
        },
      });
    }
    const en = templateText((await tables('en')).acceptance);
    expect(en).toContain('Acceptance of the cards that could be accepted');
    expect(en).toContain('Offered a suggestion');
    const zh = templateText((await tables('zh-CN')).acceptance);
    expect(zh).toContain('可被接受的卡片的接受情况');
    expect(zh).toContain('提供了建议');
  });
});

describe('the reasons-not-offered table', () => {
  it('lists each reason as system|code with its count, then the others together', async () => {
    const en = templateText((await tables('en')).notOffered);
    expect(en).toContain(`urn:x|${HOSTILE}`);
    expect(en).toMatch(/All others\s*<\/td>\s*<td data-col="count">5</);
    const zh = templateText((await tables('zh-CN')).notOffered);
    expect(zh).toMatch(/其他所有\s*<\/td>\s*<td data-col="count">5</);
  });

  it("binds a client's reason as a value, never as the template's markup", async () => {
    const { notOffered } = await tables('en');
    expect(boundStrings(notOffered)).toContain(`urn:x|${HOSTILE}`);
    expect(markup(notOffered)).not.toContain('<img');
  });
});
