/** The legend: every class's shape, colour and name, and how history and unconfirmed look. */
import { html, type TemplateResult } from 'lit';
import { FINDING_CLASSES } from '../../src/rules/types.js';
import type { Labels } from './labels.js';
import { markShape, type MarkKind } from './marks.js';

export function legend(labels: Labels): TemplateResult {
  const { t } = labels;
  const item = (
    kind: MarkKind,
    text: string,
    options: { hollow?: boolean; dashed?: boolean } = {},
  ) =>
    html`<li>
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
        ${markShape(kind, 12, 12, { size: 7, ...options })}
      </svg>
      ${text}
    </li>`;
  return html`<section class="legend" aria-labelledby="legend-heading">
    <h2 id="legend-heading" class="visually-hidden">${t.legend}</h2>
    <ul>
      ${FINDING_CLASSES.map((c) => item(c, labels.classLabel(c)))}
      ${item('textOnly', t.textOnlyClass)} ${item('emd', t.statuses.history, { hollow: true })}
      ${item('emd', t.statuses.uncertain, { dashed: true })}
    </ul>
  </section>`;
}
