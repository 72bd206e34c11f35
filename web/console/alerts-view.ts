/**
 * Alerts: per rule, cards served / accepted / overridden / unanswered (and, apart, feedback from
 * another client than the one the card was served to) over a period, per day,
 * and override reasons ranked; live and silent per 100 hook calls (./silent-table.ts); the
 * share accepted of the cards that could be, and the reasons no card offered
 * (./acceptance-tables.ts). Every chart has the same numbers in a table beside it.
 */
import { html, type TemplateResult } from 'lit';
import { drawStackedBars, type Outcome, type StackedSeries } from './charts.js';
import { fillIn, type MessageKey } from './i18n.js';
import type { AlertsState } from './state.js';
import { byDay, byRule } from './alert-series.js';
import { liveAndSilentTable } from './silent-table.js';
import { acceptanceTable, reasonsNotOfferedTable } from './acceptance-tables.js';
import type { ConfigView } from './types.js';

const OUTCOMES: readonly Outcome[] = ['accepted', 'overridden', 'unanswered'];

export interface AlertsActions {
  change(patch: Partial<AlertsState>): void;
  load(): void;
}

function series(
  t: Record<MessageKey, string>,
  labels: string[],
  rows: readonly Record<Outcome, number>[],
): StackedSeries {
  return {
    labels,
    series: OUTCOMES.map((outcome) => ({
      outcome,
      label: t[outcome],
      values: rows.map((row) => row[outcome]),
    })),
  };
}

/** Draws the charts once the view is in the page. */
export function drawAlertCharts(t: Record<MessageKey, string>, state: AlertsState): void {
  if (!state.stats || !state.daily || !state.loaded) return;
  const rules = byRule(state.stats);
  const days = byDay(state.daily, state.loaded);
  drawStackedBars(
    'chart-per-rule',
    series(
      t,
      rules.map((r) => r.ruleId),
      rules,
    ),
  );
  drawStackedBars(
    'chart-per-day',
    series(
      t,
      days.map((d) => d.day),
      days,
    ),
  );
}

function countsTable(
  t: Record<MessageKey, string>,
  caption: string,
  firstColumn: string,
  rows: readonly (Record<Outcome | 'served', number> & { key: string; otherClient?: number })[],
  testId: string,
): TemplateResult {
  // Per rule only: the daily series has no other clients' feedback (go-live.md).
  const withOther = rows.some((row) => row.otherClient !== undefined);
  return html`<div class="table-scroll" role="region" aria-label=${caption} tabindex="0">
    <table data-testid=${testId}>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${firstColumn}</th>
          <th scope="col">${t.served}</th>
          ${OUTCOMES.map(
            (o) =>
              html`<th scope="col">
                ${t[o]}${o === 'accepted' ? html`<sup aria-hidden="true">*</sup>` : ''}
              </th>`,
          )}
          ${withOther ? html`<th scope="col">${t.otherClient}</th>` : ''}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) =>
            html`<tr data-key=${row.key}>
              <th scope="row"><code>${row.key}</code></th>
              <td data-col="served">${row.served}</td>
              ${OUTCOMES.map((o) => html`<td data-col=${o}>${row[o]}</td>`)}
              ${withOther ? html`<td data-col="other-client">${row.otherClient ?? 0}</td>` : ''}
            </tr>`,
        )}
      </tbody>
    </table>
    <p class="muted" data-testid="accepted-help">
      <sup aria-hidden="true">*</sup> ${t.acceptedHelp}
    </p>
  </div>`;
}

