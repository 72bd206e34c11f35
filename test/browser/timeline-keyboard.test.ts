/**
 * The EMD timeline from the keyboard alone, in real headless Chromium (./timeline-service.ts):
 * what axe-core cannot judge (./timeline-a11y.test.ts). Tab reaches the language switch,
 * every mark of the time axis and body map and the findings table, in reading order, and
 * each draws its focus ring (WCAG 2.1.1, 2.4.3, 2.4.7); Enter and Space work the switch.
 */
import { describe, expect, it } from 'vitest';
import { browserSkipReason } from '../support/browser.js';
import { focused, stopsWithoutVisibleFocus, tabStops, tabTo } from '../support/keyboard.js';
import { useTimelineApp } from './timeline-service.js';

// Several page loads per test: vitest's 5 s default is a hang guard too tight for a browser.
describe.skipIf(browserSkipReason)(
  'EMD timeline app from the keyboard in Chromium',
  { timeout: 60_000 },
  () => {
    const app = useTimelineApp();

    it('reaches the switch, every mark and the table with Tab, each showing where the focus is', async () => {
      const { page } = await app.openPage(app.launchUrl('leptomeningeal-with-cns'));
      const stops = await tabStops(page);
      const kinds = stops.map((stop) =>
        stop.name.startsWith('BUTTON')
          ? stop.name
          : stop.name.startsWith('g ')
            ? 'mark'
            : stop.name.split(' ')[0],
      );
      const marks = await page.locator('.time-axis .mark, .body-map .site-mark').count();
      expect(marks).toBe(8);
      expect(kinds).toEqual([
        'BUTTON "English"',
        'BUTTON "简体中文"',
        ...Array<string>(marks).fill('mark'),
        'DIV', // the findings table's scrolling region
      ]);
      expect(stopsWithoutVisibleFocus(stops)).toEqual([]);
      await page.close();
    });

    it('switches the language with Enter and Space, the focus staying on the switch', async () => {
      const { page } = await app.openPage(app.launchUrl('leptomeningeal-with-cns'));
      await tabTo(page, /^BUTTON "简体中文"$/);
      await page.keyboard.press('Enter');
      await expect(page.textContent('h1')).resolves.toBe('EMD 时间轴');
      await expect(page.getAttribute('html', 'lang')).resolves.toBe('zh-CN');
      await expect(focused(page)).resolves.toMatchObject({ name: 'BUTTON "简体中文"' });
      await expect(page.getAttribute('button[lang="zh-CN"]', 'aria-pressed')).resolves.toBe('true');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Space');
      await expect(page.textContent('h1')).resolves.toBe('EMD timeline');
      await expect(focused(page)).resolves.toMatchObject({ name: 'BUTTON "English"' });
      await page.close();
    });
  },
);
