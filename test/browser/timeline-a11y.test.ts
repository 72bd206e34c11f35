/**
 * The EMD timeline against WCAG 2.1 AA with axe-core (test/support/axe.ts), in real headless
 * Chromium, launched as an EHR launches it (./timeline-service.ts): patients whose drawings
 * differ (CNS and leptomeningeal, history, unconfirmed, text only, a site off the map, no
 * myeloma), in English and Simplified Chinese, at 320 CSS px (reflow), and every state that
 * says why nothing is drawn. A failure lists each violation as rule, impact and element. Keyboard use, which axe
 * cannot judge, is in ./timeline-access.test.ts and ./timeline-keyboard.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { freePort } from '../../bench/services.js';
import { axeViolations } from '../support/axe.js';
import { browserSkipReason } from '../support/browser.js';
import { putTransaction } from '../support/put-transaction.js';
import { HOST, useTimelineApp } from './timeline-service.js';

const PATIENTS = [
  'leptomeningeal-with-cns',
  'emd-and-cns',
  'mixed-history-and-active',
  'unconfirmed-leptomeningeal',
  'text-only-plasmacytoma',
  'unknown-site-plasmacytoma',
  'no-myeloma',
];

/** A record the service refuses (H51): a plasmacytoma Condition whose status is a number. */
const UNREADABLE = 'a11y-unreadable-condition';
const unreadableRecord = putTransaction([
  { resourceType: 'Patient', id: UNREADABLE },
  {
    resourceType: 'Condition',
    id: `${UNREADABLE}-pc1`,
    subject: { reference: `Patient/${UNREADABLE}` },
    clinicalStatus: 1,
    code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'C90.20' }] },
  } as { resourceType: string; id: string },
]);

// Several page loads and axe runs per test: vitest's 5 s default is a hang guard too tight
// for a browser; seven patients took over 90 s on a two-core machine others were loading.
describe.skipIf(browserSkipReason)(
  'EMD timeline app against WCAG 2.1 AA (axe-core) in Chromium',
  { timeout: 180_000 },
  () => {
    const app = useTimelineApp();

    it('reflows at 320 CSS px without violations (WCAG 1.4.10)', async () => {
      const { page } = await app.openPage(app.launchUrl('leptomeningeal-with-cns'), {
        width: 320,
        height: 640,
      });
      await page.locator('.patient').waitFor();
      await expect(
        page.evaluate<number>(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        ),
      ).resolves.toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });

    for (const locale of ['en-GB', 'zh-CN']) {
      // One page of the locale, navigated from patient to patient: each is a new document
      // (the app keeps nothing in storage), so what axe checks is that patient's drawing
      // alone, without a new context's cost for each.
      it(`has no violations for patients drawn in every way (${locale})`, async () => {
        const found: string[] = [];
        const [first = '', ...others] = PATIENTS;
        const { page } = await app.openPage(app.launchUrl(first), { locale });
        for (const patient of [first, ...others]) {
          if (patient !== first) await app.show(page, app.launchUrl(patient));
          await page.locator('.patient').waitFor();
          found.push(...(await axeViolations(page)).map((line) => `${patient}: ${line}`));
        }
        await page.close();
        expect(found).toEqual([]);
      });

      it(`has no violations where it says why nothing is drawn (${locale})`, async () => {
        await app.loadBundle(unreadableRecord);
        const gone = `http://${HOST}:${String(await freePort())}/fhir`;
        const states = {
          'not launched': `${app.baseUrl}/timeline/index.html`,
          'no iss': `${app.baseUrl}/timeline/launch.html`,
          'FHIR server unreachable': `${app.baseUrl}/timeline/launch.html?iss=${encodeURIComponent(gone)}&launch=x&patient=p`,
          'unreadable record': app.launchUrl(UNREADABLE),
        };
        const found: string[] = [];
        const { page } = await app.openPage(states['not launched'], { locale });
        for (const [state, url] of Object.entries(states)) {
          if (state !== 'not launched') await app.show(page, url);
          await page.getByRole('alert').waitFor();
          found.push(...(await axeViolations(page)).map((line) => `${state}: ${line}`));
        }
        await page.close();
        expect(found).toEqual([]);
      });
    }
  },
);
