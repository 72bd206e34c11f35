/**
 * Issue #9, the console in real headless Chromium against the real service (see
 * console-service.ts): it loads under the service's CSP without errors, sign-in refuses a
 * bad token, a dry run shows the scenario cards of two example patients, the Alerts charts
 * and tables show the feedback posted through HTTP, and the UI switches to Chinese.
 * With EMD_CDS_TEST_SCREENSHOTS=1, screenshots land in test-results/screenshots/
 * (docs/contributing.md).
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { readExampleBundle } from '../support/app.js';
import { browserSkipReason, newPageIn, screenshot } from '../support/browser.js';
import { ADMIN_TOKEN, seededConsoleInBrowser } from './console-service.js';

// The callbacks given to page.evaluate run in the browser; this Node type check has no DOM
// lib, so the little of the DOM they use is declared here, for this file only.
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  } | null;
}
interface ElementLike {
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): ElementLike | null;
}
declare const document: {
  documentElement: { lang: string; scrollWidth: number; clientWidth: number };
  activeElement: { getAttribute(name: string): string | null } | null;
  getElementById(id: string): unknown;
};

const LAPTOP = { width: 1280, height: 900 };
const TABLET = { width: 800, height: 1100 };

describe.skipIf(browserSkipReason)(
  'the informatics console in Chromium',
  { timeout: 60_000 },
  () => {
    const running = seededConsoleInBrowser();

    /** A fresh page; every console message of type error and every page error is collected. */
    async function openConsole(viewport = LAPTOP): Promise<{ page: Page; errors: string[] }> {
      const page = await newPageIn(running.browser, { viewport, locale: 'en-GB' });
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${running.service.baseUrl}/console/`);
      return { page, errors };
    }

    async function signIn(page: Page, token = ADMIN_TOKEN): Promise<void> {
      await page.getByLabel('Admin token').fill(token);
      await page.getByRole('button', { name: 'Sign in' }).click();
    }

    async function dryRun(page: Page, example: string): Promise<void> {
      await page.getByRole('tab', { name: 'Dry run' }).click();
      await page.getByLabel('Example patient').selectOption(example);
      await page.getByLabel('“Now” (evaluation date)').fill('2026-11-01');
      await page.getByRole('button', { name: 'Run' }).click();
      await page.getByRole('heading', { name: /^Cards \(/ }).waitFor();
    }

    const cardsOn = (page: Page) =>
      page
        .getByTestId('card')
        .evaluateAll((cards: ElementLike[]) =>
          cards.map((card) => [
            card.querySelector('[data-indicator]')?.getAttribute('data-indicator'),
            card.querySelector('[data-indicator]')?.textContent?.trim(),
            card.querySelector('.card-summary')?.textContent?.trim(),
          ]),
        );

    it('loads, refuses a bad token with a message, and signs in to the Rules view without console errors', async () => {
      const { page, errors } = await openConsole();
      await expect(page.title()).resolves.toBe('EMD CDS console');
      await screenshot(page, 'console-1-sign-in');

      await signIn(page, 'not-the-admin-token');
      await expect(page.getByRole('alert').textContent()).resolves.toContain(
        'The token was not accepted.',
      );
      await screenshot(page, 'console-2-bad-token');

      await signIn(page);
      await page.getByRole('tab', { name: 'Rules', selected: true }).waitFor();
      await expect(page.getByTestId('config-file').textContent()).resolves.toBe(
        'built-in defaults',
      );
      await expect(page.getByTestId('config-hash').textContent()).resolves.toMatch(
        /^[0-9a-f]{16}$/,
      );
      const rulesTable = await page.getByTestId('rules-table').textContent();
      expect(rulesTable).toContain('emd-leptomeningeal');
      expect(rulesTable).toContain('Critical');
      // Every knob of the clinical config is shown, the negation cues and status words too.
      const negation = page.getByRole('heading', { name: 'Text-only negation cues' });
      await negation.waitFor();
      const rulesPage = await page.locator('main').textContent();
      expect(rulesPage).toContain('未见明显');
      expect(rulesPage).toContain('cannot be excluded');
      expect(rulesPage).toContain('Text-only family, history and hedge cues');
      expect(rulesPage).toContain('family history of');
      expect(rulesPage).toContain('Status words (a status or an abatement given as text)');
      expect(rulesPage).toContain('entered in error');
      // H96: the abatementString words that say not abated, under their own list.
      expect(rulesPage).toContain('notAbated');
      expect(rulesPage).toContain('未缓解');
      // Whether critical cards are suppressed too (suppressCritical), the timeline link and
      // where the clinical files come from: the built-in configuration suppresses nothing and
      // reads only the shipped files.
      await expect(
        page.getByTestId('rules-table').locator('thead').textContent(),
      ).resolves.toContain('Critical cards suppressed too');
      expect(rulesPage).toContain(`timeline: ${running.service.baseUrl}/timeline/launch.html`);
      for (const id of ['value-set-files', 'wording-dir'])
        expect((await page.getByTestId(id).textContent())?.trim()).toBe(
          'none: the shipped ones only',
        );
      // The settings read only at start, as this node runs them (GET /admin/config).
      const startOnly = await page.getByTestId('start-only-table').textContent();
      expect(startOnly).toContain('service.port');
      expect(startOnly).toContain('PORT');
      expect(startOnly).toContain(new URL(running.service.baseUrl).port);
      expect(startOnly).not.toContain('changed: waits for a restart');
      await screenshot(page, 'console-3-rules');

      // The only error allowed is the browser's own log line for the refused (401) token.
      expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
      expect(errors.length).toBe(1);
    });

    it('keyboard: the tabs move with the arrow keys and the active tab has focus', async () => {
      const { page, errors } = await openConsole();
      await signIn(page);
      await page.getByRole('tab', { name: 'Rules', selected: true }).focus();
      await page.keyboard.press('ArrowRight');
      await page.getByRole('tab', { name: 'Dry run', selected: true }).waitFor();
      await expect(page.evaluate(() => document.activeElement?.getAttribute('id'))).resolves.toBe(
        'tab-dry-run',
      );
      expect(errors).toEqual([]);
    });

    it('dry-runs two example patients and shows their cards as an EHR would, beside the trace', async () => {
      const { page, errors } = await openConsole();
      await signIn(page);

      await dryRun(page, 'leptomeningeal-with-cns');
      expect(await cardsOn(page)).toEqual([
        [
          'critical',
          'Critical',
          'Leptomeningeal myeloma: the worst prognosis of all extramedullary disease',
        ],
      ]);
      const outcomes = await page.getByTestId('outcomes').textContent();
      // The level in the console's words, as on the card's badge.
      expect(outcomes).toMatch(/emd-leptomeningeal\s*:\s*fired \(Critical\)/);
      expect(outcomes).toMatch(/emd-cns\s*:\s*not fired/);
      // Card Markdown is rendered as HTML (a list or paragraph), not shown as raw Markdown.
      await expect(
        page.locator('.card-detail p, .card-detail li').count(),
      ).resolves.toBeGreaterThan(0);
      await screenshot(page, 'console-4-dry-run-leptomeningeal');

      await dryRun(page, 'emd-skin-at-diagnosis');
      await page.getByText('True extramedullary myeloma').waitFor();
      expect(await cardsOn(page)).toEqual([
        [
          'warning',
          'Warning',
          'True extramedullary myeloma: poor prognosis, worse than paraskeletal disease',
        ],
      ]);
      await screenshot(page, 'console-5-dry-run-true-emd');
      expect(errors).toEqual([]);
    });

    it('dry-runs a pasted Bundle, showing record text as text: markup in it is not rendered', async () => {
      const { page, errors } = await openConsole();
      await signIn(page);
      const bundle = readExampleBundle('text-only-plasmacytoma');
      const injected =
        '<img src=x onerror="window.__injected=1"> Extramedullary plasmacytoma of liver';
      for (const entry of bundle.entry ?? []) {
        if (entry.resource?.id === 'text-only-plasmacytoma-pc1')
          (entry.resource as fhir4.Condition).code = { text: injected };
      }
      await page.getByRole('tab', { name: 'Dry run' }).click();
      await page.getByLabel('Or paste a FHIR Bundle (JSON)').fill(JSON.stringify(bundle));
      await page.getByLabel('“Now” (evaluation date)').fill('2026-11-01');
      await page.getByRole('button', { name: 'Run' }).click();
      await page.getByRole('heading', { name: /^Cards \(/ }).waitFor();
      expect((await cardsOn(page)).map(([indicator]) => indicator)).toEqual(['info']);
      await expect(page.locator('.card-detail').textContent()).resolves.toContain(
        '<img src=x onerror="window.__injected=1">',
      );
      await expect(page.locator('.card img').count()).resolves.toBe(0);
      await expect(page.evaluate(() => 'window.__injected' in globalThis)).resolves.toBe(false);
      expect(errors).toEqual([]);
    });

    it('dry-runs an uploaded Bundle file', async () => {
      const { page, errors } = await openConsole();
      await signIn(page);
      await page.getByRole('tab', { name: 'Dry run' }).click();
      await page.getByLabel('Or upload a Bundle file').setInputFiles({
        name: 'emd-and-cns.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(readExampleBundle('emd-and-cns'))),
      });
      // The file is read asynchronously (FileReader): wait for it to fill the text area.
      await expect
        .poll(() => page.getByLabel('Or paste a FHIR Bundle (JSON)').inputValue())
        .toContain('"emd-and-cns"');
      await page.getByLabel('“Now” (evaluation date)').fill('2026-11-01');
      await page.getByRole('button', { name: 'Run' }).click();
      await page.getByRole('heading', { name: /^Cards \(/ }).waitFor();
      expect((await cardsOn(page)).map(([indicator]) => indicator)).toEqual([
        'critical',
        'warning',
      ]);
      expect(errors).toEqual([]);
    });

    it('draws the Alerts charts from the stored feedback, with the numbers in accessible tables', async () => {
      const { page, errors } = await openConsole();
      await signIn(page);
      await page.getByRole('tab', { name: 'Alerts' }).click();
      await page.getByTestId('per-rule-table').waitFor();
      // The period and the days are UTC (src/store/stats-period.ts), and the console says so.
      await expect(page.getByLabel('From (UTC)').count()).resolves.toBe(1);
      await expect(page.getByLabel('To (inclusive, UTC)').count()).resolves.toBe(1);
      await expect(page.getByTestId('period-help').textContent()).resolves.toContain(
        'Days are UTC days, 00:00 to 24:00 UTC',
      );
      await page.getByRole('heading', { name: 'Cards per UTC day' }).waitFor();
      await expect(
        page.getByTestId('per-day-table').locator('thead th').first().textContent(),
      ).resolves.toBe('Day (UTC)');

      const perRule = await page
        .getByTestId('per-rule-table')
        .locator('tbody tr')
        .evaluateAll((rows: ElementLike[]) =>
          rows.map((row) => [
            row.getAttribute('data-key'),
            ...['served', 'accepted', 'overridden', 'unanswered'].map((col) =>
              Number(row.querySelector(`[data-col="${col}"]`)?.textContent),
            ),
          ]),
        );
      expect(perRule).toEqual([
        ['emd-cns', 2, 1, 0, 1],
        ['emd-leptomeningeal', 1, 0, 1, 0],
        ['emd-soft-tissue', 2, 0, 1, 1],
      ]);
      const reasons = await page
        .getByTestId('reasons-table')
        .locator('tbody tr')
        .evaluateAll((rows: ElementLike[]) =>
          rows.map((row) => [
            row.getAttribute('data-code'),
            Number(row.querySelector('[data-col="count"]')?.textContent),
          ]),
        );
      expect(reasons.sort()).toEqual([
        ['already-aware', 1],
        ['not-relevant-now', 1],
      ]);
      // Chart.js has drawn: each canvas has a size and non-blank pixels.
      for (const id of ['chart-per-rule', 'chart-per-day']) {
        const painted = await page.evaluate((canvasId) => {
          const canvas = document.getElementById(canvasId) as CanvasLike | null;
          if (!canvas || canvas.width === 0 || canvas.height === 0) return 0;
          const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height);
          let count = 0;
          for (let i = 3; i < (pixels?.data.length ?? 0); i += 4) if (pixels?.data[i]) count += 1;
          return count;
        }, id);
        expect([id, painted > 0]).toEqual([id, true]);
      }
      const today = new Date().toISOString().slice(0, 10);
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const perDay = await page
        .getByTestId('per-day-table')
        .locator('tbody tr')
        .evaluateAll((rows: ElementLike[]) =>
          rows.map((row) => [
            row.getAttribute('data-key'),
            Number(row.querySelector('[data-col="served"]')?.textContent),
          ]),
        );
      // Every day of the default period (the last 30 days, today included), zero where no card was served.
      expect(perDay).toHaveLength(30);
      // All five were served on one day: today, unless the test crossed midnight UTC.
      expect(perDay.filter(([, served]) => Number(served) > 0)).toHaveLength(1);
      expect([today, yesterday]).toContain(perDay.find(([, served]) => Number(served) > 0)?.[0]);
      expect(perDay.reduce((sum, [, served]) => sum + Number(served), 0)).toBe(5);
      await screenshot(page, 'console-6-alerts');
      expect(errors).toEqual([]);
    });

    it('switches the console to Simplified Chinese', async () => {
      const { page, errors } = await openConsole();
      await page.getByLabel('Language').selectOption('zh-CN');
      await page.getByLabel('管理令牌').fill(ADMIN_TOKEN);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('tab', { name: '规则', selected: true }).waitFor();
      await expect(page.getByRole('tab', { name: '试运行' }).count()).resolves.toBe(1);
      await expect(page.getByRole('tab', { name: '警报' }).count()).resolves.toBe(1);
      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('zh-CN');
      await page.getByRole('tab', { name: '试运行' }).click();
      // The card language follows the UI language until changed.
      await expect(page.getByLabel('卡片语言').inputValue()).resolves.toBe('zh-CN');
      await page.getByLabel('示例患者').selectOption('leptomeningeal-with-cns');
      await page.getByLabel('“当前”（评估日期）').fill('2026-11-01');
      await page.getByRole('button', { name: '运行' }).click();
      await page.getByText('软脑膜骨髓瘤').first().waitFor();
      await expect(page.locator('[data-indicator="critical"]').first().textContent()).resolves.toBe(
        '危急',
      );
      // The trace's rule lines name the level as the badge does, not by its code ("(critical)").
      const outcomes = (await page.getByTestId('outcomes').innerText()).replace(/\s+/g, ' ');
      expect(outcomes).toContain('emd-leptomeningeal: 已触发（危急）');
      expect(outcomes).toContain('emd-cns: 未触发');
      await screenshot(page, 'console-7-zh-CN-dry-run');
      await page.getByLabel('SMART 启动使用的 FHIR 服务器').fill('');
      await expect(
        page.getByTestId('launch-needs-fhir-server').first().textContent(),
      ).resolves.toBe(
        '要启动，请先在上方“SMART 启动使用的 FHIR 服务器”中填写应用读取的 FHIR 服务器的 URL。',
      );
      await page.getByRole('tab', { name: '警报' }).click();
      await page.getByTestId('per-rule-table').waitFor();
      await expect(page.getByLabel('开始（UTC）').count()).resolves.toBe(1);
      await expect(page.getByLabel('结束（含，UTC）').count()).resolves.toBe(1);
      await page.getByRole('heading', { name: '每日卡片数（UTC 日）' }).waitFor();
      await expect(
        page.getByTestId('per-day-table').locator('thead th').first().textContent(),
      ).resolves.toBe('日期（UTC）');
      expect(errors).toEqual([]);
    });

    it('opens the EMD timeline from a dry-run card’s smart link, against the local FHIR server', async () => {
      const { page, errors } = await openConsole();
      await signIn(page);
      await dryRun(page, 'leptomeningeal-with-cns');
      await expect(page.getByLabel('FHIR server').inputValue()).resolves.toBe(
        inject('fhirServerUrl'),
      );
      const launchButton = page.getByRole('button', { name: /EMD timeline/ }).first();
      const [timeline] = await Promise.all([
        page.context().waitForEvent('page'),
        launchButton.click(),
      ]);
      await timeline.waitForSelector('.patient, .error', { timeout: 30_000 });
      expect(await timeline.$$('.error')).toHaveLength(0);
      expect(await timeline.textContent('.patient-name')).toBe('Daniel Cohen');
      expect(await timeline.textContent('table.findings')).toContain('leptomeningeal');
      await screenshot(timeline, 'console-9-timeline-from-card');
      expect(errors).toEqual([]);
    });

    // Session 33's newcomer: started with EMD_CDS_ADMIN_TOKEN alone (getting-started §5), the
    // field was empty and the button opened launch.html?iss=&…, which the app refused.
    it('disables a card’s SMART launch while the FHIR server field holds no URL, saying what to fill in', async () => {
      const { page, errors } = await openConsole();
      await signIn(page);
      await dryRun(page, 'leptomeningeal-with-cns');
      const launchButton = page.getByRole('button', { name: /EMD timeline/ }).first();
      await expect(launchButton.isEnabled()).resolves.toBe(true);
      await page.getByLabel('FHIR server').fill('');
      await expect(launchButton.isDisabled()).resolves.toBe(true);
      await expect(
        page.getByTestId('launch-needs-fhir-server').first().textContent(),
      ).resolves.toBe(
        'To launch, fill in “FHIR server for SMART launches” above with the URL of the FHIR server the app should read.',
      );
      await page.getByLabel('FHIR server').fill('not a url');
      await expect(launchButton.isDisabled()).resolves.toBe(true);
      await page.getByLabel('FHIR server').fill(inject('fhirServerUrl'));
      await expect(launchButton.isEnabled()).resolves.toBe(true);
      await expect(page.getByTestId('launch-needs-fhir-server').count()).resolves.toBe(0);
      expect(errors).toEqual([]);
    });

    it('is usable at tablet width: the dry run form, cards and trace stack without sideways scrolling', async () => {
      const { page, errors } = await openConsole(TABLET);
      await signIn(page);
      await dryRun(page, 'leptomeningeal-with-cns');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
      await screenshot(page, 'console-8-tablet-dry-run');
      expect(errors).toEqual([]);
    });
  },
);
