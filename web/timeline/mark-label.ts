/** A mark's text on the time axis, beside its mark, and its leader line when it was moved. */
import { nothing, svg, type SVGTemplateResult } from 'lit';
import type { DrawnLabel } from './label-rows.js';

/**
 * Where the lane's layout puts it (./label-rows.ts). A shortened label keeps its whole text as
 * its <title>, read on hover. `content` is the label's text, or markup that writes it.
 */
export function markLabel(
  label: DrawnLabel,
  y: number,
  content: unknown = label.text,
): SVGTemplateResult {
  const title = label.whole === undefined ? nothing : svg`<title>${label.whole}</title>`;
  return svg`<text x=${label.textX} y=${y} text-anchor=${label.anchor} class="mark-label">${title}${content}</text>`;
}

/**
 * A label moved along its row to stay inside the drawing no longer starts or ends at its
 * mark, and may span the marks beside it: a thin line from its row to its mark (at the mark's
 * x) says which mark it names. Drawn before the mark, which covers the line's end. Row 0 is
 * above the mark, its baseline `labelY`; the others below, their text's top about 12 above
 * their baseline (the axis's 14 px text).
 */
export function labelLeader(
  label: DrawnLabel & { x: number },
  markY: number,
  labelY: number,
): SVGTemplateResult | typeof nothing {
  if (!label.moved) return nothing;
  const rowEnd = label.row === 0 ? labelY + 4 : labelY - 12;
  return svg`<line class="label-leader" x1=${label.x} x2=${label.x} y1=${rowEnd} y2=${markY} stroke="#6b7280" stroke-width="1"></line>`;
}
