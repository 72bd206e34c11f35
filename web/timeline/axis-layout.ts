/**
 * Layout of the time axis, pure: which lanes, and where on the x axis a date goes. Lanes are
 * the myeloma events, one per finding class present (in the rules page's order of
 * precedence), text-only mentions, then the imaging studies.
 */
import { FINDING_CLASSES } from '../../src/rules/types.js';
import type { MarkKind } from './marks.js';
import type { TimelineModel } from './timeline-model.js';
import { DAY_MS, fhirTimeMs } from '../../src/rules/time.js';
import { fitText } from './label-text.js';

/**
 * The axis's geometry in SVG units: about one unit a pixel at laptop and tablet widths, so the
 * 14px text stays readable; names on the left, marks between `left` and `right`.
 */
export const AXIS = { width: 800, left: 130, right: 770, laneHeight: 64, top: 30 } as const;

/**
 * The earliest a mark's centre can be drawn: `timeScale` pads the range by at least a twentieth
 * of its span on each side, so the first date lies at least 1/22 of the marks' width in.
 */
const FIRST_MARK_X = AXIS.left + (AXIS.right - AXIS.left) / 22;
/** How far a mark is drawn either side of its centre, at most (marks.ts: r 8, stroke 2.5). */
const MARK_HALF_WIDTH = 10;

const LANE_NAME_X = 8;

/**
 * Where a lane's name is written: from `x` to 2 units short of the earliest mark. It may reach
 * past `AXIS.left`, where labels may start, since labels go in rows above and below the lane's
 * centre line and the name sits on it.
 */
export const LANE_NAME = {
  x: LANE_NAME_X,
  room: FIRST_MARK_X - MARK_HALF_WIDTH - 2 - LANE_NAME_X,
} as const;

/**
 * A lane's name (bold), shortened to its room when a site's wording makes it too long, since
 * the marks start right of it; the legend names every class in full.
 */
export function fitLaneName(name: string): { text: string; whole: string | undefined } {
  const { text } = fitText(name, LANE_NAME.room, undefined, { bold: true });
  return { text, whole: text === name ? undefined : name };
}

export type Lane = { kind: 'myeloma' } | { kind: 'finding'; mark: MarkKind } | { kind: 'imaging' };

export function lanesOf(model: TimelineModel): Lane[] {
  const present = new Set(model.findings.map((f) => f.findingClass ?? 'textOnly'));
  return [
    { kind: 'myeloma' },
    ...[...FINDING_CLASSES, 'textOnly' as const]
      .filter((mark) => present.has(mark))
      .map((mark): Lane => ({ kind: 'finding', mark })),
    { kind: 'imaging' },
  ];
}

export interface TimeScale {
  x(iso: string | undefined): number | undefined;
  /** Tick times (ms), each the first of a month, calendar-aligned, with room for their dates. */
  ticks: readonly number[];
}

/**
 * Maps the model's date range onto [left, right], padded by a twentieth of the span (at
 * least 30 days) so marks at the ends stay inside.
 */
export function timeScale(
  range: { start: number; end: number },
  left: number,
  right: number,
): TimeScale {
  const pad = Math.max((range.end - range.start) / 20, 30 * DAY_MS);
  const start = range.start - pad;
  const end = range.end + pad;
  const x = (iso: string | undefined) => {
    if (!iso) return undefined;
    // FHIR's reading, as the rules': a leap second (…:60) is placed, not dropped (H66).
    const time = fhirTimeMs(iso);
    if (Number.isNaN(time)) return undefined;
    return left + ((time - start) / (end - start)) * (right - left);
  };
  // Ticks on the first of every `step` months, calendar-aligned (quarters, half-years,
  // years), with the smallest step whose shortest gap still leaves each tick's date room
  // beside the next.
  const unitsPerMs = (right - left) / (end - start);
  const step =
    TICK_STEPS.find(({ shortestDays }) => shortestDays * DAY_MS * unitsPerMs >= MIN_TICK_SPACING)
      ?.months ?? Math.ceil(MIN_TICK_SPACING / (365 * DAY_MS * unitsPerMs)) * 12;
  const ticks: number[] = [];
  const first = new Date(start);
  for (
    let month = first.getUTCFullYear() * 12 + first.getUTCMonth();
    Date.UTC(Math.floor(month / 12), month % 12, 1) <= end;
    month += 1
  ) {
    const time = Date.UTC(Math.floor(month / 12), month % 12, 1);
    if (time >= start && month % step === 0) ticks.push(time);
  }
  return { x, ticks };
}

/** Months between ticks, the shortest that fits first, and the fewest days such a gap spans. */
const TICK_STEPS = [
  { months: 1, shortestDays: 28 },
  { months: 2, shortestDays: 59 },
  { months: 3, shortestDays: 89 },
  { months: 6, shortestDays: 181 },
  { months: 12, shortestDays: 365 },
] as const;

/**
 * The least distance between two ticks, in SVG units: a tick's date at 14px ("Sep 30, 2026",
 * "2026年12月31日", about 105) is under 120 units wide, and is centred on its tick.
 */
export const MIN_TICK_SPACING = 120;
