/**
 * The time axis's words in real headless Chromium: no two texts of the drawing overlap (lane
 * names, the myeloma events', findings' and studies' labels, tick dates) and none runs off it,
 * for three plasmacytomas of one class two days apart (test/support/timeline-findings.ts; their
 * sites once alternated above and below their marks and the first and third met, H50's residual
 * risk), three studies three days apart (test/support/timeline-studies.ts; their labels met,
 * H50), and sites and a study described at such length that their labels ran off the drawing
 * (test/support/timeline-long-labels.ts): now moved inside it, or shortened with the whole text
 * kept. Every label is drawn no wider than web/timeline/label-text.ts estimated it, and no
 * character wider than its class is counted, in the fonts this Chromium has. The harness is
 * ./timeline-service.ts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { estimateTextWidth, LATIN_CLASSES } from '../../web/timeline/label-text.js';
import { browserSkipReason, screenshot } from '../support/browser.js';
import { FINDINGS_PATIENT, findingsDaysApartBundle } from '../support/timeline-findings.js';
import {
  LONG_LABELS_PATIENT,
  LONG_SITES,
  LONG_STUDY,
  longLabelsBundle,
} from '../support/timeline-long-labels.js';
import { STUDIES_PATIENT, studiesDaysApartBundle } from '../support/timeline-studies.js';
import { useTimelineApp } from './timeline-service.js';

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every text of the time axis, with its drawn box; and the drawing's box. */
async function textsOf(page: Page) {
  const texts: { text: string; box: Box }[] = [];
  for (const text of await page.locator('.time-axis text').all()) {
    const box = await text.boundingBox();
    if (box) texts.push({ text: (await text.textContent()) ?? '', box });
  }
  return { texts, svg: await page.locator('.time-axis').boundingBox() };
}

/** Each shortened label's whole text (its <title>) and the text drawn. */
function shortenedLabels(page: Page) {
  // A string, evaluated in the page: this file is type-checked without the DOM library.
  return page.evaluate<{ whole: string; drawn: string }[]>(`
    [...document.querySelectorAll('.time-axis .mark-label')]
      .filter((label) => label.querySelector('title'))
      .map((label) => {
        const drawn = label.cloneNode(true);
        drawn.querySelector('title').remove();
        return { whole: label.querySelector('title').textContent, drawn: drawn.textContent };
      })`);
}

/** Each label's drawn text (without its <title>) and its drawn length, in the SVG's units. */
function drawnLengths(page: Page) {
  return page.evaluate<{ drawn: string; length: number }[]>(`
    [...document.querySelectorAll('.time-axis .mark-label')].map((label) => {
      const drawn = label.cloneNode(true);
      drawn.querySelector('title')?.remove();
      return { drawn: drawn.textContent, length: label.getComputedTextLength() };
    })`);
}

/**
 * Each mark of the axis with a label: its shape's centre and box, its label's box, and its
 * leader line if it has one; all in the SVG's units (getBBox).
 */
function marksWithLabels(page: Page) {
  return page.evaluate<
    {
      name: string;
      centre: { x: number; y: number };
      label: Box;
      leader: { x1: number; x2: number; y1: number; y2: number } | undefined;
    }[]
  >(`
    [...document.querySelectorAll('.time-axis .mark')].flatMap((mark) => {
      const label = mark.querySelector('.mark-label');
      const shape = [...mark.children].find(
        (child) => !['title', 'text'].includes(child.tagName) && !child.classList.contains('label-leader'),
      );
      if (!label || !shape) return [];
      const s = shape.getBBox();
      const l = label.getBBox();
      const line = mark.querySelector('.label-leader');
      const at = (name) => Number(line.getAttribute(name));
      return [{
        name: mark.getAttribute('aria-label'),
        centre: { x: s.x + s.width / 2, y: s.y + s.height / 2 },
        label: { x: l.x, y: l.y, width: l.width, height: l.height },
        leader: line ? { x1: at('x1'), x2: at('x2'), y1: at('y1'), y2: at('y2') } : undefined,
      }];
    })`);
}

/**
 * Each leader line of the axis (its x and its top and height) and its own label's box, in the
 * page's coordinates, as Playwright's `boundingBox` gives the texts'.
 */
function leadersOnPage(page: Page) {
  return page.evaluate<{ own: Box; line: { x: number; y: number; height: number } }[]>(`
    [...document.querySelectorAll('.time-axis .label-leader')].map((line) => {
      const own = line.closest('.mark').querySelector('.mark-label').getBoundingClientRect();
      const l = line.getBoundingClientRect();
      return {
        own: { x: own.x, y: own.y, width: own.width, height: own.height },
        line: { x: l.x + l.width / 2, y: l.y, height: l.height },
      };
    })`);
}

