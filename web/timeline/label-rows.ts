/**
 * Where each lane's labels go so that none writes over another: marks days apart sit a few
 * pixels apart on a year's axis, and labels that alternated above and below their mark still
 * met the one two marks before (H50: a study's status words, a finding's site, must stay
 * readable). Every lane (myeloma events, each finding class, imaging) is laid out alike by
 * `layOutLane`, and grows by the rows it needs. Every label stays inside the drawing, right of
 * the lane names: one that would run past an edge is moved along its row to that edge, and one
 * wider than that room is shortened. Pure and measured without a DOM (text widths are
 * estimated, never under), so it runs under vitest in Node; the browser tests check the drawn
 * boxes.
 */
import { fitText } from './label-text.js';

export interface Extent {
  start: number;
  end: number;
}

/** Baseline to baseline, a little over the font size. */
export const ROW_HEIGHT = 17;

/**
 * Where labels may go: marks between `left` and `right`, the drawing `width` wide, the lane
 * names left of `left`.
 */
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
 * A label to stack: where its text lies and, when it was moved from beside its mark, the
 * mark's x, where its leader line runs from its row to the mark.
 */
export interface RowItem extends Extent {
  leaderX?: number | undefined;
}

/**
 * Each label's row: the first in which it is at least `spacing` clear of every label already
 * placed and of every leader line crossing that row, taking the labels in the order given, so
 * a label keeps row 0 unless an earlier one is in its way. A leader from row 0 (above the
 * mark) or row 1 (just below it) crosses no row; one from a lower row crosses the rows between,
 * and the labels placed after it keep clear of it there.
 */
export function stackRows(items: readonly RowItem[], spacing = 6): number[] {
  const rows: Extent[][] = [];
  return items.map((item) => {
    const clear = (placed: Extent) =>
      item.end + spacing <= placed.start || placed.end + spacing <= item.start;
    let row = rows.findIndex((placed) => placed.every(clear));
    if (row === -1) row = rows.push([]) - 1;
    rows[row]?.push(item);
    if (item.leaderX !== undefined)
      for (let crossed = 1; crossed < row; crossed += 1)
        rows[crossed]?.push({ start: item.leaderX, end: item.leaderX });
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

/**
 * Where a label is written: its row, its side, its text's x and `text-anchor`, and whether it
 * was moved from beside its mark to keep it inside the drawing (it is then drawn with a leader
 * line to its mark: the words no longer start or end at the mark, and may span its neighbours).
 */
export interface PlacedLabel {
  row: number;
  leftward: boolean;
  textX: number;
  anchor: 'start' | 'end';
  moved: boolean;
}

/**
 * How far inside the drawing's right edge a label ends: drawn boxes are measured in whole
 * pixels, and a label anchored on the edge itself could round past it.
 */
export const EDGE = 4;

/**
 * Which side of its mark a label goes: rightward, or leftward in the axis's right third
 * (`isLeftward`); the other side when the label would run off the drawing's right edge or into
 * the lane names (left of `bounds.left`) and fits there; when it fits on neither side, the side
 * with more room (`anchorOf` then keeps it inside).
 */
export function sideOf({ x, width, gap }: LaneLabel, bounds: Bounds): boolean {
  const fitsLeft = x - gap - width >= bounds.left;
  const fitsRight = x + gap + width <= bounds.width - EDGE;
  const preferred = isLeftward(x, bounds.left, bounds.right);
  if (preferred ? fitsLeft : fitsRight) return preferred;
  if (preferred ? fitsRight : fitsLeft) return !preferred;
  return x - bounds.left > bounds.width - x;
}

/**
 * Where a label's text is anchored and where it then lies: beside its mark, or, when there it
 * would run past the drawing's right edge or into the lane names (it fits on neither side of its
 * mark), moved along its row to end at that edge or to start where the marks do. Never over the
 * lane names: they sit between a lane's label rows with little room to spare above and below.
 * `width` is at most the room between (`fitText` in `layOutMarks`).
 */
export function anchorOf(
  { x, width, gap }: LaneLabel,
  leftward: boolean,
  bounds: Bounds,
): Pick<PlacedLabel, 'textX' | 'anchor' | 'moved'> & { extent: Extent } {
  const { start, end } = labelExtent(x, width, gap, leftward);
  const right = bounds.width - EDGE;
  if (end > right)
    return {
      textX: right,
      anchor: 'end',
      moved: true,
      extent: { start: right - width, end: right },
    };
  if (start < bounds.left)
    return {
      textX: bounds.left,
      anchor: 'start',
      moved: true,
      extent: { start: bounds.left, end: bounds.left + width },
    };
  return {
    textX: leftward ? end : start,
    anchor: leftward ? 'end' : 'start',
    moved: false,
    extent: { start, end },
  };
}

/**
 * One lane's labels, given in date order: each one's side and row, and how much taller than
 * usual the lane must be to hold its rows. Labels moved from beside their marks take their
 * rows first (in date order), so theirs are the rows nearest the marks and their leader lines
 * cross no label placed before them; the rest follow in date order and keep clear of those
 * lines. Only a third label too wide for the room, in one lane, can still have its leader
 * cross another (a moved one's) text.
 */
export function layOutLane(
  labels: readonly LaneLabel[],
  bounds: Bounds,
): { placed: PlacedLabel[]; extra: number } {
  const anchored = labels.map((label) => {
    const leftward = sideOf(label, bounds);
    return { x: label.x, leftward, ...anchorOf(label, leftward, bounds) };
  });
  const items = anchored.map(({ extent, moved, x }, index) => ({
    ...extent,
    leaderX: moved ? x : undefined,
    index,
  }));
  const order = [
    ...items.filter((item) => item.leaderX !== undefined),
    ...items.filter((item) => item.leaderX === undefined),
  ];
  const rows: number[] = [];
  for (const [k, row] of stackRows(order).entries()) rows[order[k]?.index ?? k] = row;
  return {
    placed: anchored.map(({ leftward, textX, anchor, moved }, i) => ({
      row: rows[i] ?? 0,
      leftward,
      textX,
      anchor,
      moved,
    })),
    extra: extraLaneHeight(rows.reduce((most, row) => Math.max(most, row + 1), 0)),
  };
}

/** A lane's marks with their labels' places, and how much taller than usual it must be. */
export interface LaneLayout<T> {
  placed: T[];
  extra: number;
}

/** A label as written: where (`PlacedLabel`), its text, and its whole text when shortened. */
export interface DrawnLabel extends PlacedLabel {
  text: string;
  whole: string | undefined;
}

/**
 * A lane's marks (in date order, each at its x) with their labels' rows, sides and text, the
 * labels' whole text and gap given by `labelOf`; each lane of the axis is laid out this way.
 */
export function layOutMarks<T extends { x: number }>(
  marks: readonly T[],
  labelOf: (mark: T) => { text: string; gap: number },
  bounds: Bounds,
): LaneLayout<T & DrawnLabel> {
  const labels = marks.map((mark) => {
    const { text, gap } = labelOf(mark);
    const fitted = fitText(text, bounds.width - EDGE - bounds.left);
    return { x: mark.x, gap, ...fitted, whole: fitted.text === text ? undefined : text };
  });
  const lane = layOutLane(labels, bounds);
  return {
    placed: marks.map((mark, i) => ({
      ...mark,
      ...(lane.placed[i] ?? {
        row: 0,
        leftward: false,
        textX: mark.x,
        anchor: 'start' as const,
        moved: false,
      }),
      text: labels[i]?.text ?? '',
      whole: labels[i]?.whole,
    })),
    extra: lane.extra,
  };
}
