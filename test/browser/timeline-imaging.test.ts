/**
 * The imaging lane of the EMD timeline app in real headless Chromium (H50): a study entered in
 * error or cancelled is drawn, marked and said in words, and linked to no finding. The harness
 * is ./timeline-service.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { browserSkipReason, screenshot } from '../support/browser.js';
import { rowsOf, useTimelineApp } from './timeline-service.js';

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
      await en.context.close();

      const zh = await app.openPage(app.launchUrl(patient), { locale: 'zh-CN' });
      expect(await zh.page.getAttribute(voided, 'aria-label')).toMatch(/录入错误，已撤销$/);
      expect(await zh.page.textContent(`${voided} .mark-label`)).toContain('录入错误，已撤销');
      await screenshot(zh.page, 'timeline-voided-study-zh-CN');
      await zh.context.close();
    });
  },
);
