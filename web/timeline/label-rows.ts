/**
 * Where each lane's labels go so that none writes over another: marks days apart sit a few
 * pixels apart on a year's axis, and labels that alternated above and below their mark still
 * met the one two marks before (H50: a study's status words, a finding's site, must stay
 * readable). Every lane (myeloma events, each finding class, imaging) is laid out alike by
 * `layOutLane`, and grows by the rows it needs. Pure and measured without a DOM (text widths
 * are estimated, never under), so it runs under vitest in Node; the browser tests check the
 * drawn boxes.
 */

export interface Extent {
  start: number;
  end: number;
}

/** The axis's text size (timeline.css `.time-axis`), in the SVG's units. */
export const LABEL_FONT_SIZE = 14;
/** Baseline to baseline, a little over the font size. */
export const ROW_HEIGHT = 17;

// Ideographs and full-width forms take a full em; no Latin glyph of the sans-serif fonts the
// app asks for is wider than 0.7 em but m, w and capitals such as M and W, which are few in a
// label, and spaces and punctuation are far narrower, so 0.7 em over-estimates every label.
const FULL_WIDTH =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** A label's width, never less than drawn (in the SVG's units). */
export function estimateTextWidth(text: string, fontSize = LABEL_FONT_SIZE): number {
  let ems = 0;
  for (const char of text) ems += FULL_WIDTH.test(char) ? 1 : 0.7;
  return ems * fontSize;
}

/** Where labels may go: marks between `left` and `right`, the drawing `width` wide. */
export interface Bounds {
  left: number;
  right: number;
  width: number;
}

/**
 * Labels in the right third of the axis are written leftward of their mark, so none runs off
 * the drawing's right edge.
 */
export function isLeftward(x: number, left: number, right: number): boolean {
  return x > left + (right - left) * 0.66;
}

/** Where a label `width` wide starts and ends, `gap` from its mark at x. */
export function labelExtent(x: number, width: number, gap: number, leftward: boolean): Extent {
  return leftward
    ? { start: x - gap - width, end: x - gap }
    : { start: x + gap, end: x + gap + width };
}

/**
 * Each label's row: the first in which it is at least `spacing` clear of every label already
 * placed, taking the labels in the order given (the studies' date order), so a label keeps
 * row 0 unless an earlier one is in its way.
 */
export function stackRows(extents: readonly Extent[], spacing = 6): number[] {
  const rows: Extent[][] = [];
  return extents.map((extent) => {
    const clear = (placed: Extent) =>
      extent.end + spacing <= placed.start || placed.end + spacing <= extent.start;
    let row = rows.findIndex((placed) => placed.every(clear));
    if (row === -1) row = rows.push([]) - 1;
    rows[row]?.push(extent);
    return row;
  });
}

/**
 * A row's baseline, from the lane's centre line (where its marks are): row 0 above it, every
 * other row below it, one line further down each; the lane grows downward to hold them (see
 * `extraLaneHeight`), so no row reaches into the lane above.
 */
export function rowOffset(row: number): number {
  return row === 0 ? -16 : 26 + ROW_HEIGHT * (row - 1);
}

/** How much taller than usual the lane must be for `rows` rows of labels (two fit). */
export function extraLaneHeight(rows: number): number {
  return Math.max(0, rows - 2) * ROW_HEIGHT;
}

/** A label to place: its mark's x, its text's (estimated) width, its gap from the mark. */
export interface LaneLabel {
  x: number;
  width: number;
  gap: number;
}

export interface PlacedLabel {
  row: number;
  leftward: boolean;
}

/**
 * Which side of its mark a label goes: rightward, or leftward in the axis's right third
 * (`isLeftward`); the other side when the label would run off the drawing's right edge or into
 * the lane names (left of `bounds.left`) and fits there; when it fits on neither side, the side
 * with more room.
 */
export function sideOf({ x, width, gap }: LaneLabel, bounds: Bounds): boolean {
  const fitsLeft = x - gap - width >= bounds.left;
  const fitsRight = x + gap + width <= bounds.width;
  const preferred = isLeftward(x, bounds.left, bounds.right);
  if (preferred ? fitsLeft : fitsRight) return preferred;
  if (preferred ? fitsRight : fitsLeft) return !preferred;
  return x - bounds.left > bounds.width - x;
}

/**
 * One lane's labels, in the order given (date order): each one's side and row, and how much
 * taller than usual the lane must be to hold its rows.
 */
export function layOutLane(
  labels: readonly LaneLabel[],
  bounds: Bounds,
): { placed: PlacedLabel[]; extra: number } {
  const sides = labels.map((label) => sideOf(label, bounds));
  const rows = stackRows(
    labels.map(({ x, width, gap }, i) => labelExtent(x, width, gap, sides[i] ?? false)),
  );
  return {
    placed: rows.map((row, i) => ({ row, leftward: sides[i] ?? false })),
    extra: extraLaneHeight(rows.reduce((most, row) => Math.max(most, row + 1), 0)),
  };
}

/** A lane's marks with their labels' places, and how much taller than usual it must be. */
export interface LaneLayout<T> {
  placed: T[];
  extra: number;
}

/**
 * A lane's marks (in date order, each at its x) with their labels' rows and sides, the labels'
 * text and gap given by `labelOf`; each lane of the axis is laid out this way.
 */
export function layOutMarks<T extends { x: number }>(
  marks: readonly T[],
  labelOf: (mark: T) => { text: string; gap: number },
  bounds: Bounds,
): LaneLayout<T & PlacedLabel> {
  const lane = layOutLane(
    marks.map((mark) => {
      const { text, gap } = labelOf(mark);
      return { x: mark.x, width: estimateTextWidth(text), gap };
    }),
    bounds,
  );
  return {
    placed: marks.map((mark, i) => ({
      ...mark,
      ...(lane.placed[i] ?? { row: 0, leftward: false }),
    })),
    extra: lane.extra,
  };
}
