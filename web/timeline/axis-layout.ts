/**
 * Layout of the time axis, pure: which lanes, and where on the x axis a date goes. Lanes are
 * the myeloma events, one per finding class present (in the rules page's order of
 * precedence), text-only mentions, then the imaging studies.
 */
import { FINDING_CLASSES } from '../../src/rules/types.js';
import type { MarkKind } from './marks.js';
import type { TimelineModel } from './timeline-model.js';
import { DAY_MS } from '../../src/rules/time.js';

/**
 * The axis's geometry in SVG units: about one unit a pixel at laptop and tablet widths, so the
 * 14px text stays readable; names on the left, marks between `left` and `right`.
 */
export const AXIS = { width: 800, left: 130, right: 770, laneHeight: 64, top: 30 } as const;

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
  /** Evenly spaced tick times (ms), first of a month. */
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
  tickCount = 6,
): TimeScale {
  const pad = Math.max((range.end - range.start) / 20, 30 * DAY_MS);
  const start = range.start - pad;
  const end = range.end + pad;
  const x = (iso: string | undefined) => {
    if (!iso) return undefined;
    const time = Date.parse(iso);
    if (Number.isNaN(time)) return undefined;
    return left + ((time - start) / (end - start)) * (right - left);
  };
  const ticks: number[] = [];
  for (let i = 0; i < tickCount; i += 1) {
    const raw = new Date(start + ((i + 0.5) / tickCount) * (end - start));
    const month = Date.UTC(raw.getUTCFullYear(), raw.getUTCMonth(), 1);
    if (!ticks.includes(month)) ticks.push(month);
  }
  return { x, ticks };
}