/**
 * Each text's drawn length in a label of the axis (or, `lane-label`, in a lane's bold name),
 * spaces kept, in the SVG's units.
 */
function lengthsOf(page: Page, texts: readonly string[], className = 'mark-label') {
  return page.evaluate<number[]>(`(() => {
    const svg = document.querySelector('.time-axis');
    const probe = document.createElementNS('http://www.w3.org/2000/svg', 'text');
    probe.setAttribute('class', ${JSON.stringify(className)});
    probe.style.whiteSpace = 'pre';
    svg.append(probe);
    const lengths = ${JSON.stringify(texts)}.map((text) => {
      probe.textContent = text;
      return probe.getComputedTextLength();
    });
    probe.remove();
    return lengths;
  })()`);
}

/** Characters of each class the estimate counts, to measure one by one. */
const PRINTABLE = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), 'é', 'ü'];

/**
 * Each patient, how many labels each lane of its axis has, and the whole text of each label
 * shortened to fit the drawing, by locale.
 */
const CASES = [
  {
    patient: FINDINGS_PATIENT,
    bundle: findingsDaysApartBundle,
    labels: { event: 2, finding: 3, study: 1 },
    shortened: { 'en-GB': [], 'zh-CN': [] },
    leaders: 0,
  },
  {
    patient: STUDIES_PATIENT,
    bundle: studiesDaysApartBundle,
    labels: { event: 1, finding: 1, study: 3 },
    shortened: { 'en-GB': [], 'zh-CN': [] },
    leaders: 0,
  },
  {
    // The chest wall's 44 ideographs fit between the lane names and the right edge, written
    // to end there; the retroperitoneum's 52 and the study's description do not, and are
    // shortened to start where the marks do. None of the three is beside its mark: each gets a
    // leader line.
    patient: LONG_LABELS_PATIENT,
    bundle: longLabelsBundle,
    labels: { event: 1, finding: 4, study: 1 },
    shortened: {
      'en-GB': [
        LONG_SITES.retroperitoneum,
        `${LONG_STUDY.description} (registered, no images yet)`,
      ],
      'zh-CN': [LONG_SITES.retroperitoneum, `${LONG_STUDY.description}（已登记，尚无图像）`],
    },
    leaders: 3,
  },
] as const;

