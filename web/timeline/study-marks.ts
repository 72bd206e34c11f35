/**
 * How a study is drawn on the imaging lane and in the legend, by what its status says was done
 * (./study-status.ts, H50): filled when available; hollow and dashed when void (entered in error,
 * its name also struck through, or cancelled); dotted when not known to be done, hollow when
 * registered (no images yet) and grey when unknown. The words beside each mark say the same,
 * since neither an outline nor a dash pattern is read out, nor seen by everyone (WCAG 1.4.1).
 */
import { svg, type SVGTemplateResult } from 'lit';
import type { StudyLook } from './study-status.js';

const INK = '#374151';

export const STUDY_STYLE: Readonly<
  Record<StudyLook, { fill: string; dash: string; isStruck: boolean }>
> = {
  available: { fill: INK, dash: 'none', isStruck: false },
  'entered-in-error': { fill: '#ffffff', dash: '3 2', isStruck: true },
  cancelled: { fill: '#ffffff', dash: '3 2', isStruck: false },
  registered: { fill: '#ffffff', dash: '1 2', isStruck: false },
  unknown: { fill: '#d1d5db', dash: '1 2', isStruck: false },
};

/** The study's bar, 10 × 24, centred on (x, y). */
export function studyShape(look: StudyLook, x: number, y: number): SVGTemplateResult {
  const { fill, dash } = STUDY_STYLE[look];
  const [width, height] = [10, 24];
  return svg`<rect class="study-bar" x=${x - width / 2} y=${y - height / 2} width=${width} height=${height} fill=${fill} stroke=${INK} stroke-width="2" stroke-dasharray=${dash}></rect>`;
}
