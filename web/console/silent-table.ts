/**
 * Alerts, issue #17: per rule and service, the cards served next to the cards a silent rule
 * would have shown and the cards suppression hid after an override, each per 100 hook calls
 * of the service and by indicator, with the rule's mode in the running configuration. A
 * table, not a chart: these are the numbers a go-live or suppression decision is made on.
 */
import { html, type TemplateResult } from 'lit';
import type { MessageKey } from './i18n.js';
import type { CallRate, ConfigView, RuleStatsWithRates } from './types.js';

function rate(value: CallRate | null): string {
  if (value === null) return '–';
  return `${String(value.all)} (${String(value.info)} / ${String(value.warning)} / ${String(value.critical)})`;
}

export function liveAndSilentTable(
  t: Record<MessageKey, string>,
  stats: readonly RuleStatsWithRates[],
  hookCalls: Readonly<Record<string, number>>,
  config: ConfigView | undefined,
): TemplateResult {
  const modeOf = (ruleId: string) => config?.rules.find((rule) => rule.id === ruleId)?.mode;
  return html`<section aria-labelledby="silent-heading">
    <h3 id="silent-heading">${t.liveAndSilent}</h3>
    <p>${t.liveAndSilentHelp}</p>
    <p data-testid="hook-calls">
      ${t.hookCalls}:
      ${
        Object.entries(hookCalls)
          .map(([service, calls]) => `${service} ${String(calls)}`)
          .join(', ') || '0'
      }
    </p>
    <div class="table-scroll" role="region" aria-labelledby="silent-heading" tabindex="0">
      <table data-testid="silent-table">
        <thead>
          <tr>
            <th scope="col">${t.rule}</th>
            <th scope="col">${t.service}</th>
            <th scope="col">${t.mode}</th>
            <th scope="col">${t.servedPer100}</th>
            <th scope="col">${t.silentCards}</th>
            <th scope="col">${t.silentPer100}</th>
            <th scope="col">${t.suppressedCards}</th>
            <th scope="col">${t.suppressedPer100}</th>
          </tr>
        </thead>
        <tbody>
          ${stats.map((rule) => {
            const mode = modeOf(rule.ruleId);
            return html`<tr data-key=${`${rule.ruleId} ${rule.serviceId}`}>
              <th scope="row"><code>${rule.ruleId}</code></th>
              <td><code>${rule.serviceId}</code></td>
              <td data-col="mode">${mode === undefined ? '' : t[mode]}</td>
              <td data-col="served-per-100">${rate(rule.perHundredCalls.served)}</td>
              <td data-col="silent">${rule.silent.cards}</td>
              <td data-col="silent-per-100">${rate(rule.perHundredCalls.silent)}</td>
              <td data-col="suppressed">${rule.suppressed.cards}</td>
              <td data-col="suppressed-per-100">${rate(rule.perHundredCalls.suppressed)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
  </section>`;
}
