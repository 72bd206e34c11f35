/**
 * The cards suppression hid, in the console's Alerts view in real headless Chromium. With
 * emd-soft-tissue suppressed for 30 days after an override: emd-and-cns gets emd-cns critical
 * and emd-soft-tissue warning (test/examples-expected.ts); the soft-tissue card is overridden
 * through HTTP, so the next two emd-and-cns calls show emd-cns only. Three calls: emd-cns 3
 * served (100 per 100 calls), emd-soft-tissue 1 served and 2 suppressed (66.7 warning).
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

/**
 * emd-cns may be suppressed when critical too (suppressCritical); its card is never overridden
 * here, so it is served on every call, and the Rules view must say so.
 */
const SUPPRESS_SOFT_TISSUE = [
  'rules:',
  '  emd-soft-tissue:',
  '    suppressAfterOverrideDays: 30',
  '  emd-cns:',
  '    suppressAfterOverrideDays: 14',
  '    suppressCritical: true',
  '    acknowledgement: "Tumour board 2026-10: one CNS card a fortnight"',
  '',
].join('\n');

describe.skipIf(browserSkipReason)(
  'the console Alerts view with cards suppressed after an override, in Chromium',
  () => {
    let service: ConsoleService;

    beforeAll(async () => {
      service = await startConsoleService(inject('fhirServerUrl'), SUPPRESS_SOFT_TISSUE);
      const call = () => service.callHook('emd-patient-view', readExampleRequest('emd-and-cns'));
      const rulesOf = (cards: Awaited<ReturnType<typeof call>>) =>
        cards.map((card) => card.extension?.[CARD_EXTENSION.ruleId]);
      const first = await call();
      expect(rulesOf(first)).toEqual(['emd-cns', 'emd-soft-tissue']);
      await service.postFeedback('emd-patient-view', [
        { card: first[1]?.uuid, outcome: 'overridden', outcomeTimestamp: new Date().toISOString() },
      ]);
      expect(rulesOf(await call())).toEqual(['emd-cns']);
      expect(rulesOf(await call())).toEqual(['emd-cns']);
    }, 120_000);

    afterAll(async () => {
      await service.service.close();
    });
    // After the service's hooks, so its afterAll, closing the file's pages, runs first.
    const browser = useChromium();

    it('shows the suppressed cards per rule beside the cards served, per 100 hook calls', async () => {
      const page = await newPageIn(browser(), { locale: 'en-GB' });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${service.baseUrl}/console/`);
      await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('tab', { name: 'Alerts' }).click();
      await page.getByTestId('silent-table').waitFor();

      const table = page.getByTestId('silent-table');
      await expect(table.locator('thead').textContent()).resolves.toContain(
        'Suppressed after override',
      );
      const rows = await table
        .locator('tbody tr')
        .evaluateAll((trs: ElementLike[]) =>
          trs.map((tr) => [
            tr.getAttribute('data-key'),
            ...['served-per-100', 'suppressed', 'suppressed-per-100'].map((col) =>
              tr.querySelector(`[data-col="${col}"]`)?.textContent?.trim(),
            ),
          ]),
        );
      expect(rows).toEqual([
        ['emd-cns emd-patient-view', '100 (0 / 0 / 100)', '0', '0 (0 / 0 / 0)'],
        ['emd-soft-tissue emd-patient-view', '33.3 (0 / 33.3 / 0)', '2', '66.7 (0 / 66.7 / 0)'],
      ]);
      await screenshot(page, 'console-10-alerts-suppressed');
      expect(errors).toEqual([]);
    }, 60_000); // headless Chromium on a shared 2-core machine: the console takes seconds

    it('shows in the Rules view which rules hide critical cards too after an override', async () => {
      const page = await newPageIn(browser(), { locale: 'en-GB' });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${service.baseUrl}/console/`);
      await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const table = page.getByTestId('rules-table');
      await table.waitFor();
      const rows = await table.locator('tbody tr').evaluateAll((trs: ElementLike[]) =>
        trs.map((tr) => {
          const cell = (n: number) => tr.querySelector(`td:nth-of-type(${String(n)})`);
          // Rule, days suppressed, critical cards too: the 5th and 6th data cells (after
          // enabled, mode, level and where the level comes from).
          return [
            tr.querySelector('th code')?.textContent,
            cell(5)?.textContent,
            cell(6)?.textContent,
          ];
        }),
      );
      expect(rows).toContainEqual(['emd-cns', '14', 'on']);
      expect(rows).toContainEqual(['emd-soft-tissue', '30', 'off']);
      expect(rows).toContainEqual(['emd-leptomeningeal', '—', '—']);
      expect(errors).toEqual([]);
    }, 60_000);
  },
);
