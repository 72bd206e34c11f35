/**
 * The EMD timeline app in real headless Chromium (issue #9's acceptance): readable at tablet
 * width and in Simplified Chinese, usable with the keyboard, and clear about why it cannot be
 * shown when it was not launched or the FHIR server does not answer. The harness is
 * ./timeline-service.ts.
 */
import { describe, expect, it } from 'vitest';
import { freePort } from '../../bench/services.js';
import { browserSkipReason, screenshot } from '../support/browser.js';
import { attributes, HOST, rowsOf, useTimelineApp } from './timeline-service.js';

// Several page loads per test: vitest's 5 s default is a hang guard too tight for a browser.
describe.skipIf(browserSkipReason)(
  'EMD timeline app in Chromium: access',
  { timeout: 60_000 },
  () => {
    const app = useTimelineApp();

    it('is readable at tablet width and in Simplified Chinese, sites named in Chinese, with a language switch', async () => {
      const tablet = await app.openPage(app.launchUrl('emd-liver-kidney-relapse'), {
        width: 800,
        height: 1100,
      });
      const overflow = await tablet.page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
      expect((await rowsOf(tablet.page)).map((r) => r.findingClass)).toEqual(['emd', 'emd']);
      await screenshot(tablet.page, 'timeline-emd-liver-kidney-tablet');
      await tablet.page.close();

      const zh = await app.openPage(app.launchUrl('leptomeningeal-with-cns'), { locale: 'zh-CN' });
      expect(await zh.page.getAttribute('html', 'lang')).toBe('zh-CN');
      expect(await zh.page.textContent('h1')).toBe('EMD 时间轴');
      expect(await zh.page.textContent('table.findings')).toContain('软脑膜');
      // Sites by the zh-CN designations of site-leptomeningeal.json and site-cns.json, as on a
      // zh-CN card; the body map's key names them alike.
      expect((await rowsOf(zh.page)).map((r) => [r.findingClass, r.site]).sort()).toEqual([
        ['cns', '脑'],
        ['leptomeningeal', '脑膜、脑脊液'],
      ]);
      const mapKey = await zh.page.textContent('.body-map .map-key');
      for (const name of ['脑膜', '脑脊液', '脑']) expect(mapKey).toContain(name);
      expect(mapKey).not.toMatch(/Meninges structure|Cerebrospinal fluid|Brain structure/);
      // A label and its value joined by the full-width colon, with no space after it; the name
      // and the phase by the full-width comma (a middle dot after a name reads as part of it).
      expect(await zh.page.innerText('.patient p')).toBe('患者：Daniel Cohen，病程阶段：复发');
      expect(mapKey).toMatch(/脑脊液：软脑膜/);
      const names = await attributes(
        zh.page,
        '.time-axis .finding, .time-axis .event, .body-map .site-mark',
        'aria-label',
      );
      for (const name of [mapKey, ...names]) expect(name).toContain('：');
      // Asides in full-width parentheses, clauses between full-width commas: no ASCII colon,
      // parenthesis or comma in any name or cited study, nor a space beside a full-width mark.
      const studies = await attributes(zh.page, '.time-axis .study', 'aria-label');
      const sources = (await rowsOf(zh.page)).map((row) => row.source);
      const events = await attributes(zh.page, '.time-axis .event', 'aria-label');
      // The event's Condition and a cited study's date are asides.
      expect(events.length).toBeGreaterThan(0);
      for (const name of events) expect(name).toMatch(/（[^（）]+）$/);
      expect(sources).toContainEqual(expect.stringMatching(/（[^（）]+）$/));
      for (const name of [mapKey, ...names, ...studies, ...sources])
        expect(name).not.toMatch(/[:(),]|\s[：（）、，]|[：（、，]\s/);
      await screenshot(zh.page, 'timeline-leptomeningeal-zh-CN');
      await zh.page.click('button[lang="en"]');
      expect(await zh.page.textContent('h1')).toBe('EMD timeline');
      expect(await zh.page.textContent('table.findings')).toContain('leptomeningeal');
      expect((await rowsOf(zh.page)).map((r) => r.site).sort()).toEqual([
        'Brain structure',
        'Meninges structure, Cerebrospinal fluid',
      ]);
      await zh.page.close();
    });

    it('can be used with the keyboard: every mark is reachable with Tab and named', async () => {
      const { page } = await app.openPage(app.launchUrl('emd-and-cns'));
      const reached: string[] = [];
      for (let i = 0; i < 30; i += 1) {
        await page.keyboard.press('Tab');
        // A string, evaluated in the page: this file is type-checked without the DOM library.
        const label = await page.evaluate<string | null>(
          "document.activeElement?.classList.contains('finding') ? document.activeElement.getAttribute('aria-label') : null",
        );
        if (label) reached.push(label);
      }
      // Tab wraps round the page, so a mark may be reached more than once.
      expect([...new Set(reached)].sort()).toEqual([
        expect.stringMatching(/^CNS \(parenchymal or dural\): Spinal cord structure, /),
        expect.stringMatching(/^true EMD \(soft tissue \/ organ\): Pericardial structure, /),
      ]);
      await page.close();
    });

    it('says clearly when it was not launched, or the FHIR server cannot be reached', async () => {
      const direct = await app.openPage(`${app.baseUrl}/timeline/index.html`);
      expect(await direct.page.textContent('[role="alert"]')).toContain('was not launched');
      await direct.page.close();

      const noIss = await app.openPage(`${app.baseUrl}/timeline/launch.html`);
      expect(await noIss.page.textContent('[role="alert"]')).toContain('iss parameter');
      await noIss.page.close();

      // A FHIR server where nothing answers.
      const port = await freePort();
      const gone = await app.openPage(
        `${app.baseUrl}/timeline/launch.html?iss=${encodeURIComponent(`http://${HOST}:${String(port)}/fhir`)}&launch=x&patient=emd-and-cns`,
      );
      expect(await gone.page.textContent('[role="alert"]')).toMatch(
        /FHIR server could not be read/,
      );
      await screenshot(gone.page, 'timeline-fhir-unreachable');
      await gone.page.close();
    });
  },
);
