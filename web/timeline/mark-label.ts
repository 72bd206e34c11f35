/** A mark's text on the time axis, beside its mark. */
import { svg, type SVGTemplateResult } from 'lit';
import { AXIS } from './axis-layout.js';
import { isLeftward } from './label-rows.js';

/** To the mark's right; to its left in the axis's right third, so it is never cut off. */
export function markLabel(x: number, y: number, text: unknown, gap: number): SVGTemplateResult {
  const leftward = isLeftward(x, AXIS.left, AXIS.right);
  return svg`<text x=${leftward ? x - gap : x + gap} y=${y} text-anchor=${leftward ? 'end' : 'start'} class="mark-label">${text}</text>`;
}
