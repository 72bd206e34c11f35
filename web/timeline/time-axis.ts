/**
 * The time axis (SVG): myeloma diagnosis and relapses, each finding as a mark by class with
 * its site and date, the imaging studies, and a dashed line from each finding to the study
 * that found it. Marks are focusable, with their full description as accessible name.
 */
import { html, svg, type TemplateResult } from 'lit';
import { AXIS, lanesOf, timeScale, type Lane } from './axis-layout.js';
import { placeStudies, studyMark } from './imaging-lane.js';
import { extraLaneHeight } from './label-rows.js';
import { shortName, type Labels } from './labels.js';
import { markLabel as label } from './mark-label.js';
import { markKindOf, markShape } from './marks.js';
import type { TimelineModel } from './timeline-model.js';

const { width: WIDTH, left: LEFT, right: RIGHT, laneHeight: LANE_HEIGHT, top: TOP } = AXIS;

export function timeAxis(model: TimelineModel, labels: Labels): TemplateResult {
  const { t } = labels;
  if (!model.range) return html`<p class="empty">${t.noFindings}</p>`;
  const lanes = lanesOf(model);
  const scale = timeScale(model.range, LEFT, RIGHT);
  const laneY = (lane: Lane) =>
    TOP + LANE_HEIGHT / 2 + LANE_HEIGHT * lanes.findIndex((l) => sameLane(l, lane));
  const imagingY = laneY({ kind: 'imaging' });
  // The imaging lane, last, grows downward when its labels need more than two rows.
  const studies = placeStudies(model.studies, (iso) => scale.x(iso), labels);
  const extra = extraLaneHeight(Math.max(0, ...studies.map((s) => s.row + 1)));
  const height = TOP + LANE_HEIGHT * lanes.length + extra + 30;
  // Findings on the same day in the same lane are stacked, so no mark hides another.
  const points = new Map<string, { x: number; y: number }>();
  const groups = new Map<string, string[]>();
  for (const finding of model.findings) {
    const x = scale.x(finding.date);
    if (x === undefined) continue;
    const kind = markKindOf(finding.findingClass);
    const key = `${kind}|${Math.round(x / 4)}`;
    groups.set(key, [...(groups.get(key) ?? []), finding.id]);
    points.set(finding.id, { x, y: laneY({ kind: 'finding', mark: kind }) });
  }
  for (const ids of groups.values())
    ids.forEach((id, i) => {
      const point = points.get(id);
      if (point) point.y += (i - (ids.length - 1) / 2) * Math.min(20, 48 / ids.length);
    });
  const bottom = height - 24;

  return html`<svg
    class="time-axis"
    viewBox="0 0 ${WIDTH} ${height}"
    role="group"
    aria-labelledby="axis-heading"
    aria-describedby="axis-description"
  >
    ${lanes.map((lane, index) => {
      const y = TOP + LANE_HEIGHT * index;
      return svg`<g class="lane">
        <rect x="0" y=${y} width=${WIDTH} height=${LANE_HEIGHT + (lane.kind === 'imaging' ? extra : 0)} fill=${index % 2 ? '#f5f6f8' : '#ffffff'}></rect>
        <text x="8" y=${y + LANE_HEIGHT / 2 + 5} class="lane-label">${laneLabel(lane, labels)}</text>
      </g>`;
    })}
    ${scale.ticks.map((tick) => {
      const x = scale.x(new Date(tick).toISOString()) ?? 0;
      return svg`<g class="tick" aria-hidden="true">
        <line x1=${x} x2=${x} y1=${TOP} y2=${bottom} stroke="#c4c9d2"></line>
        <text x=${x} y=${height - 8} text-anchor="middle">${labels.date(new Date(tick).toISOString())}</text>
      </g>`;
    })}
    ${model.studies.flatMap((study) => {
      const sx = scale.x(study.date);
      if (sx === undefined) return [];
      return study.findingIds.flatMap((id) => {
        const point = points.get(id);
        if (!point) return [];
        const { x, y } = point;
        return [
          svg`<line class="evidence" x1=${x} y1=${y} x2=${sx} y2=${imagingY} stroke="#6b7280" stroke-width="1.5" stroke-dasharray="4 3" aria-hidden="true"></line>`,
        ];
      });
    })}
    ${model.myelomaEvents.map((event, index) => {
      const x = scale.x(event.date);
      if (x === undefined) return svg``;
      const y = laneY({ kind: 'myeloma' });
      const name = `${t.events[event.kind]}: ${labels.date(event.date)} (${event.label})`;
      return svg`<g class="mark event" data-event=${event.kind} tabindex="0" role="img" aria-label=${name}>
        <title>${name}</title>
        <line x1=${x} x2=${x} y1=${y - 14} y2=${y + 14} stroke="#111827" stroke-width="3"></line>
        ${label(x, y + (index % 2 ? 24 : -10), t.events[event.kind], 6)}
      </g>`;
    })}
    ${model.findings.map((finding, index) => {
      const point = points.get(finding.id);
      if (!point) return svg``;
      const { x, y } = point;
      const kind = markKindOf(finding.findingClass);
      const name = `${labels.classLabel(finding.findingClass)}: ${labels.sites(finding)}, ${labels.date(finding.date)}, ${labels.status(finding)}`;
      return svg`<g class="mark finding" data-class=${finding.findingClass ?? 'text-only'} data-finding=${finding.id} tabindex="0" role="img" aria-label=${name}>
        <title>${name}</title>
        ${markShape(kind, x, y, { hollow: finding.status === 'history', dashed: finding.isUncertain })}
        ${label(x, y + (index % 2 ? 24 : -12), labels.sites(finding), 12)}
      </g>`;
    })}
    ${studies.map((placed) => studyMark(placed, imagingY, labels))}
  </svg>`;
}

function laneLabel(lane: Lane, labels: Labels): string {
  switch (lane.kind) {
    case 'myeloma':
      return labels.t.lanes.myeloma;
    case 'imaging':
      return labels.t.lanes.imaging;
    case 'finding':
      // The short name (before any parenthesis); the legend and each mark give the full one.
      return shortName(labels.classLabel(lane.mark === 'textOnly' ? undefined : lane.mark));
  }
}

function sameLane(a: Lane, b: Lane): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind !== 'finding' || b.kind !== 'finding' || a.mark === b.mark;
}
