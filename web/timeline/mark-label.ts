/** A mark's text on the time axis, beside its mark. */
import { svg, type SVGTemplateResult } from 'lit';

/** To the mark's right, or to its left when `leftward` (the lane's layout, ./label-rows.ts). */
export function markLabel(
  x: number,
  y: number,
  text: unknown,
  gap: number,
  leftward: boolean,
): SVGTemplateResult {
  return svg`<text x=${leftward ? x - gap : x + gap} y=${y} text-anchor=${leftward ? 'end' : 'start'} class="mark-label">${text}</text>`;
}
