/**
 * The imaging lane of the EMD timeline app in real headless Chromium (H50): a study entered in
 * error, cancelled, registered or of unknown status is drawn unlike an available one, said in
 * words, and shown so in the legend. That the labels of studies days apart overlap nothing is
 * checked with every other text of the axis, in ./timeline-labels.test.ts. The harness is
 * ./timeline-service.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import type { Page } from 'playwright-core';
import { browserSkipReason, screenshot } from '../support/browser.js';
import { STUDIES_PATIENT, STUDY_IDS, studiesDaysApartBundle } from '../support/timeline-studies.js';
import { rowsOf, useTimelineApp } from './timeline-service.js';

const study = (reference: string) => `.time-axis .study[data-study="${reference}"]`;

/** How a shape is drawn: the named attributes of the first one `selector` finds. */
async function drawnAs(page: Page, selector: string, names: readonly string[]): Promise<string> {
  const shape = page.locator(selector).first();
  const values = await Promise.all(names.map((name) => shape.getAttribute(name)));
  return values.map((value) => value ?? '').join(' ');
}

/** How a study's bar is drawn: its fill, dash pattern and size (in its drawing's units). */
const barOf = (page: Page, selector: string) =>
  drawnAs(page, `${selector} rect`, ['fill', 'stroke-dasharray', 'width', 'height']);

/** How a round finding mark (true EMD's) is drawn: its colours, dash pattern and radius. */
const circleOf = (page: Page, selector: string) =>
  drawnAs(page, `${selector} circle`, ['fill', 'stroke', 'stroke-dasharray', 'r']);

/** `shape`'s drawn height against `other`'s, in pixels. */
async function heightRatio(page: Page, shape: string, other: string): Promise<number> {
  const [drawn, against] = await Promise.all(
    [shape, other].map((selector) => page.locator(selector).first().boundingBox()),
  );
  return (drawn?.height ?? 0) / (against?.height ?? Infinity);
}

