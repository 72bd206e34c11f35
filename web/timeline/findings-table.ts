/** The findings as a table: the accessible, complete form of what the drawings show. */
import { html, type TemplateResult } from 'lit';
import { withAside } from './i18n.js';
import type { Labels } from './labels.js';
import { markKindOf, markShape } from './marks.js';
import type { TimelineModel, TimelineSource } from './timeline-model.js';

export function findingsTable(model: TimelineModel, labels: Labels): TemplateResult {
  const { t } = labels;
  if (model.findings.length === 0) return html`<p class="empty">${t.noFindings}</p>`;
  return html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="table-heading">
    <table class="findings">
      <thead>
        <tr>
          <th scope="col">${t.columns.site}</th>
          <th scope="col">${t.columns.findingClass}</th>
          <th scope="col">${t.columns.date}</th>
          <th scope="col">${t.columns.status}</th>
          <th scope="col">${t.columns.source}</th>
        </tr>
      </thead>
      <tbody>
        ${model.findings.map(
          (finding) =>
            html`<tr
              data-finding=${finding.id}
              data-class=${finding.findingClass ?? 'text-only'}
              data-status=${finding.status}
            >
              <th scope="row" class="site">${labels.sites(finding)}</th>
              <td class="class">
                <svg class="swatch" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                  ${markShape(markKindOf(finding.findingClass), 12, 12, {
                    size: 7,
                    hollow: finding.status === 'history',
                    dashed: finding.isUncertain,
                  })}
                </svg>
                <span>${labels.classLabel(finding.findingClass)}</span>
              </td>
              <td class="date">${labels.date(finding.date)}</td>
              <td class="status">${labels.status(finding)}</td>
              <td class="source">
                ${
                  finding.sources.length
                    ? finding.sources.map(
                        (s) => html`<span class="source-item">${sourceText(s, labels)}</span>`,
                      )
                    : t.noSource
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** A study or report a finding cites: its name, with its date aside. */
export function sourceText(source: TimelineSource, labels: Labels): string {
  return withAside(labels.t, labels.source(source), labels.date(source.date));
}
