/**
 * The imaging lane's studies: each drawn by what its status says was done (./study-marks.ts,
 * H50), its label in a row where it overlaps no other (./label-rows.ts).
 */
import { nothing, svg } from 'lit';
import { AXIS } from './axis-layout.js';
import { estimateTextWidth, isLeftward, labelExtent, rowOffset, stackRows } from './label-rows.js';
import type { Labels } from './labels.js';
import { markLabel } from './mark-label.js';
import { studyShape, STUDY_STYLE } from './study-marks.js';
import { studyLookOf } from './study-status.js';
import type { TimelineStudy } from './timeline-model.js';

const STUDY_LABEL_GAP = 9;

export interface PlacedStudy {
  study: TimelineStudy;
  x: number;
  /** The label's row (./label-rows.ts), so no two labels overlap. */
  row: number;
}

/** The dated studies, in the model's (date) order, each with its x and the row of its label. */
export function placeStudies(
  studies: readonly TimelineStudy[],
  x: (iso: string | undefined) => number | undefined,
  labels: Labels,
): PlacedStudy[] {
  const dated = studies.flatMap((study) => {
    const sx = x(study.date);
    return sx === undefined ? [] : [{ study, x: sx }];
  });
  const rows = stackRows(
    dated.map(({ study, x: sx }) =>
      labelExtent(
        sx,
        estimateTextWidth(studyLabelText(study, labels)),
        STUDY_LABEL_GAP,
        isLeftward(sx, AXIS.left, AXIS.right),
      ),
    ),
  );
  return dated.map((placed, index) => ({ ...placed, row: rows[index] ?? 0 }));
}

/** A study's label as written: its name, then its status in words when not available. */
export function studyLabelText(study: TimelineStudy, labels: Labels): string {
  const status = labels.studyStatus(study);
  return status ? `${labels.study(study)} (${status})` : labels.study(study);
}

/**
 * A study on the imaging lane (centre y), its label in its row. One not drawn as done says why
 * in words, on the axis and in its accessible name: neither strike, outline nor dash is read
 * out, nor seen by everyone.
 */
export function studyMark({ study, x, row }: PlacedStudy, y: number, labels: Labels) {
  const look = studyLookOf(study);
  const status = labels.studyStatus(study);
  const name = [labels.study(study), labels.date(study.date), ...(status ? [status] : [])].join(
    ', ',
  );
  const struck = STUDY_STYLE[look].isStruck ? 'struck' : '';
  const text = [
    svg`<tspan class=${struck}>${labels.study(study)}</tspan>`,
    status ? ` (${status})` : '',
  ];
  return svg`<g class="mark study" data-study=${study.reference} data-status=${look} data-void=${study.voidStatus ?? nothing} tabindex="0" role="img" aria-label=${name}>
    <title>${name}</title>
    ${studyShape(look, x, y)}
    ${markLabel(x, y + rowOffset(row), text, STUDY_LABEL_GAP)}
  </g>`;
}
