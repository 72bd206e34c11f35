/**
 * The legend: every class's shape, colour and name, how history and unconfirmed look, and how
 * a study is drawn by its status (H50), with the axis's own marks and words.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { FINDING_CLASSES } from '../../src/rules/types.js';
import type { Labels } from './labels.js';
import { markShape, type MarkKind } from './marks.js';
import { studyShape, STUDY_STYLE } from './study-marks.js';
import type { StudyLook } from './study-status.js';

const STUDY_LOOKS: readonly StudyLook[] = [
  'available',
  'entered-in-error',
  'cancelled',
  'registered',
  'unknown',
];

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
  // A study's bar as large as on the axis (one unit a pixel, as the axis is about at laptop
  // widths): smaller, the dashes and dots that tell the statuses apart ran together. A study
  // entered in error shows a struck word, as its name is struck on the axis.
  const studyItem = (look: StudyLook) =>
    html`<li class="legend-study" data-status=${look}>
      <svg viewBox="0 0 14 28" width="14" height="28" aria-hidden="true">
        ${studyShape(look, 7, 14)}
      </svg>
      ${STUDY_STYLE[look].isStruck ? html`<span class="struck">${t.studyName}</span>` : nothing}
      ${look === 'available' ? t.studyAvailable : t.studyStatus[look]}
    </li>`;
  return html`<section class="legend" aria-labelledby="legend-heading">
    <h2 id="legend-heading" class="visually-hidden">${t.legend}</h2>
    <ul>
      ${FINDING_CLASSES.map((c) => item(c, labels.classLabel(c)))}
      ${item('textOnly', t.textOnlyClass)} ${item('emd', t.statuses.history, { hollow: true })}
      ${item('emd', t.statuses.uncertain, { dashed: true })} ${STUDY_LOOKS.map(studyItem)}
    </ul>
  </section>`;
}
