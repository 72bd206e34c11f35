/** A mark's text on the time axis, beside its mark. */
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
