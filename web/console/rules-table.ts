/**
 * The Rules view's table of rules: each rule on or off, its mode (docs/go-live.md: silent
 * rules are audited, never shown), its level and where the level comes from, suppression
 * after an override, and the acknowledgement a critical rule's change needs.
 */
import { html, type TemplateResult } from 'lit';
import type { MessageKey } from './i18n.js';
import { indicatorBadge } from './indicator-badge.js';
import type { ConfigView } from './types.js';

type Rule = ConfigView['rules'][number];

export function rulesTable(t: Record<MessageKey, string>, rules: readonly Rule[]): TemplateResult {
  return html`<section aria-labelledby="rules-heading">
    <h3 id="rules-heading">${t.rules}</h3>
    <div class="table-scroll" role="region" aria-labelledby="rules-heading" tabindex="0">
      <table data-testid="rules-table">
        <thead>
          <tr>
            <th scope="col">${t.rule}</th>
            <th scope="col">${t.enabled}</th>
            <th scope="col">${t.mode}</th>
            <th scope="col">${t.indicator}</th>
            <th scope="col">${t.levelFrom}</th>
            <th scope="col">${t.suppression}</th>
            <th scope="col">${t.suppressCritical}</th>
            <th scope="col">${t.acknowledgement}</th>
          </tr>
        </thead>
        <tbody>
          ${rules.map(
            (rule) =>
              html`<tr data-rule=${rule.id}>
                <th scope="row"><code>${rule.id}</code></th>
                <td>${rule.enabled ? t.on : t.off}</td>
                <td data-col="mode">${modeText(t, rule)}</td>
                <td>${indicatorBadge(t, rule.indicator)}</td>
                <td>${rule.indicatorSource === 'config' ? t.fromConfig : t.fromRulesPage}</td>
                <td>${rule.suppressAfterOverrideDays ?? '—'}</td>
                <td>${suppressesCritical(t, rule)}</td>
                <td>${rule.acknowledgement ?? '—'}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}

/**
 * The rule's mode (docs/go-live.md): "silent" says its cards are audited, never shown, which
 * the indicator beside it does not. A rule switched off has no mode in force: "—".
 */
function modeText(t: Record<MessageKey, string>, rule: Rule) {
  if (!rule.enabled) return '—';
  return rule.mode === 'silent'
    ? html`<strong title=${t.silentModeHelp}>${t.silent}</strong>`
    : t.live;
}

/** Whether critical cards are hidden too: "—" while the rule suppresses nothing. */
function suppressesCritical(t: Record<MessageKey, string>, rule: Rule) {
  if (rule.suppressAfterOverrideDays === null) return '—';
  return rule.suppressCritical ? t.on : t.off;
}
