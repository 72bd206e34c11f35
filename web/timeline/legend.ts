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

/** How the legend shows a finding's mark: as an active one, a history one or an unconfirmed one. */
type FindingLook = 'active' | 'history' | 'uncertain';

export function legend(labels: Labels): TemplateResult {
  const { t } = labels;
  // A finding's mark at the lanes' size (markShape's own, one unit a pixel, as the axis is about
  // at laptop widths), in a box that holds the largest shape, the diamond (20 across, and its
  // stroke); drawn smaller, the legend's marks were two thirds the size of the marks they explain.
  // Its kind is data-mark, not data-class: the page gives that to a drawn finding only, and a
  // test reads every data-class on the page as one.
  const item = (kind: MarkKind, text: string, look: FindingLook = 'active') =>
    html`<li class="legend-finding" data-mark=${kind} data-look=${look}>
      <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
        ${markShape(kind, 12, 12, { hollow: look === 'history', dashed: look === 'uncertain' })}
      </svg>
      ${text}
    </li>`;
  // A study's bar as large as on the axis (one unit a pixel, as the axis is about at laptop
  // widths): smaller, the dashes and dots that tell the statuses apart ran together. A study
  // entered in error shows a struck word, as its name is struck on the axis, then its status: one
  // flex item with the locale's space between (none in Chinese), not two items the flex gap
  // parts, nor markup whitespace.
  const studyItem = (look: StudyLook) =>
    html`<li class="legend-study" data-status=${look}>
      <svg viewBox="0 0 14 28" width="14" height="28" aria-hidden="true">
        ${studyShape(look, 7, 14)}
      </svg>
      <span
        >${
          STUDY_STYLE[look].isStruck
            ? html`<span class="struck">${t.studyName}</span>${t.wordSpace}`
            : nothing
        }${look === 'available' ? t.studyAvailable : t.studyStatus[look]}</span
      >
    </li>`;
  return html`<section class="legend" aria-labelledby="legend-heading">
    <h2 id="legend-heading" class="visually-hidden">${t.legend}</h2>
    <ul>
      ${FINDING_CLASSES.map((c) => item(c, labels.classLabel(c)))}
      ${item('textOnly', t.textOnlyClass)} ${item('emd', t.statuses.history, 'history')}
      ${item('emd', t.statuses.uncertain, 'uncertain')} ${STUDY_LOOKS.map(studyItem)}
    </ul>
  </section>`;
}
