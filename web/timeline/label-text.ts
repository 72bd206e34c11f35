/**
 * How wide a label of the time axis is drawn, estimated without a DOM so that the lanes' layout
 * (./label-rows.ts) runs under vitest in Node, and how a label too wide for the drawing is
 * shortened. Estimates are never under the drawn width, so labels placed clear of each other by
 * them are clear when drawn; the browser tests check the drawn boxes.
 */

/** The axis's text size (timeline.css `.time-axis`), in the SVG's units. */
export const LABEL_FONT_SIZE = 14;

// Ideographs and full-width forms take a full em; no Latin glyph of the sans-serif fonts the
// app asks for is wider than 0.7 em but m, w and capitals such as M and W, which are few in a
// label, and spaces and punctuation are far narrower, so 0.7 em over-estimates every label.
const FULL_WIDTH =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

const emsOf = (char: string) => (FULL_WIDTH.test(char) ? 1 : 0.7);

/** A label's width, never less than drawn (in the SVG's units). */
export function estimateTextWidth(text: string, fontSize = LABEL_FONT_SIZE): number {
  let ems = 0;
  for (const char of text) ems += emsOf(char);
  return ems * fontSize;
}

/**
 * A label no wider than `room`: whole when it fits, else as much of its start as fits and an
 * ellipsis, counted a full em since the CJK fonts draw it so. The whole text is kept as the
 * label's <title> (./mark-label.ts), and the mark's accessible name says it too.
 */
export function fitText(
  text: string,
  room: number,
  fontSize = LABEL_FONT_SIZE,
): { text: string; width: number } {
  const width = estimateTextWidth(text, fontSize);
  if (width <= room) return { text, width };
  let kept = '';
  let used = fontSize;
  for (const char of text) {
    const next = used + emsOf(char) * fontSize;
    if (next > room) break;
    kept += char;
    used = next;
  }
  return { text: `${kept.trimEnd()}…`, width: used };
}
