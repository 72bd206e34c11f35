/**
 * Alerts: per rule and service, as the API gives them (docs/go-live.md "Read the statistics"),
 * the cards a clinician could accept and the share accepted of those, and the override reasons
 * no card offered, by the code the client sent. CDS Hooks 2.0 §Feedback accepts a card's
 * suggestions, so a rule whose cards offer none has no acceptance to show: "—", never 0 %.
 * Every client text goes into the page through lit's text bindings, escaped.
 */
import { html, type TemplateResult } from 'lit';
import type { MessageKey } from './i18n.js';
import type { RuleStatsWithRates } from './types.js';

type Messages = Record<MessageKey, string>;

export function acceptanceTable(t: Messages, stats: readonly RuleStatsWithRates[]): TemplateResult {
  return html`<section aria-labelledby="acceptance-heading">
    <h3 id="acceptance-heading">${t.acceptance}</h3>
    <p>${t.acceptanceHelp}</p>
    <div class="table-scroll" role="region" aria-labelledby="acceptance-heading" tabindex="0">
      <table data-testid="acceptance-table">
        <thead>
          <tr>
            <th scope="col">${t.rule}</th>
            <th scope="col">${t.service}</th>
            <th scope="col">${t.couldAccept}</th>
            <th scope="col">${t.acceptedOfThose}</th>
            <th scope="col">${t.acceptedPercent}</th>
            <th scope="col">${t.noSuggestion}</th>
            <th scope="col">${t.suggestionsUnknown}</th>
          </tr>
        </thead>
        <tbody>
          ${stats.map(
            (rule) =>
              html`<tr data-key=${`${rule.ruleId} ${rule.serviceId}`}>
                <th scope="row"><code>${rule.ruleId}</code></th>
                <td><code>${rule.serviceId}</code></td>
                <td data-col="could-accept">${rule.acceptance.couldAccept}</td>
                <td data-col="accepted-of-those">${rule.acceptance.accepted}</td>
                <td data-col="accepted-percent">${rule.acceptedPercent ?? '—'}</td>
                <td data-col="no-suggestion">${rule.acceptance.noSuggestion}</td>
                <td data-col="unknown">${rule.acceptance.unknown}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}

export function reasonsNotOfferedTable(
  t: Messages,
  stats: readonly RuleStatsWithRates[],
): TemplateResult {
  const rows = stats.flatMap((rule) => {
    const { reasons, others } = rule.reasonsNotOffered;
    const listed = reasons.map((r) => ({ rule, text: `${r.system}|${r.code}`, count: r.count }));
    return others > 0 ? [...listed, { rule, text: undefined, count: others }] : listed;
  });
  return html`<section aria-labelledby="not-offered-heading">
    <h3 id="not-offered-heading">${t.reasonsNotOffered}</h3>
    <p>${t.reasonsNotOfferedHelp}</p>
    <div class="table-scroll" role="region" aria-labelledby="not-offered-heading" tabindex="0">
      <table data-testid="not-offered-table">
        <thead>
          <tr>
            <th scope="col">${t.rule}</th>
            <th scope="col">${t.service}</th>
            <th scope="col">${t.reason}</th>
            <th scope="col">${t.count}</th>
          </tr>
        </thead>
        <tbody>
          ${
            rows.length === 0
              ? html`<tr>
                  <td colspan="4">${t.none}</td>
                </tr>`
              : rows.map(
                  (row) =>
                    html`<tr>
                      <td><code>${row.rule.ruleId}</code></td>
                      <td><code>${row.rule.serviceId}</code></td>
                      <td data-col="reason">
                        ${row.text === undefined ? t.otherReasons : html`<code>${row.text}</code>`}
                      </td>
                      <td data-col="count">${row.count}</td>
                    </tr>`,
                )
          }
        </tbody>
      </table>
    </div>
  </section>`;
}
