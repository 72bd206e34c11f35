/**
 * The imaging lane's studies: each drawn by what its status says was done (./study-marks.ts,
 * H50), its label in a row where it overlaps no other (./label-rows.ts).
 */
import { nothing, svg } from 'lit';
import { AXIS } from './axis-layout.js';
import { withAside } from './i18n.js';
import { layOutMarks, rowOffset, type DrawnLabel, type LaneLayout } from './label-rows.js';
import type { Labels } from './labels.js';
import { labelLeader, markLabel } from './mark-label.js';
import { studyShape, STUDY_STYLE } from './study-marks.js';
import { studyLookOf } from './study-status.js';
import type { TimelineStudy } from './timeline-model.js';

const STUDY_LABEL_GAP = 9;

/** A study, its x, and its label's row and side (./label-rows.ts), so no two labels overlap. */
export interface PlacedStudy extends DrawnLabel {
  study: TimelineStudy;
  x: number;
}

/**
 * The dated studies, in the model's (date) order, each with its x and its label's place, and
 * how much taller than usual the imaging lane must be for them.
 */
export function placeStudies(
  studies: readonly TimelineStudy[],
  x: (iso: string | undefined) => number | undefined,
  labels: Labels,
): LaneLayout<PlacedStudy> {
  const dated = studies.flatMap((study) => {
    const sx = x(study.date);
    return sx === undefined ? [] : [{ study, x: sx }];
  });
  return layOutMarks(
    dated,
    ({ study }) => ({ text: studyLabelText(study, labels), gap: STUDY_LABEL_GAP }),
    AXIS,
  );
}

/** A study's label as written: its name, then its status in words when not available. */
export function studyLabelText(study: TimelineStudy, labels: Labels): string {
  const status = labels.studyStatus(study);
  return status ? withAside(labels.t, labels.study(study), status) : labels.study(study);
}

/** A study's full description: its name, date, and its status in words when not available. */
export function studyName(study: TimelineStudy, labels: Labels): string {
  const status = labels.studyStatus(study);
  return [labels.study(study), labels.date(study.date), ...(status ? [status] : [])].join(
    labels.t.comma,
  );
}

/**
 * A study on the imaging lane (centre y), its label in its row. One not drawn as done says why
 * in words, on the axis and in its accessible name: neither strike, outline nor dash is read
 * out, nor seen by everyone.
 */
export function studyMark(placed: PlacedStudy, y: number, labels: Labels) {
  const { study, x, row, text } = placed;
  const look = studyLookOf(study);
  const name = studyName(study, labels);
  // The label starts with the study's name (`studyLabelText`), or as much of it as is shown.
  const struck = STUDY_STYLE[look].isStruck ? 'struck' : '';
  const nameLength = labels.study(study).length;
  const content = [
    svg`<tspan class=${struck}>${text.slice(0, nameLength)}</tspan>`,
    text.slice(nameLength),
  ];
  return svg`<g class="mark study" data-study=${study.reference} data-status=${look} data-void=${study.voidStatus ?? nothing} tabindex="0" role="img" aria-label=${name}>
    <title>${name}</title>
    ${labelLeader(placed, y, y + rowOffset(row))}
    ${studyShape(look, x, y)}
    ${markLabel(placed, y + rowOffset(row), content)}
  </g>`;
}
