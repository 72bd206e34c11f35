/**
 * The EMD timeline app in real headless Chromium (issue #9's acceptance): each finding by site
 * and class, in the findings table, on the time axis and on the body map, and the app opened
 * from the smart link of a real card. The harness is ./timeline-service.ts.
 *
 * Expectations come from the example bundles (fhir-resources/examples/) and the rules page
 * §3.3, not from the app: e.g. leptomeningeal-with-cns has one Condition with meninges + CSF
 * sites (leptomeningeal) and one with a brain site (cns).
 */
import type { CdsHookResponse as HookResponse } from '../support/cds-hooks-schema.js';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { browserSkipReason, screenshot } from '../support/browser.js';
import { attributes, callPatientView, rowsOf, useTimelineApp } from './timeline-service.js';

// Several page loads per test: vitest's 5 s default is a hang guard too tight for a browser.
describe.skipIf(browserSkipReason)(
  'EMD timeline app in Chromium: the findings',
  { timeout: 60_000 },
  () => {
    const app = useTimelineApp();

    it('shows the leptomeningeal and CNS findings of leptomeningeal-with-cns, by site and class, with the MRI that found them', async () => {
      const { page } = await app.openPage(app.launchUrl('leptomeningeal-with-cns'));
      const rows = await rowsOf(page);
      expect(rows.map((r) => [r.findingClass, r.site, r.status]).sort()).toEqual([
        ['cns', 'Brain structure', 'active'],
        ['leptomeningeal', 'Meninges structure, Cerebrospinal fluid', 'active'],
      ]);
      // Both Conditions cite the MR brain report (evidence.detail) of the MRI study.
      for (const row of rows) expect(row.source).toContain('MR brain');
      expect(await page.textContent('.phase')).toBe('relapsed');
      expect(await page.textContent('.patient-name')).toBe('Daniel Cohen');
      // The time axis: one mark per finding, in its class's lane; the MRI on the imaging lane.
      expect((await attributes(page, '.time-axis .finding', 'data-class')).sort()).toEqual([
        'cns',
        'leptomeningeal',
      ]);
      expect(await page.$$('.time-axis .study')).toHaveLength(1);
      expect(await page.$$('.time-axis .evidence')).toHaveLength(2);
      expect(await attributes(page, '.time-axis .event', 'data-event')).toContain('diagnosis');
      // The body map: meninges and CSF marked leptomeningeal, the brain marked CNS.
      const regions = await attributes(page, '.body-map .site-mark', 'data-region');
      const classes = await attributes(page, '.body-map .site-mark', 'data-class');
      const marks = regions.map((region, index) => `${region ?? ''}:${classes[index] ?? ''}`);
      expect(marks.sort()).toEqual([
        'brain:cns',
        'cranialCsf:leptomeningeal',
        'meninges:leptomeningeal',
      ]);
      // Class names are the card wording's, in text beside every shape.
      expect(await page.textContent('table.findings')).toContain('leptomeningeal');
      expect(await page.textContent('table.findings')).toContain('CNS (parenchymal or dural)');
      await screenshot(page, 'timeline-leptomeningeal-laptop');
      await page.close();
    });

    it('shows a paraskeletal-only patient as paraskeletal, never as EMD', async () => {
      const { page } = await app.openPage(app.launchUrl('paraskeletal-only'));
      const rows = await rowsOf(page);
      expect(rows.map((r) => [r.findingClass, r.site, r.status])).toEqual([
        ['paraskeletal', 'Thoracic spine structure', 'active'],
      ]);
      // The Condition cites the staging PET report (evidence.detail).
      expect(rows[0]?.source).toContain('PET whole body');
      expect(await attributes(page, '[data-class]', 'data-class')).not.toContain('emd');
      expect(await attributes(page, '.body-map .site-mark', 'data-region')).toEqual([
        'thoracicSpine',
      ]);
      await page.close();
    });

    it('does not show refuted or entered-in-error findings', async () => {
      for (const patient of ['refuted-plasmacytoma', 'entered-in-error-cns']) {
        const { page } = await app.openPage(app.launchUrl(patient));
        expect(await rowsOf(page), patient).toEqual([]);
        expect(await page.$$('.time-axis .finding'), patient).toHaveLength(0);
        expect(await page.$$('.body-map .site-mark'), patient).toHaveLength(0);
        // The record holds the finding, refuted or entered in error: "none" is qualified, as
        // the page's myeloma line is, so nobody reads the record as empty.
        expect(await page.textContent('main'), patient).toContain(
          'No (non-refuted) plasmacytoma or CNS / leptomeningeal finding on the record.',
        );
        // The imaging study is still on the axis: the study happened, the finding was refuted.
        expect(await page.$$('.time-axis .study'), patient).toHaveLength(1);
        await page.close();
      }
    });

    it('shows history as history and text-only mentions as not classified', async () => {
      const mixed = await app.openPage(app.launchUrl('mixed-history-and-active'));
      expect((await rowsOf(mixed.page)).map((r) => [r.findingClass, r.site, r.status])).toEqual([
        ['emd', 'Skin structure', 'history'],
        ['paraskeletal', 'Left 6th rib', 'active'],
      ]);
      await mixed.page.close();
      const text = await app.openPage(app.launchUrl('text-only-plasmacytoma'));
      expect((await rowsOf(text.page)).map((r) => [r.findingClass, r.site])).toEqual([
        ['text-only', 'Liver structure'],
      ]);
      expect(await text.page.textContent('table.findings')).toContain('text only, not coded');
      await screenshot(text.page, 'timeline-text-only-laptop');
      await text.page.close();
    });

    it('opens from the smart link of a real patient-view card for emd-and-cns', async () => {
      const response = await callPatientView(app, 'emd-and-cns');
      expect(response.status).toBe(200);
      const { cards } = (await response.json()) as HookResponse;
      const links = cards.map((card) => ({
        rule: card.extension?.[CARD_EXTENSION.ruleId],
        smart: card.links?.filter((l) => l.type === 'smart') ?? [],
      }));
      expect(links.map((l) => [l.rule, l.smart.map((s) => s.url)])).toEqual([
        ['emd-cns', [`${app.baseUrl}/timeline/launch.html`]],
        ['emd-soft-tissue', [`${app.baseUrl}/timeline/launch.html`]],
      ]);
      // What an EHR does with a smart link (CDS Hooks 2.0 §Link): append iss and launch.
      const url = new URL(links[0]?.smart[0]?.url ?? '');
      url.searchParams.set('iss', app.fhirServerUrl);
      url.searchParams.set('launch', randomUUID());
      url.searchParams.set('patient', 'emd-and-cns');
      const { page } = await app.openPage(url.toString());
      expect((await rowsOf(page)).map((r) => [r.findingClass, r.site]).sort()).toEqual([
        ['cns', 'Spinal cord structure'],
        ['emd', 'Pericardial structure'],
      ]);
      expect((await attributes(page, '.body-map .site-mark', 'data-region')).sort()).toEqual([
        'pericardium',
        'spinalCord',
      ]);
      await page.close();
    });
  },
);
