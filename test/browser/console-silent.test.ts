/**
 * Issue #17 in real headless Chromium: with emd-soft-tissue silent, the console's Alerts view
 * shows, per rule, the cards served and the cards the silent rule would have shown, per 100
 * hook calls and by indicator, with each rule's mode. Three calls through HTTP, expected
 * cards from test/examples-expected.ts: emd-and-cns twice (emd-cns critical, emd-soft-tissue
 * warning, silent here), leptomeningeal-with-cns once (emd-leptomeningeal critical). So per
 * 100 calls: emd-cns 2/3 = 66.7 critical, emd-leptomeningeal 1/3 = 33.3, emd-soft-tissue 0
 * served and 66.7 warning silent.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { readExampleRequest } from '../support/app.js';
import { browserSkipReason, newPageIn, screenshot, useChromium } from '../support/browser.js';
import { ADMIN_TOKEN, startConsoleService, type ConsoleService } from './console-service.js';

interface ElementLike {
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): ElementLike | null;
}

const SILENT_SOFT_TISSUE = 'rules:\n  emd-soft-tissue:\n    mode: silent\n';

describe.skipIf(browserSkipReason)(
  'the console Alerts view with a silent rule, in Chromium',
  () => {
    let service: ConsoleService;

    beforeAll(async () => {
      service = await startConsoleService(inject('fhirServerUrl'), SILENT_SOFT_TISSUE);
      const rulesOf = async (example: string) =>
        (await service.callHook('emd-patient-view', readExampleRequest(example))).map(
          (card) => card.extension?.[CARD_EXTENSION.ruleId],
        );
      expect(await rulesOf('emd-and-cns')).toEqual(['emd-cns']);
      expect(await rulesOf('leptomeningeal-with-cns')).toEqual(['emd-leptomeningeal']);
      expect(await rulesOf('emd-and-cns')).toEqual(['emd-cns']);
    }, 120_000);

    afterAll(async () => {
      await service.service.close();
    });
    // After the service's hooks, so its afterAll, closing the file's pages, runs first.
    const browser = useChromium();

    /** A fresh page of the console, signed in, collecting the page's errors. */
    async function signedIn() {
      const page = await newPageIn(browser(), { locale: 'en-GB' });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${service.baseUrl}/console/`);
      await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
      await page.getByRole('button', { name: 'Sign in' }).click();
      return { page, errors };
    }

    it("shows silent next to live per rule, per 100 hook calls, with each rule's mode", async () => {
      const { page, errors } = await signedIn();
      await page.getByRole('tab', { name: 'Alerts' }).click();
      await page.getByTestId('silent-table').waitFor();

      await expect(page.getByTestId('hook-calls').textContent()).resolves.toContain(
        'emd-patient-view 3',
      );
      const rows = await page
        .getByTestId('silent-table')
        .locator('tbody tr')
        .evaluateAll((trs: ElementLike[]) =>
          trs.map((tr) => [
            tr.getAttribute('data-key'),
            ...['mode', 'served-per-100', 'silent', 'silent-per-100'].map((col) =>
              tr.querySelector(`[data-col="${col}"]`)?.textContent?.trim(),
            ),
          ]),
        );
      expect(rows).toEqual([
        ['emd-cns emd-patient-view', 'live', '66.7 (0 / 0 / 66.7)', '0', '0 (0 / 0 / 0)'],
        [
          'emd-leptomeningeal emd-patient-view',
          'live',
          '33.3 (0 / 0 / 33.3)',
          '0',
          '0 (0 / 0 / 0)',
        ],
        ['emd-soft-tissue emd-patient-view', 'silent', '0 (0 / 0 / 0)', '2', '66.7 (0 / 66.7 / 0)'],
      ]);
      await screenshot(page, 'console-7-alerts-silent');
      expect(errors).toEqual([]);
    }, 60_000); // headless Chromium on a shared 2-core machine: the console takes seconds

    it("dry-runs a patient and shows the silent rule's card apart, under Silent cards", async () => {
      // Scenario table: emd-and-cns gets emd-cns critical and emd-soft-tissue warning; the
      // latter is silent here, so it is not among the cards an EHR would show.
      const { page, errors } = await signedIn();
      await page.getByRole('tab', { name: 'Dry run' }).click();
      await page.getByLabel('Example patient').selectOption('emd-and-cns');
      await page.getByLabel('“Now” (evaluation date)').fill('2026-11-01');
      await page.getByRole('button', { name: 'Run' }).click();
      await page.getByRole('heading', { name: 'Silent cards (1)' }).waitFor();
      const indicators = (section: string) =>
        page
          .locator(`${section} [data-testid="card"] [data-indicator]`)
          .evaluateAll((els: ElementLike[]) => els.map((el) => el.getAttribute('data-indicator')));
      await expect(indicators('section.cards:not(.silent)')).resolves.toEqual(['critical']);
      await expect(indicators('[data-testid="silent-cards"]')).resolves.toEqual(['warning']);
      await expect(page.getByTestId('silent-cards').textContent()).resolves.toMatch(
        /never shown to clinicians/,
      );
      // The trace stays beside the cards, as without silent cards: a fourth box in the
      // three-column grid sent it below the form, in its narrow column, a screen further down.
      const box = async (selector: string) => {
        const found = await page.locator(selector).boundingBox();
        if (!found) throw new Error(`${selector} is not shown`);
        return found;
      };
      const cards = await box('#cards-heading');
      const silent = await box('#silent-cards-heading');
      const trace = await box('#trace-heading');
      expect(Math.abs(trace.y - cards.y)).toBeLessThan(2);
      expect(trace.x).toBeGreaterThan(cards.x + cards.width);
      expect(silent.x).toBe(cards.x);
      expect(silent.y).toBeGreaterThan(cards.y);
      await screenshot(page, 'console-8-dry-run-silent');
      expect(errors).toEqual([]);
    }, 60_000);
  },
);
