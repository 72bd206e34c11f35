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
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from '../support/axe.js';
import { browserSkipReason, launchChromium } from '../support/browser.js';
import {
  ADMIN_TOKEN,
  seedFeedback,
  startConsoleService,
  type ConsoleService,
} from './console-service.js';

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
    let service: ConsoleService;
    let browser: Browser;

    beforeAll(async () => {
      service = await startConsoleService(inject('fhirServerUrl'));
      await seedFeedback(service);
      browser = await launchChromium();
    }, 120_000);

    afterAll(async () => {
      await browser.close();
      await service.service.close();
    });

    it('reflows at 320 CSS px: no view scrolls sideways, and none has a violation there', async () => {
      const context = await browser.newContext({
        viewport: { width: 320, height: 640 },
        locale: 'en-GB',
      });
      const page = await context.newPage();
      await page.goto(`${service.baseUrl}/console/`);
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
      await context.close();
    });

    for (const words of LANGUAGES) {
      describe(words.language, () => {
        async function openConsole(): Promise<Page> {
          const context = await browser.newContext({
            viewport: { width: 1280, height: 900 },
            locale: words.locale,
          });
          const page = await context.newPage();
          await page.goto(`${service.baseUrl}/console/`);
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
          await page.context().close();
        });

        it('Rules', async () => {
          const page = await openConsole();
          await signIn(page);
          await page.getByTestId('rules-table').waitFor();
          expect(await axeViolations(page)).toEqual([]);
          await page.context().close();
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
          await page.context().close();
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
          await page.context().close();
        });

        it('Fleet', async () => {
          const page = await openConsole();
          await signIn(page);
          await page.getByRole('tab', { name: words.tab.fleet }).click();
          await page.getByTestId('this-node').waitFor();
          await page.locator('[data-testid="fleet-summary"], #panel .error:not(:empty)').waitFor();
          expect(await axeViolations(page)).toEqual([]);
          await page.context().close();
        });
      });
    }
  },
);
