/**
 * Rules view: the settings read only at start, as this node runs them (GET /admin/config's
 * `startOnly`), and whether the config file in force says otherwise, so an operator sees what
 * a restart would change before making one. The service sends no secret to show.
 */
import { html, type TemplateResult } from 'lit';
import type { MessageKey } from './i18n.js';
import type { ConfigView } from './types.js';

type Shown = ConfigView['startOnly']['settings'][number]['value'];

export function startSettingsView(
  t: Record<MessageKey, string>,
  startOnly: ConfigView['startOnly'],
): TemplateResult {
  return html`<section aria-labelledby="start-only-heading">
    <h3 id="start-only-heading">${t.startOnlyHeading}</h3>
    <p>${t.startOnlyHelp}</p>
    <div class="table-scroll" role="region" aria-labelledby="start-only-heading" tabindex="0">
      <table data-testid="start-only-table">
        <thead>
          <tr>
            <th scope="col">${t.setting}</th>
            <th scope="col">${t.variable}</th>
            <th scope="col">${t.valueInForce}</th>
            <th scope="col">${t.fileSaysOtherwise}</th>
          </tr>
        </thead>
        <tbody>
          ${startOnly.settings.map(
            (setting) =>
              html`<tr>
                <th scope="row"><code>${setting.setting}</code></th>
                <td>${setting.variable ? html`<code>${setting.variable}</code>` : '—'}</td>
                <td>${shown(t, setting.value)}</td>
                <td>
                  ${setting.restartNeeded ? html`<strong>${t.waitsForRestart}</strong>` : '—'}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <h4>${t.trustedIssuers}</h4>
    ${
      startOnly.trustedIssuers.length === 0
        ? html`<p><em>${t.none}</em></p>`
        : html`<ul>
            ${startOnly.trustedIssuers.map((issuer) => html`<li><code>${issuer}</code></li>`)}
          </ul>`
    }
  </section>`;
}

/** A value as the service sent it: lists inline, unset and booleans in words. */
function shown(t: Record<MessageKey, string>, value: Shown): TemplateResult | string {
  if (value === null) return html`<em>${t.unset}</em>`;
  if (typeof value === 'boolean') return value ? t.on : t.off;
  if (Array.isArray(value))
    return value.length === 0
      ? html`<em>${t.none}</em>`
      : html`<ul class="inline-list">
          ${value.map((item) => html`<li><code>${item}</code></li>`)}
        </ul>`;
  return html`<code>${String(value)}</code>`;
}
