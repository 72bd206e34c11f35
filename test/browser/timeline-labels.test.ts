/**
 * The time axis's words in real headless Chromium: no two texts of the drawing overlap (lane
 * names, the myeloma events', findings' and studies' labels, tick dates) and none runs off it,
 * for three plasmacytomas of one class two days apart (test/support/timeline-findings.ts; their
 * sites once alternated above and below their marks and the first and third met, H50's residual
 * risk) and three studies three days apart (test/support/timeline-studies.ts; their labels met,
 * H50). The harness is ./timeline-service.ts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSkipReason, screenshot } from '../support/browser.js';
import { FINDINGS_PATIENT, findingsDaysApartBundle } from '../support/timeline-findings.js';
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

/** Each patient, and how many labels each lane of its axis has. */
const CASES = [
  {
    patient: FINDINGS_PATIENT,
    bundle: findingsDaysApartBundle,
    labels: { event: 2, finding: 3, study: 1 },
  },
  {
    patient: STUDIES_PATIENT,
    bundle: studiesDaysApartBundle,
    labels: { event: 1, finding: 1, study: 3 },
  },
] as const;

describe.skipIf(browserSkipReason)(
  'EMD timeline app in Chromium: the axis’s labels',
  { timeout: 60_000 },
  () => {
    const app = useTimelineApp();

    for (const { patient, bundle, labels } of CASES)
      it(`writes no text of ${patient}'s axis over another, nor off the drawing, in English and Chinese`, async () => {
        await app.loadBundle(bundle());
        for (const locale of ['en-GB', 'zh-CN']) {
          const { page, context } = await app.openPage(app.launchUrl(patient), { locale });
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
          await screenshot(page, `timeline-labels-${patient}-${locale}`);
          await context.close();
        }
      });
  },
);