describe.skipIf(browserSkipReason)(
  'EMD timeline app in Chromium: the axis’s labels',
  { timeout: 60_000 },
  () => {
    const app = useTimelineApp();

    for (const { patient, bundle, labels, shortened, leaders } of CASES)
      it(`writes no text of ${patient}'s axis over another, nor off the drawing, in English and Chinese`, async () => {
        await app.loadBundle(bundle());
        for (const locale of ['en-GB', 'zh-CN'] as const) {
          const { page } = await app.openPage(app.launchUrl(patient), { locale });
          for (const [lane, count] of Object.entries(labels))
            expect(await page.locator(`.time-axis .${lane} .mark-label`).count(), locale).toBe(
              count,
            );
          const { texts, svg } = await textsOf(page);
          for (const [i, a] of texts.entries())
            for (const b of texts.slice(i + 1))
              expect(overlap(a.box, b.box), `${locale}: ${a.text} / ${b.text}`).toBe(false);
          for (const { text, box } of texts) {
            expect(box.x, `${locale}: ${text}`).toBeGreaterThanOrEqual(svg?.x ?? Infinity);
            expect(box.y, `${locale}: ${text}`).toBeGreaterThanOrEqual(svg?.y ?? Infinity);
            expect(box.x + box.width, `${locale}: ${text}`).toBeLessThanOrEqual(
              (svg?.x ?? 0) + (svg?.width ?? 0),
            );
            expect(box.y + box.height, `${locale}: ${text}`).toBeLessThanOrEqual(
              (svg?.y ?? 0) + (svg?.height ?? 0),
            );
          }
          // Each label drawn no wider than the width it was laid out for (label-text.ts).
          for (const { drawn, length } of await drawnLengths(page))
            expect(length, `${locale}: ${drawn}`).toBeLessThanOrEqual(estimateTextWidth(drawn));
          // A label too wide for the drawing is cut, ending in an ellipsis; its <title> keeps
          // the whole text, read on hover.
          const cut = await shortenedLabels(page);
          expect(cut.map(({ whole }) => whole).sort(), locale).toEqual(
            [...shortened[locale]].sort(),
          );
          for (const { whole, drawn } of cut) {
            expect(drawn, locale).toMatch(/…$/);
            expect(whole.startsWith(drawn.slice(0, -1)), `${locale}: ${drawn}`).toBe(true);
          }
          // A label that does not start or end beside its mark (within 20 units of the mark's
          // centre) names it by a line from its row to the mark, at the mark's centre.
          const marks = await marksWithLabels(page);
          expect(marks.filter((mark) => mark.leader).length, locale).toBe(leaders);
          for (const { name, centre, label, leader } of marks) {
            const beside =
              (label.x >= centre.x && label.x - centre.x <= 20) ||
              (label.x + label.width <= centre.x && centre.x - (label.x + label.width) <= 20);
            if (beside && !leader) continue;
            expect(leader, `${locale}: ${name}`).toBeDefined();
            if (!leader) continue;
            expect(leader.x1, `${locale}: ${name}`).toBeCloseTo(centre.x, 0);
            expect(leader.x2, `${locale}: ${name}`).toBeCloseTo(centre.x, 0);
            // One end at the label's text (within 6 of its box), the other at the mark's centre.
            const [rowEnd, markEnd] =
              Math.abs(leader.y2 - centre.y) < Math.abs(leader.y1 - centre.y)
                ? [leader.y1, leader.y2]
                : [leader.y2, leader.y1];
            expect(markEnd, `${locale}: ${name}`).toBeCloseTo(centre.y, 0);
            const nearLabel = Math.min(
              Math.abs(rowEnd - label.y),
              Math.abs(rowEnd - (label.y + label.height)),
            );
            expect(nearLabel, `${locale}: ${name}`).toBeLessThanOrEqual(6);
          }
          // No leader runs through any text but its own label's: the reader follows it to one
          // mark (H50). In the page's coordinates, as the texts' boxes are.
          for (const { own, line } of await leadersOnPage(page))
            for (const { text, box } of texts) {
              const isOwn = Math.abs(box.x - own.x) < 0.5 && Math.abs(box.y - own.y) < 0.5;
              const crosses =
                box.x < line.x &&
                line.x < box.x + box.width &&
                box.y < line.y + line.height &&
                line.y < box.y + box.height;
              expect(crosses && !isOwn, `${locale}: a leader crosses "${text}"`).toBe(false);
            }
          await screenshot(page, `timeline-labels-${patient}-${locale}`);
          await page.close();
        }
      });

    it('draws no character of the axis wider than the class label-text.ts counts it in, bold or not, in English and Chinese', async () => {
      await app.loadBundle(findingsDaysApartBundle());
      for (const locale of ['en-GB', 'zh-CN'] as const) {
        const { page } = await app.openPage(app.launchUrl(FINDINGS_PATIENT), { locale });
        const lengths = await lengthsOf(page, PRINTABLE);
        for (const [i, char] of PRINTABLE.entries())
          expect(lengths[i], `${locale}: "${char}"`).toBeLessThanOrEqual(estimateTextWidth(char));
        // A class counts its widest member closely: none is counted more than 0.05 em wide.
        for (const { chars, ems } of LATIN_CLASSES) {
          const widest = Math.max(
            ...PRINTABLE.filter((c) => chars.test(c)).map(
              (c) => lengths[PRINTABLE.indexOf(c)] ?? 0,
            ),
          );
          expect(ems * 14 - widest, `${locale}: ${String(chars)}`).toBeLessThan(0.05 * 14);
        }
        // The lanes' names are bold: no character wider than its bold count, and each class
        // counted closely, so a name fitted to its room (axis-layout.ts fitLaneName) ends
        // before the marks start.
        const bold = await lengthsOf(page, PRINTABLE, 'lane-label');
        for (const [i, char] of PRINTABLE.entries())
          expect(bold[i], `${locale}: bold "${char}"`).toBeLessThanOrEqual(
            estimateTextWidth(char, 14, { bold: true }),
          );
        for (const { chars, boldEms } of LATIN_CLASSES) {
          const widest = Math.max(
            ...PRINTABLE.filter((c) => chars.test(c)).map((c) => bold[PRINTABLE.indexOf(c)] ?? 0),
          );
          expect(boldEms * 14 - widest, `${locale}: bold ${String(chars)}`).toBeLessThan(0.05 * 14);
        }
        await page.close();
      }
    });
  },
);