export function alertsView(
  t: Record<MessageKey, string>,
  state: AlertsState,
  config: ConfigView | undefined,
  language: string,
  actions: AlertsActions,
): TemplateResult {
  const value = (event: Event) => (event.target as HTMLInputElement).value;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    actions.load();
  };
  const rules = state.stats ? byRule(state.stats) : [];
  const days = state.daily && state.loaded ? byDay(state.daily, state.loaded) : [];
  const reasonCell = (code: string) => {
    const said = STATS_REASON_WORDS[code];
    if (said) return t[said];
    const display = config?.overrideReasons.codes.find((c) => c.code === code)?.display[language];
    return html`${display ?? code} (<code>${code}</code>)`;
  };
  const reasons = rules
    .flatMap((r) => r.overrideReasons.map((reason) => ({ ruleId: r.ruleId, ...reason })))
    .sort((a, b) => b.count - a.count || (a.ruleId < b.ruleId ? -1 : 1));
  return html`<h2>${t.alerts}</h2>
    <form class="row period" @submit=${submit}>
      <div>
        <label for="from">${t.from}</label>
        <input
          id="from"
          type="date"
          required
          .value=${state.from}
          @change=${(e: Event) => {
            actions.change({ from: value(e) });
          }}
        />
      </div>
      <div>
        <label for="to">${t.to}</label>
        <input
          id="to"
          type="date"
          required
          .value=${state.to}
          @change=${(e: Event) => {
            actions.change({ to: value(e) });
          }}
        />
      </div>
      <button type="submit" aria-disabled=${state.loading ? 'true' : 'false'}>
        ${state.loading ? t.loading : t.show}
      </button>
    </form>
    <p class="muted" data-testid="period-help">${t.periodHelp}</p>
    <p id="alerts-status" role="status">${alertsStatus(t, state, rules.length)}</p>
    <p class="error" role="alert">${state.error ?? ''}</p>
    ${state.stats && rules.length === 0 ? html`<p data-testid="no-alerts">${t.noData}</p>` : ''}
    ${
      rules.length > 0
        ? html`<section aria-labelledby="per-rule-heading">
              <h3 id="per-rule-heading">${t.perRule}</h3>
              <div class="chart">
                <canvas
                  id="chart-per-rule"
                  role="img"
                  aria-label=${`${t.perRule}. ${t.chartAlt}`}
                ></canvas>
              </div>
              ${countsTable(
                t,
                t.perRule,
                t.rule,
                rules.map((r) => ({ ...r, key: r.ruleId, otherClient: r.otherClientFeedback })),
                'per-rule-table',
              )}
            </section>
            ${acceptanceTable(t, state.stats ?? [])}
            ${liveAndSilentTable(t, state.stats ?? [], state.hookCalls ?? {}, config)}
            <section aria-labelledby="per-day-heading">
              <h3 id="per-day-heading">${t.perDay}</h3>
              <div class="chart">
                <canvas
                  id="chart-per-day"
                  role="img"
                  aria-label=${`${t.perDay}. ${t.chartAlt}`}
                ></canvas>
              </div>
              <details>
                <summary>${t.perDay}</summary>
                ${countsTable(
                  t,
                  t.perDay,
                  t.day,
                  days.map((d) => ({ ...d, key: d.day })),
                  'per-day-table',
                )}
              </details>
            </section>
            <section aria-labelledby="reasons-heading">
              <h3 id="reasons-heading">${t.reasonsRanked}</h3>
              <div
                class="table-scroll"
                role="region"
                aria-labelledby="reasons-heading"
                tabindex="0"
              >
                <table data-testid="reasons-table">
                  <thead>
                    <tr>
                      <th scope="col">${t.rule}</th>
                      <th scope="col">${t.reason}</th>
                      <th scope="col">${t.count}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${
                      reasons.length === 0
                        ? html`<tr>
                            <td colspan="3">${t.none}</td>
                          </tr>`
                        : reasons.map(
                            (r) =>
                              html`<tr data-code=${r.code}>
                                <td><code>${r.ruleId}</code></td>
                                <td>${reasonCell(r.code)}</td>
                                <td data-col="count">${r.count}</td>
                              </tr>`,
                          )
                    }
                  </tbody>
                </table>
              </div>
            </section>
            ${reasonsNotOfferedTable(t, state.stats ?? [])}`
        : ''
    }`;
}

/**
 * The statistics' two words for an override without a reason of the card's own
 * (docs/go-live.md): said in the console's language, not shown as a code beside itself.
 */
const STATS_REASON_WORDS: Readonly<Record<string, MessageKey>> = {
  '(none)': 'reasonNone',
  '(not offered)': 'reasonNotOffered',
};

/**
 * The loading and what was loaded, in words, in a status region that is always on the page:
 * one added with its text is not announced, one whose text changes is (WCAG 4.1.3). The tables
 * themselves are not live: read out whole, they would drown the news.
 */
function alertsStatus(t: Record<MessageKey, string>, state: AlertsState, rules: number): string {
  if (state.loading) return t.loading;
  if (!state.stats || !state.loaded) return '';
  if (rules === 0) return t.noData;
  return fillIn(t.alertsShown, { n: rules, from: state.loaded.first, to: state.loaded.last });
}
