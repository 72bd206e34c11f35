/**
 * How wide a label of the time axis is drawn, estimated without a DOM so that the lanes' layout
 * (./label-rows.ts) runs under vitest in Node, and how a label too wide for the drawing is
 * shortened. Estimates are never under the drawn width, so labels placed clear of each other by
 * them are clear when drawn; the browser tests check the drawn boxes.
 */

/** The axis's text size (timeline.css `.time-axis`), in the SVG's units. */
export const LABEL_FONT_SIZE = 14;

// Ideographs and full-width forms take a full em. Latin text is counted by character class, each
// at the widest advance of its members in the widest sans-serif a browser here falls back to,
// DejaVu Sans (Debian's default, which system-ui resolves to on the CI's Chromium; Noto Sans and
// the CJK fonts' Latin are narrower), measured at 14 px: spaces, narrow punctuation and
// i j l f r t I J at most 0.41 em; digits, the other lowercase letters but m and w, and
// E F L P S T Y at most 0.64 em; the other capitals and & at most 0.79 em; m, w, M, W, symbols
// such as @ % + and anything else at a full em. A letter with a diacritic counts as its base
// letter (é as e). So a sum of these is never under the drawn width, yet close to it: a flat
// 0.7 em counted lowercase text a tenth wider than drawn and i, l and spaces twice as wide, and
// cut labels early. The lanes' names are bold and counted by the same classes at their bold
// widths. test/browser/timeline-labels.test.ts measures every drawn label, and every character
// of these classes in both weights, in Chromium.
const FULL_WIDTH =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/**
 * Latin character classes, narrowest first, with the width (in ems) each is counted at, and in
 * bold (the lanes' names): the widest member of each in DejaVu Sans Bold (r 0.49, P 0.73, O
 * 0.87, and for the rest W 1.10), rounded up.
 */
export const LATIN_CLASSES: readonly { chars: RegExp; ems: number; boldEms: number }[] = [
  { chars: /[\s!'(),\-./:;[\]\\|ijlfrtIJ’‘·]/u, ems: 0.42, boldEms: 0.5 },
  { chars: /[0-9a-kn-vx-zEFLPSTY"*?_`${}–]/u, ems: 0.65, boldEms: 0.74 },
  { chars: /[ABCDGHKNOQRUVXZ&]/u, ems: 0.8, boldEms: 0.88 },
];
/** Every other Latin character and symbol, in bold (a full em in regular text). */
export const OTHER_BOLD_EMS = 1.11;

function emsOf(char: string, bold: boolean): number {
  if (FULL_WIDTH.test(char)) return 1;
  const base = char.normalize('NFD').charAt(0);
  const latin = LATIN_CLASSES.find(({ chars }) => chars.test(base));
  if (bold) return latin?.boldEms ?? OTHER_BOLD_EMS;
  return latin?.ems ?? 1;
}

/** A label's width, never less than drawn (in the SVG's units); `bold` for the lanes' names. */
export function estimateTextWidth(
  text: string,
  fontSize = LABEL_FONT_SIZE,
  { bold = false } = {},
): number {
  let ems = 0;
  for (const char of text) ems += emsOf(char, bold);
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
  { bold = false } = {},
): { text: string; width: number } {
  const width = estimateTextWidth(text, fontSize, { bold });
  if (width <= room) return { text, width };
  let kept = '';
  let used = fontSize;
  for (const char of text) {
    const next = used + emsOf(char, bold) * fontSize;
    if (next > room) break;
    kept += char;
    used = next;
  }
  return { text: `${kept.trimEnd()}…`, width: used };
}
