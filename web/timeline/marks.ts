/**
 * How each finding class is drawn: a shape and a colour, always with a text label beside it,
 * so no class is told by colour alone (WCAG 1.4.1). Colours have at least 4.5:1 contrast on
 * white (WCAG 1.4.3 / 1.4.11). History findings are hollow; unconfirmed ones dashed.
 */
import { svg, type SVGTemplateResult } from 'lit';
import type { FindingClass } from '../../src/rules/types.js';

export type MarkKind = FindingClass | 'textOnly';

export const MARK_STYLE: Readonly<Record<MarkKind, { colour: string; shape: Shape }>> = {
  leptomeningeal: { colour: '#7a0019', shape: 'diamond' },
  cns: { colour: '#b42318', shape: 'triangle' },
  emd: { colour: '#1d4ed8', shape: 'circle' },
  paraskeletal: { colour: '#046c4e', shape: 'square' },
  unclassified: { colour: '#4b5563', shape: 'hexagon' },
  textOnly: { colour: '#4b5563', shape: 'ring' },
};

type Shape = 'diamond' | 'triangle' | 'circle' | 'square' | 'hexagon' | 'ring';

export function markKindOf(findingClass: FindingClass | undefined): MarkKind {
  return findingClass ?? 'textOnly';
}

export function markShape(
  kind: MarkKind,
  x: number,
  y: number,
  options: { size?: number; hollow?: boolean; dashed?: boolean } = {},
): SVGTemplateResult {
  const { colour, shape } = MARK_STYLE[kind];
  const r = options.size ?? 8;
  const fill = options.hollow || shape === 'ring' ? '#ffffff' : colour;
  const dash = options.dashed ? '3 2' : 'none';
  const common = { fill, stroke: colour, dash };
  switch (shape) {
    case 'circle':
    case 'ring':
      return svg`<circle cx=${x} cy=${y} r=${r} fill=${common.fill} stroke=${common.stroke} stroke-width="2.5" stroke-dasharray=${common.dash}></circle>`;
    case 'square':
      return svg`<rect x=${x - r} y=${y - r} width=${2 * r} height=${2 * r} fill=${common.fill} stroke=${common.stroke} stroke-width="2.5" stroke-dasharray=${common.dash}></rect>`;
    case 'diamond':
      return polygon(
        [
          [x, y - r - 2],
          [x + r + 2, y],
          [x, y + r + 2],
          [x - r - 2, y],
        ],
        common,
      );
    case 'triangle':
      return polygon(
        [
          [x, y - r - 2],
          [x + r + 1, y + r],
          [x - r - 1, y + r],
        ],
        common,
      );
    case 'hexagon':
      return polygon(
        Array.from({ length: 6 }, (_, i): [number, number] => [
          x + (r + 1) * Math.cos((Math.PI / 3) * i),
          y + (r + 1) * Math.sin((Math.PI / 3) * i),
        ]),
        common,
      );
  }
}

function polygon(
  points: readonly (readonly [number, number])[],
  style: { fill: string; stroke: string; dash: string },
): SVGTemplateResult {
  const text = points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
  return svg`<polygon points=${text} fill=${style.fill} stroke=${style.stroke} stroke-width="2.5" stroke-dasharray=${style.dash}></polygon>`;
}
