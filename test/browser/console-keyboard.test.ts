/**
 * The informatics console from the keyboard alone, in real headless Chromium against the
 * real service (./console-service.ts): what axe-core cannot judge (./console-a11y.test.ts).
 * Tab reaches every control of each view in a reading order and each shows where the focus
 * is (WCAG 2.1.1, 2.4.3, 2.4.7); Enter and Space work the main controls; the focus is put
 * back where the work goes on when signing in or out removes the control that had it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSkipReason, newPageIn } from '../support/browser.js';
import { focused, stopsWithoutVisibleFocus, tabStops, tabTo } from '../support/keyboard.js';
import { ADMIN_TOKEN, seededConsoleInBrowser } from './console-service.js';

describe.skipIf(browserSkipReason)(
  'the console from the keyboard in Chromium',
  { timeout: 60_000 },
  () => {
    const running = seededConsoleInBrowser();

    async function openConsole(): Promise<Page> {
      const page = await newPageIn(running.browser, {
        viewport: { width: 1280, height: 900 },
        locale: 'en-GB',
      });
      await page.goto(`${running.service.baseUrl}/console/`);
      return page;
    }

    const focusName = async (page: Page) => (await focused(page))?.name ?? '(the page)';

    it('signs in, runs a dry run, opens a card’s SMART link and signs out with the keyboard alone', async () => {
      const page = await openConsole();
      await page.keyboard.press('Tab');
      await expect(focusName(page)).resolves.toMatch(/^SELECT#ui-language/);
      await page.keyboard.press('Tab');
      await expect(focusName(page)).resolves.toBe('INPUT#admin-token[password]');
      await page.keyboard.type(ADMIN_TOKEN);
      await page.keyboard.press('Tab');
      await expect(focusName(page)).resolves.toBe('BUTTON "Sign in"');
      await page.keyboard.press('Space');
      await page.getByTestId('rules-table').waitFor();
      // The sign-in form is gone: the focus goes to the chosen view's tab, not to the page.
      await expect(focusName(page)).resolves.toBe('BUTTON#tab-rules "Rules"');

      await page.keyboard.press('ArrowRight');
      await expect(focusName(page)).resolves.toBe('BUTTON#tab-dry-run "Dry run"');
      await tabTo(page, /^SELECT#example/);
      await page.locator('#example').selectOption('leptomeningeal-with-cns');
      await tabTo(page, /^INPUT#now/);
      await page.locator('#now').fill('2026-11-01');
      await tabTo(page, /^BUTTON "Run"$/);
      await page.keyboard.press('Enter');
      await page.getByTestId('card').first().waitFor();
      await tabTo(page, /^BUTTON "Launch: /);
      const [timeline] = await Promise.all([
        page.context().waitForEvent('page'),
        page.keyboard.press('Space'),
      ]);
      await timeline.waitForSelector('.patient, .error', { timeout: 30_000 });
      await expect(timeline.textContent('.patient-name')).resolves.toBe('Daniel Cohen');
      await timeline.close();

      await tabTo(page, /^BUTTON "Sign out"$/, 'Shift+Tab');
      await page.keyboard.press('Enter');
      // The Sign out button is gone: the focus goes to the token field, to sign in again.
      await expect(focusName(page)).resolves.toBe('INPUT#admin-token[password]');
      await page.close();
    });

    it('reaches every control of each view with Tab, each showing where the focus is', async () => {
      const page = await openConsole();
      const signIn = await tabStops(page);
      expect(signIn.map((stop) => stop.name)).toEqual([
        'SELECT#ui-language "English简体中文"',
        'INPUT#admin-token[password]',
        'BUTTON "Sign in"',
      ]);
      const missing: string[] = stopsWithoutVisibleFocus(signIn);
      await page.locator('#admin-token').fill(ADMIN_TOKEN);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('rules-table').waitFor();
      const rules = await tabStops(page);
      missing.push(...stopsWithoutVisibleFocus(rules));
      const names = (stops: { name: string }[]) => stops.map((stop) => stop.name).join('\n');
      expect(names(rules)).toMatch(/^SELECT#ui-language.*\nBUTTON "Sign out"\nBUTTON#tab-rules/);
      // The tabs are one stop (the chosen one); the arrow keys move between them.
      expect(rules.filter((stop) => stop.name.startsWith('BUTTON#tab-'))).toHaveLength(1);
      expect(names(rules)).toContain('DIV "Rules"'); // the rules table's scrolling region
      expect(names(rules)).toContain('SUMMARY');

      await page.getByRole('tab', { name: 'Dry run' }).click();
      await page.locator('#example').selectOption('emd-and-cns');
      await page.locator('#now').fill('2026-11-01');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.getByTestId('card').first().waitFor();
      const dryRun = await tabStops(page);
      missing.push(...stopsWithoutVisibleFocus(dryRun));
      const dryRunOrder = dryRun
        .map((stop) => /^\w+#([\w-]+)/.exec(stop.name)?.[1] ?? stop.name.split(' ')[0])
        .filter((name, i, all) => name !== all[i - 1]);
      expect(dryRunOrder.slice(0, 14)).toEqual([
        'ui-language',
        'BUTTON', // Sign out
        'tab-dry-run',
        'panel',
        'example',
        'bundle-text',
        'bundle-file',
        'hook',
        'card-locale',
        'now',
        'patient-id',
        'fhir-server',
        'BUTTON', // Run
        'A', // the first card's source
      ]);
      expect(dryRun.filter((stop) => stop.name.startsWith('BUTTON "Launch: '))).toHaveLength(2);

      await page.getByRole('tab', { name: 'Alerts' }).click();
      await page.getByTestId('per-rule-table').waitFor();
      const alerts = await tabStops(page);
      missing.push(...stopsWithoutVisibleFocus(alerts));
      for (const name of [/^INPUT#from/, /^INPUT#to/, /^BUTTON "Show"$/, /^SUMMARY/])
        expect(
          alerts.some((stop) => name.test(stop.name)),
          String(name),
        ).toBe(true);

      await page.getByRole('tab', { name: 'Fleet' }).click();
      // Disabled, so not focusable, while the list loads.
      await expect.poll(() => page.getByRole('button', { name: 'Refresh' }).isEnabled()).toBe(true);
      const fleet = await tabStops(page);
      missing.push(...stopsWithoutVisibleFocus(fleet));
      expect(fleet.some((stop) => stop.name === 'BUTTON "Refresh"')).toBe(true);
      expect(missing).toEqual([]);
      await page.close();
    });

    it('works the Alerts period and the per-day table’s disclosure with Enter and Space', async () => {
      const page = await openConsole();
      await page.locator('#admin-token').fill(ADMIN_TOKEN);
      await page.keyboard.press('Enter');
      await page.getByRole('tab', { name: 'Rules', selected: true }).waitFor();
      await page.keyboard.press('End');
      await page.getByRole('tab', { name: 'Fleet', selected: true }).waitFor();
      await page.keyboard.press('ArrowLeft');
      await page.getByTestId('per-rule-table').waitFor();
      await tabTo(page, /^INPUT#from/);
      await page.locator('#from').fill('2020-01-01');
      await tabTo(page, /^BUTTON "Show"$/);
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.getByTestId('per-day-table').locator('tbody tr').count())
        .toBeGreaterThan(365);
      const perDay = page.locator('[aria-labelledby="per-day-heading"] details');
      await expect(perDay.getAttribute('open')).resolves.toBeNull();
      await tabTo(page, /^SUMMARY/);
      await page.keyboard.press('Space');
      await expect(perDay.getAttribute('open')).resolves.toBe('');
      await page.keyboard.press('Enter');
      await expect(perDay.getAttribute('open')).resolves.toBeNull();
      await page.close();
    });

    // A button disabled while it works drops the focus to the page: a screen reader starts
    // again from the top, and the result it announced is read with no place to go on from.
    it('keeps the focus on Run, Show and Refresh while they work and after (WCAG 2.4.3)', async () => {
      const page = await openConsole();
      await page.locator('#admin-token').fill(ADMIN_TOKEN);
      await page.keyboard.press('Enter');
      await page.getByRole('tab', { name: 'Rules', selected: true }).waitFor();
      await page.keyboard.press('ArrowRight');
      await page.locator('#example').selectOption('emd-and-cns');
      await tabTo(page, /^BUTTON "Run"$/);
      await page.keyboard.press('Enter');
      await page.getByTestId('card').first().waitFor();
      await expect(focusName(page)).resolves.toBe('BUTTON "Run"');

      await page.getByRole('tab', { name: 'Alerts' }).click();
      await page.getByTestId('per-rule-table').waitFor();
      await tabTo(page, /^BUTTON "Show"$/);
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Show', exact: true }).waitFor();
      await expect(focusName(page)).resolves.toBe('BUTTON "Show"');

      await page.getByRole('tab', { name: 'Fleet' }).click();
      await page.getByTestId('fleet-table').waitFor();
      const asOf = page.getByText(/^As of /);
      const before = await asOf.textContent();
      await tabTo(page, /^BUTTON "Refresh"$/);
      await page.keyboard.press('Enter');
      await expect.poll(() => asOf.textContent()).not.toBe(before);
      await expect(focusName(page)).resolves.toBe('BUTTON "Refresh"');
      await page.close();
    });
  },
);
