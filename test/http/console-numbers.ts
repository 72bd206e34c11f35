/**
 * What the console's Alerts view shows for a period, without a browser: the admin API's
 * answers as web/console/actions.ts loads them, folded by web/console/alert-series.ts and
 * rendered by web/console/alerts-view.ts into text (../support/template-text.ts).
 */
import { byDay, byRule } from '../../web/console/alert-series.js';
import type { DailyRuleStats } from '../../web/console/types.js';
import type { StatsReport } from '../../src/store/stats-report.js';
import { templateText } from '../support/template-text.js';
import { adminGet, type Day } from './scripted-day.js';

export interface ConsoleNumbers {
  perRule: ReturnType<typeof byRule>;
  perDay: ReturnType<typeof byDay>;
  daily: DailyRuleStats[];
  /** The per-rule table as rendered: rule id, then each cell by its data-col. */
  perRuleTable: Record<string, Record<string, string>>;
  /** The override reasons table as rendered: each row's code, rule, reason as read, count. */
  reasonsTable: { code: string; rule: string; reason: string; count: string }[];
}

/** The console with "from" and "to" (inclusive, as its form has them) set to the days given. */
export async function consoleNumbers(
  day: Day,
  first: string,
  last: string,
): Promise<ConsoleNumbers> {
  // The form's "to" is inclusive: the console asks the API for [from, to + 1 day).
  const end = new Date(Date.parse(last) + 86_400_000).toISOString().slice(0, 10);
  const query = `from=${first}&to=${end}`;
  const stats = (await adminGet(day, `/admin/stats?${query}`)) as StatsReport;
  const { days } = (await adminGet(day, `/admin/stats/daily?${query}`)) as {
    days: DailyRuleStats[];
  };
  const state = {
    from: first,
    to: last,
    loading: false,
    error: undefined,
    stats: stats.rules,
    hookCalls: stats.hookCalls,
    daily: days,
    loaded: { first, last },
  };
  const text = templateText(await renderAlertsView(state));
  return {
    perRule: byRule(stats.rules),
    perDay: byDay(days, { first, last }),
    daily: days,
    perRuleTable: tableCells(text, 'per-rule-table'),
    reasonsTable: reasonRows(text),
  };
}

function tableCells(text: string, testId: string): Record<string, Record<string, string>> {
  const table = text.slice(text.indexOf(`data-testid=${testId}`));
  const body = table.slice(0, table.indexOf('</table>'));
  const rows: Record<string, Record<string, string>> = {};
  for (const row of body.split('<tr data-key=').slice(1)) {
    const key = /^"?([^">\s]+)/.exec(row)?.[1] ?? '';
    const cells = [...row.matchAll(/data-col="?([a-z-]+)"?>([^<]*)</g)];
    rows[key] = Object.fromEntries(cells.map((m) => [m[1] ?? '', (m[2] ?? '').trim()]));
  }
  return rows;
}

/** The text of some HTML, each tag cut out (lit's comment markers included). */
function withoutTags(html: string): string {
  return html
    .split('<')
    .map((part, i) => (i === 0 ? part : part.slice(part.indexOf('>') + 1)))
    .join('');
}

/** The reasons table's rows, each cell's text with its tags taken out. */
function reasonRows(text: string): ConsoleNumbers['reasonsTable'] {
  const table = text.slice(text.indexOf('data-testid="reasons-table"'));
  const body = table.slice(0, table.indexOf('</table>'));
  return body
    .split('<tr data-code=')
    .slice(1)
    .map((row) => {
      const code = /^"?([^">]+)"?>/.exec(row)?.[1] ?? '';
      const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) =>
        withoutTags(m[1] ?? '')
          .replace(/\s+/g, ' ')
          .trim(),
      );
      return { code, rule: cells[0] ?? '', reason: cells[1] ?? '', count: cells[2] ?? '' };
    });
}

/**
 * The Alerts view, imported by a path tsc does not follow: the view's modules are typed with
 * the DOM (web/tsconfig.json), which the tests' tsconfig leaves out; lit's templates need
 * no DOM to be built, only to be rendered.
 */
const VIEW = '../../web/console/alerts-view.js';
const I18N = '../../web/console/i18n.js';

async function renderAlertsView(state: object): Promise<unknown> {
  const { alertsView } = (await import(VIEW)) as {
    alertsView: (...args: unknown[]) => unknown;
  };
  const { messages } = (await import(I18N)) as { messages: (language: string) => unknown };
  const actions = { change: () => undefined, load: () => undefined };
  return alertsView(messages('en'), state, undefined, 'en', actions);
}