// Several page loads per test: vitest's 5 s default is a hang guard too tight for a browser.
describe.skipIf(browserSkipReason)(
  'EMD timeline app in Chromium: imaging',
  { timeout: 60_000 },
  () => {
    const app = useTimelineApp();

    // H50: test/fixtures/voided-imaging/finding-cites-voided-study.json, a liver plasmacytoma citing
    // a PET/CT entered in error (and the report on it) and an available CT abdomen.
    it('draws a study entered in error struck through and labelled, linked to no finding, in English and Chinese', async () => {
      const patient = 'finding-cites-voided-study';
      const bundle = readFileSync(
        join(PROJECT_ROOT, 'test', 'fixtures', 'voided-imaging', `${patient}.json`),
        'utf8',
      );
      await app.loadBundle(bundle);
      const voided = `.time-axis .study[data-void="entered-in-error"]`;

      const en = await app.openPage(app.launchUrl(patient));
      expect(await en.page.$$('.time-axis .study')).toHaveLength(2);
      expect(await en.page.getAttribute(voided, 'aria-label')).toMatch(
        /^FDG PET\/CT whole body, .*, entered in error, withdrawn$/,
      );
      expect(await en.page.textContent(`${voided} .mark-label`)).toBe(
        'FDG PET/CT whole body (entered in error, withdrawn)',
      );
      // Struck through as drawn (the CSS applies), the words beside it are not.
      const decoration = (selector: string) =>
        en.page.evaluate<string>(
          `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).textDecorationLine`,
        );
      expect(await decoration(`${voided} .struck`)).toBe('line-through');
      expect(await decoration(`.time-axis .study:not([data-void]) .mark-label tspan`)).toBe('none');
      // One line, from the finding to the CT abdomen: none to the voided PET/CT.
      expect(await en.page.$$('.time-axis .evidence')).toHaveLength(1);
      expect((await rowsOf(en.page))[0]?.source).toMatch(/^CT abdomen with contrast \([^)]+\)$/);
      await screenshot(en.page, 'timeline-voided-study-laptop');
      await en.page.close();

      // Chinese punctuation, full-width with no space around it: the status in parentheses,
      // the name, date and status between commas, a cited study's date in parentheses.
      const zh = await app.openPage(app.launchUrl(patient), { locale: 'zh-CN' });
      expect(await zh.page.getAttribute(voided, 'aria-label')).toMatch(
        /^FDG PET\/CT whole body，[^,，]+，录入错误，已撤销$/,
      );
      expect(await zh.page.textContent(`${voided} .mark-label`)).toBe(
        'FDG PET/CT whole body（录入错误，已撤销）',
      );
      expect((await rowsOf(zh.page))[0]?.source).toMatch(/^CT abdomen with contrast（[^)）]+）$/);
      await screenshot(zh.page, 'timeline-voided-study-zh-CN');
      await zh.page.close();
    });

    // One page a locale for the patient's two tests, opened once: each Chromium page load
    // costs CI several seconds. The tests only read the pages (and screenshot them).
    describe('a patient with an available, a registered and an unknown study (test/support/timeline-studies.ts)', () => {
      const LOCALES = ['en-GB', 'zh-CN'] as const;
      const pages = new Map<(typeof LOCALES)[number], Page>();
      const pageIn = (locale: (typeof LOCALES)[number]) => {
        const page = pages.get(locale);
        if (!page) throw new Error(`no ${locale} page: beforeAll opens one`);
        return page;
      };
      beforeAll(async () => {
        await app.loadBundle(studiesDaysApartBundle());
        for (const locale of LOCALES)
          pages.set(locale, (await app.openPage(app.launchUrl(STUDIES_PATIENT), { locale })).page);
      }, 60_000);
      afterAll(async () => {
        for (const page of pages.values()) await page.close();
      });

      it('draws a registered study and one of unknown status unlike an available one, and says so, in English and Chinese', async () => {
        const en = pageIn('en-GB');
        expect(await en.textContent(`${study(STUDY_IDS.pet)} .mark-label`)).toBe(
          'FDG PET/CT whole body',
        );
        expect(await en.textContent(`${study(STUDY_IDS.mri)} .mark-label`)).toBe(
          'MRI brain and whole spine (registered, no images yet)',
        );
        expect(await en.textContent(`${study(STUDY_IDS.ct)} .mark-label`)).toBe(
          'CT chest abdomen pelvis (status unknown)',
        );
        expect(await en.getAttribute(study(STUDY_IDS.mri), 'aria-label')).toMatch(
          /^MRI brain and whole spine, .*, registered, no images yet$/,
        );
        expect(await en.getAttribute(study(STUDY_IDS.ct), 'aria-label')).toMatch(
          /^CT chest abdomen pelvis, .*, status unknown$/,
        );
        // Three bars, three ways: none of the others drawn as the available PET/CT is.
        const bars = await Promise.all(
          [STUDY_IDS.pet, STUDY_IDS.mri, STUDY_IDS.ct].map((id) => barOf(en, study(id))),
        );
        expect(new Set(bars).size).toBe(3);
        await screenshot(en, 'timeline-study-statuses-laptop');

        const zh = pageIn('zh-CN');
        expect(await zh.textContent(`${study(STUDY_IDS.mri)} .mark-label`)).toBe(
          'MRI brain and whole spine（已登记，尚无图像）',
        );
        expect(await zh.textContent(`${study(STUDY_IDS.ct)} .mark-label`)).toBe(
          'CT chest abdomen pelvis（状态不明）',
        );
        expect(await zh.getAttribute(study(STUDY_IDS.mri), 'aria-label')).toMatch(
          /^MRI brain and whole spine，[^,，]+，已登记，尚无图像$/,
        );
        await screenshot(zh, 'timeline-study-statuses-zh-CN');
      });

      it('shows in the legend each way a study is drawn, with the axis’s own marks and words, in English and Chinese', async () => {
        const expected = {
          'en-GB': [
            'imaging study, images available',
            'entered in error, withdrawn',
            'cancelled, not done',
            'registered, no images yet',
            'status unknown',
          ],
          'zh-CN': [
            '影像检查，图像可用',
            '录入错误，已撤销',
            '已取消，未进行',
            '已登记，尚无图像',
            '状态不明',
          ],
        } as const;
        for (const locale of LOCALES) {
          const words = expected[locale];
          const page = pageIn(locale);
          const legend = (await page.textContent('.legend')) ?? '';
          for (const word of words) expect(legend, locale).toContain(word);
          // The struck word and the status, a space between in English and none in Chinese.
          expect(await page.innerText('.legend [data-status="entered-in-error"]'), locale).toBe(
            { 'en-GB': 'study entered in error, withdrawn', 'zh-CN': '检查录入错误，已撤销' }[
              locale
            ],
          );
          // The legend's bar for a status is the axis's bar for it, drawn about as large: the
          // axis is drawn at about 1.1 pixels a unit at this width, the legend at 1.
          for (const [status, id] of [
            ['available', STUDY_IDS.pet],
            ['registered', STUDY_IDS.mri],
            ['unknown', STUDY_IDS.ct],
          ] as const) {
            const legendBar = `.legend [data-status="${status}"]`;
            expect(await barOf(page, legendBar), status).toBe(await barOf(page, study(id)));
            const ratio = await heightRatio(page, `${legendBar} rect`, `${study(id)} rect`);
            expect(ratio, status).toBeGreaterThan(0.85);
            expect(ratio, status).toBeLessThan(1.15);
          }
          // So is its mark for a finding's class: the liver plasmacytoma's (true EMD, active).
          const legendMark = '.legend [data-mark="emd"][data-look="active"]';
          const laneMark = '.time-axis .finding[data-class="emd"]';
          expect(await circleOf(page, legendMark)).toBe(await circleOf(page, laneMark));
          const markRatio = await heightRatio(page, `${legendMark} circle`, `${laneMark} circle`);
          expect(markRatio).toBeGreaterThan(0.85);
          expect(markRatio).toBeLessThan(1.15);
          expect(
            await page.evaluate<string>(
              `getComputedStyle(document.querySelector('.legend [data-status="entered-in-error"] .struck')).textDecorationLine`,
            ),
          ).toBe('line-through');
        }
      });
    });
  },
);
