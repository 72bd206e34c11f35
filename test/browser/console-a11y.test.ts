/**
 * The informatics console against WCAG 2.1 AA with axe-core (test/support/axe.ts), in real
 * headless Chromium against the real service (./console-service.ts): each view in English
 * and in Simplified Chinese, in the states that matter (a refused token, cards of a dry run,
 * a dry run's error, the Alerts charts and tables with data, the Fleet view), and each view
 * again at 320 CSS px wide, where WCAG 1.4.10 (reflow) wants no sideways scrolling but for
 * data tables, which then scroll in a region of their own that the keyboard can reach. A
 * failure lists each violation as rule, impact and element. What axe cannot judge, keyboard
 * use, is ./console-keyboard.test.ts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.js';
import { browserSkipReason, newPageIn } from '../support/browser.js';
import { ADMIN_TOKEN, seededConsoleInBrowser } from './console-service.js';

const LANGUAGES = [
  {
    locale: 'en-GB',
    language: 'en',
    tab: { dryRun: 'Dry run', alerts: 'Alerts', fleet: 'Fleet' },
    signIn: 'Sign in',
    run: 'Run',
  },
  {
    locale: 'zh-CN',
    language: 'zh-CN',
    tab: { dryRun: '试运行', alerts: '警报', fleet: '集群' },
    signIn: '登录',
    run: '运行',
  },
] as const;

describe.skipIf(browserSkipReason)(
  'the console against WCAG 2.1 AA (axe-core) in Chromium',
  { timeout: 60_000 },
  () => {
    const running = seededConsoleInBrowser();

    it('reflows at 320 CSS px: no view scrolls sideways, and none has a violation there', async () => {
      const page = await newPageIn(running.browser, {
        viewport: { width: 320, height: 640 },
        locale: 'en-GB',
      });
      await page.goto(`${running.service.baseUrl}/console/`);
      const found: string[] = [];
      const check = async (view: string) => {
        const overflow = await page.evaluate<number>(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        if (overflow > 0) found.push(`${view}: the page scrolls ${String(overflow)} px sideways`);
        found.push(...(await axeViolations(page)).map((line) => `${view}: ${line}`));
      };
      await check('sign-in');
      await page.locator('#admin-token').fill(ADMIN_TOKEN);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByTestId('rules-table').waitFor();
      await check('Rules');
      await page.getByRole('tab', { name: 'Dry run' }).click();
      await page.locator('#example').selectOption('emd-and-cns');
      await page.locator('#now').fill('2026-11-01');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.getByTestId('card').first().waitFor();
      await check('Dry run');
      await page.getByRole('tab', { name: 'Alerts' }).click();
      await page.getByTestId('per-rule-table').waitFor();
      await check('Alerts');
      await page.getByRole('tab', { name: 'Fleet' }).click();
      await page.getByTestId('this-node').waitFor();
      await check('Fleet');
      expect(found).toEqual([]);
      await page.close();
    });

    // Locator callbacks run in the browser; this file has no DOM lib.
    interface ElementLike {
      closest(selector: string): { getAttribute(name: string): string | null } | null;
    }
    const languageOf = (page: Page, selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((element: ElementLike) => element.closest('[lang]')?.getAttribute('lang'));

    it('marks the language of cards, trace and language names that differ from the page’s (WCAG 3.1.2)', async () => {
      const page = await newPageIn(running.browser, { locale: 'zh-CN' });
      await page.goto(`${running.service.baseUrl}/console/`);
      await expect(languageOf(page, '#ui-language option[value="en"]')).resolves.toBe('en');
      await expect(languageOf(page, '#ui-language option[value="zh-CN"]')).resolves.toBe('zh-CN');
      await page.locator('#admin-token').fill(ADMIN_TOKEN);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByRole('tab', { name: '试运行' }).click();
      await page.locator('#example').selectOption('leptomeningeal-with-cns');
      await page.locator('#card-locale').selectOption('en');
      await page.locator('#now').fill('2026-11-01');
      await page.getByRole('button', { name: '运行', exact: true }).click();
      await page.getByTestId('card').first().waitFor();
      // The card's own words are English; the console's words around them stay Chinese.
      for (const part of [
        '.card-summary',
        '.card-detail',
        '.card-source a',
        '.card-links button span',
      ])
        await expect(languageOf(page, `[data-testid="card"] ${part}`), part).resolves.toBe('en');
      await expect(languageOf(page, '[data-indicator]')).resolves.toBe('zh-CN');
      await expect(languageOf(page, '#cards-heading')).resolves.toBe('zh-CN');
      // The explain trace is written in English only (src/rules/).
      await expect(languageOf(page, '[data-testid="outcomes"] li li')).resolves.toBe('en');
      await expect(languageOf(page, '.trace details li')).resolves.toBe('en');

      await page.locator('#ui-language').selectOption('en');
      await page.locator('#card-locale').selectOption('zh-CN');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.getByText('软脑膜骨髓瘤').first().waitFor();
      await expect(languageOf(page, '.card-summary')).resolves.toBe('zh-CN');
      await expect(languageOf(page, '[data-indicator]')).resolves.toBe('en');
      await page.close();
    });

    /** A new page of the console in English, signed in. */
    async function signedInInEnglish(): Promise<{ page: Page }> {
      const page = await newPageIn(running.browser, { locale: 'en-GB' });
      await page.goto(`${running.service.baseUrl}/console/`);
      await page.locator('#admin-token').fill(ADMIN_TOKEN);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      return { page };
    }

    it('says how many cards a dry run gave in a status message that was there before (WCAG 4.1.3)', async () => {
      const { page } = await signedInInEnglish();
      await page.getByRole('tab', { name: 'Dry run' }).click();
      // A live region is announced when its text changes, not when it is added with its text.
      const status = page.getByRole('status');
      await expect(status.count()).resolves.toBe(1);
      await expect(status.innerText()).resolves.toBe('');
      await page.locator('#example').selectOption('emd-and-cns');
      await page.locator('#now').fill('2026-11-01');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await expect.poll(() => status.innerText()).toBe('Cards (2)');
      await page.close();
    });

    it('says what the Alerts view loaded in a status message that was there before (WCAG 4.1.3)', async () => {
      const { page } = await signedInInEnglish();
      await page.getByRole('tab', { name: 'Alerts' }).click();
      const status = page.locator('#alerts-status');
      await expect(status.getAttribute('role')).resolves.toBe('status');
      await page.getByTestId('per-rule-table').waitFor();
      const [from, to] = [
        await page.locator('#from').inputValue(),
        await page.locator('#to').inputValue(),
      ];
      const rules = await page.locator('[data-testid="per-rule-table"] tbody tr').count();
      expect(rules).toBeGreaterThan(0);
      await expect
        .poll(() => status.innerText())
        .toBe(`Shown: cards of ${String(rules)} rule(s), ${from} to ${to}`);
      // Shown again: the region's text changes to "Loading…" and back, and so is announced.
      const seen = new Set<string>();
      await page.exposeFunction('noteStatus', (text: string) => seen.add(text));
      await page.evaluate(`new MutationObserver(() =>
        noteStatus(document.querySelector('#alerts-status').innerText)).observe(
        document.querySelector('#alerts-status'), { childList: true, subtree: true, characterData: true })`);
      await page.getByRole('button', { name: 'Show', exact: true }).click();
      await expect.poll(() => seen.has('Loading…')).toBe(true);
      await expect
        .poll(() => status.innerText())
        .toBe(`Shown: cards of ${String(rules)} rule(s), ${from} to ${to}`);
      await page.close();
    });

    for (const words of LANGUAGES) {
      describe(words.language, () => {
        async function openConsole(): Promise<Page> {
          const page = await newPageIn(running.browser, {
            viewport: { width: 1280, height: 900 },
            locale: words.locale,
          });
          await page.goto(`${running.service.baseUrl}/console/`);
          await page.locator('#ui-language').selectOption(words.language);
          return page;
        }

        async function signIn(page: Page, token = ADMIN_TOKEN): Promise<void> {
          await page.locator('#admin-token').fill(token);
          await page.getByRole('button', { name: words.signIn, exact: true }).click();
        }

        it('sign-in, with and without a refused token', async () => {
          const page = await openConsole();
          expect(await axeViolations(page)).toEqual([]);
          await signIn(page, 'not-the-admin-token');
          await page.getByRole('alert').waitFor();
          expect(await axeViolations(page)).toEqual([]);
          await page.close();
        });

        it('Rules', async () => {
          const page = await openConsole();
          await signIn(page);
          await page.getByTestId('rules-table').waitFor();
          expect(await axeViolations(page)).toEqual([]);
          await page.close();
        });

        it('Dry run, with critical and warning cards and their smart links, and with an error', async () => {
          const page = await openConsole();
          await signIn(page);
          await page.getByRole('tab', { name: words.tab.dryRun }).click();
          expect(await axeViolations(page)).toEqual([]);
          for (const example of ['emd-and-cns', 'leptomeningeal-with-cns']) {
            await page.locator('#example').selectOption(example);
            await page.locator('#now').fill('2026-11-01');
            await page.getByRole('button', { name: words.run, exact: true }).click();
            await page.getByTestId('card').first().waitFor();
            expect(await axeViolations(page), example).toEqual([]);
          }
          await page.locator('#bundle-text').fill('{ not json');
          await page.getByRole('button', { name: words.run, exact: true }).click();
          await expect.poll(() => page.locator('#dry-run-error').innerText()).not.toBe('');
          expect(await axeViolations(page)).toEqual([]);
          await page.close();
        });

        it('Alerts, with the charts and tables of the stored feedback', async () => {
          const page = await openConsole();
          await signIn(page);
          await page.getByRole('tab', { name: words.tab.alerts }).click();
          await page.getByTestId('per-rule-table').waitFor();
          expect(await axeViolations(page)).toEqual([]);
          // The per-day table behind its disclosure, open.
          await page.locator('[aria-labelledby="per-day-heading"] summary').click();
          expect(await axeViolations(page)).toEqual([]);
          await page.close();
        });

        it('Fleet', async () => {
          const page = await openConsole();
          await signIn(page);
          await page.getByRole('tab', { name: words.tab.fleet }).click();
          await page.getByTestId('this-node').waitFor();
          await page.locator('[data-testid="fleet-summary"], #panel .error:not(:empty)').waitFor();
          expect(await axeViolations(page)).toEqual([]);
          await page.close();
        });
      });
    }
  },
);
