/**
 * The time axis (SVG): myeloma diagnosis and relapses, each finding as a mark by class with
 * its site and date, the imaging studies, and a dashed line from each finding to the study
 * that found it. Marks are focusable, with their full description as accessible name.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { axisNotes } from './axis-notes.js';
import { AXIS, fitLaneName, LANE_NAME, lanesOf, timeScale, type Lane } from './axis-layout.js';
import { eventMark, findingMark, placeEvents, placeFindings } from './finding-lane.js';
import { placeStudies, studyMark } from './imaging-lane.js';
import { shortName, type Labels } from './labels.js';
import type { TimelineModel } from './timeline-model.js';

const { width: WIDTH, left: LEFT, right: RIGHT, laneHeight: LANE_HEIGHT, top: TOP } = AXIS;

export function timeAxis(model: TimelineModel, labels: Labels): TemplateResult {
  const { t } = labels;
  const notes = axisNotes(model, labels);
  const undated = notes.undated.length
    ? html`<p class="note undated">${t.undated}${t.colon}${notes.undated.join(t.itemSeparator)}</p>`
    : nothing;
  const empty = notes.noFindings ? html`<p class="empty">${t.noFindings}</p>` : nothing;
  if (!model.range) return html`${empty}${undated}`;
  const lanes = lanesOf(model);
  const scale = timeScale(model.range, LEFT, RIGHT);
  const x = (iso: string | undefined) => scale.x(iso);
  // Each lane's labels in rows (./label-rows.ts); a lane needing more than two grows downward.
  const events = placeEvents(model.myelomaEvents, x, labels);
  const findingLanes = placeFindings(model.findings, x, labels);
  const studies = placeStudies(model.studies, x, labels);
  const heights = lanes.map(
    (lane) =>
      LANE_HEIGHT +
      (lane.kind === 'myeloma'
        ? events.extra
        : lane.kind === 'imaging'
          ? studies.extra
          : (findingLanes.get(lane.mark)?.extra ?? 0)),
  );
  const tops = heights.map((_, i) => TOP + heights.slice(0, i).reduce((a, b) => a + b, 0));
  const height = TOP + heights.reduce((a, b) => a + b, 0) + 30;
  const laneY = (lane: Lane) =>
    (tops[lanes.findIndex((l) => sameLane(l, lane))] ?? TOP) + LANE_HEIGHT / 2;
  const imagingY = laneY({ kind: 'imaging' });
  // Drawn (and so focused) in the model's date order across lanes, as before.
  const findings = [...findingLanes]
    .flatMap(([mark, lane]) =>
      lane.placed.map((placed) => ({ placed, y: laneY({ kind: 'finding', mark }) })),
    )
    .sort(
      (a, b) => model.findings.indexOf(a.placed.finding) - model.findings.indexOf(b.placed.finding),
    );
  const points = new Map(
    findings.map(({ placed, y }) => [placed.finding.id, { x: placed.x, y: y + placed.dy }]),
  );
  const bottom = height - 24;

  return html`${undated}<svg
      class="time-axis"
      viewBox="0 0 ${WIDTH} ${height}"
      role="group"
      aria-labelledby="axis-heading"
      aria-describedby="axis-description"
    >
      ${lanes.map((lane, index) => {
        const y = tops[index] ?? TOP;
        return svg`<g class="lane">
        <rect x="0" y=${y} width=${WIDTH} height=${heights[index] ?? LANE_HEIGHT} fill=${index % 2 ? '#f5f6f8' : '#ffffff'}></rect>
        ${laneName(laneLabel(lane, labels), y + LANE_HEIGHT / 2 + 5)}
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
      ${events.placed.map((placed) => eventMark(placed, laneY({ kind: 'myeloma' }), labels))}
      ${findings.map(({ placed, y }) => findingMark(placed, y, labels))}
      ${studies.placed.map((placed) => studyMark(placed, imagingY, labels))}
    </svg>`;
}

/** A lane's name, shortened to its room (its whole text then its <title>). */
function laneName(name: string, y: number) {
  const { text, whole } = fitLaneName(name);
  const title = whole === undefined ? nothing : svg`<title>${whole}</title>`;
  return svg`<text x=${LANE_NAME.x} y=${y} class="lane-label">${title}${text}</text>`;
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
