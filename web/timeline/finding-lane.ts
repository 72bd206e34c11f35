/**
 * The myeloma lane's events and each finding lane's findings: every mark with its label in a
 * row where it overlaps no other label of its lane (./label-rows.ts), as the imaging lane's
 * studies (./imaging-lane.ts). Findings on the same day in the same lane are also stacked,
 * so no mark hides another.
 */
import { svg } from 'lit';
import { AXIS } from './axis-layout.js';
import { layOutMarks, rowOffset, type DrawnLabel, type LaneLayout } from './label-rows.js';
import { withAside } from './i18n.js';
import type { Labels } from './labels.js';
import { labelLeader, markLabel } from './mark-label.js';
import { markKindOf, markShape, type MarkKind } from './marks.js';
import type { MyelomaEvent } from './myeloma-events.js';
import type { TimelineFinding } from './timeline-model.js';

const FINDING_LABEL_GAP = 12;
const EVENT_LABEL_GAP = 6;

type X = (iso: string | undefined) => number | undefined;

export interface PlacedFinding extends DrawnLabel {
  finding: TimelineFinding;
  x: number;
  /** The mark's offset from the lane's centre line: findings of one day stand one above another. */
  dy: number;
}

export interface PlacedEvent extends DrawnLabel {
  event: MyelomaEvent;
  x: number;
}

/** The dated findings of each class's lane, in the model's (date) order. */
export function placeFindings(
  findings: readonly TimelineFinding[],
  x: X,
  labels: Labels,
): Map<MarkKind, LaneLayout<PlacedFinding>> {
  const byKind = new Map<MarkKind, { finding: TimelineFinding; x: number }[]>();
  for (const finding of findings) {
    const fx = x(finding.date);
    if (fx === undefined) continue;
    const kind = markKindOf(finding.findingClass);
    byKind.set(kind, [...(byKind.get(kind) ?? []), { finding, x: fx }]);
  }
  const lanes = new Map<MarkKind, LaneLayout<PlacedFinding>>();
  for (const [kind, dated] of byKind) {
    const days = new Map<number, number[]>();
    dated.forEach(({ x: fx }, i) => {
      const day = Math.round(fx / 4);
      days.set(day, [...(days.get(day) ?? []), i]);
    });
    const dy: number[] = [];
    for (const same of days.values())
      same.forEach(
        (i, k) => (dy[i] = (k - (same.length - 1) / 2) * Math.min(20, 48 / same.length)),
      );
    const lane = layOutMarks(
      dated,
      ({ finding }) => ({ text: labels.sites(finding), gap: FINDING_LABEL_GAP }),
      AXIS,
    );
    lanes.set(kind, {
      placed: lane.placed.map((placed, i) => ({ ...placed, dy: dy[i] ?? 0 })),
      extra: lane.extra,
    });
  }
  return lanes;
}

/** The dated myeloma events, in the model's (date) order. */
export function placeEvents(
  events: readonly MyelomaEvent[],
  x: X,
  labels: Labels,
): LaneLayout<PlacedEvent> {
  const dated = events.flatMap((event) => {
    const ex = x(event.date);
    return ex === undefined ? [] : [{ event, x: ex }];
  });
  return layOutMarks(
    dated,
    ({ event }) => ({ text: labels.t.events[event.kind], gap: EVENT_LABEL_GAP }),
    AXIS,
  );
}

/** A finding's full description: its class, then its sites, date and status. */
export function findingName(finding: TimelineFinding, labels: Labels): string {
  const { colon, comma } = labels.t;
  return `${labels.classLabel(finding.findingClass)}${colon}${labels.sites(finding)}${comma}${labels.date(finding.date)}${comma}${labels.status(finding)}`;
}

/** A myeloma event's full description: what happened, then when, and the Condition's name. */
export function eventName(event: MyelomaEvent, labels: Labels): string {
  const { t } = labels;
  return `${t.events[event.kind]}${t.colon}${withAside(t, labels.date(event.date), event.label)}`;
}

/** A finding on its lane (centre line y), its full description as its accessible name. */
export function findingMark(placed: PlacedFinding, y: number, labels: Labels) {
  const { finding, x, dy, row } = placed;
  const kind = markKindOf(finding.findingClass);
  const name = findingName(finding, labels);
  return svg`<g class="mark finding" data-class=${finding.findingClass ?? 'text-only'} data-finding=${finding.id} tabindex="0" role="img" aria-label=${name}>
    <title>${name}</title>
    ${labelLeader(placed, y + dy, y + rowOffset(row))}
    ${markShape(kind, x, y + dy, { hollow: finding.status === 'history', dashed: finding.isUncertain })}
    ${markLabel(placed, y + rowOffset(row))}
  </g>`;
}

/** A myeloma event on the myeloma lane (centre line y). */
export function eventMark(placed: PlacedEvent, y: number, labels: Labels) {
  const { event, x, row } = placed;
  const name = eventName(event, labels);
  return svg`<g class="mark event" data-event=${event.kind} tabindex="0" role="img" aria-label=${name}>
    <title>${name}</title>
    ${labelLeader(placed, y, y + rowOffset(row))}
    <line x1=${x} x2=${x} y1=${y - 14} y2=${y + 14} stroke="#111827" stroke-width="3"></line>
    ${markLabel(placed, y + rowOffset(row))}
  </g>`;
}
