/**
 * Issue #9's acceptance for the EMD timeline app, in real headless Chromium: a real service
 * (startService, as `npm start` builds it) serves the built app; the local FHIR server of the
 * test setup holds every example patient. The app is opened as the console opens it, like an
 * EHR (`launch.html?iss=…&launch=…&patient=…`), and from the smart link of a real card.
 *
 * Expectations come from the example bundles (fhir-resources/examples/) and the rules page
 * §3.3, not from the app: e.g. leptomeningeal-with-cns has one Condition with meninges + CSF
 * sites (leptomeningeal) and one with a brain site (cns).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../bench/services.js';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import type { CdsHookResponse as HookResponse } from '../support/cds-hooks-schema.js';
import { DEFAULT_CONFIG } from '../../src/config/config-schema.js';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { serviceOptions } from '../../src/config/environment.js';
import { startService, type RunningService } from '../../src/service.js';
import { browserSkipReason, builtWebApps, launchChromium, screenshot } from '../support/browser.js';

const HOST = '127.0.0.1';
const fhirServerUrl = inject('fhirServerUrl');

interface Row {
  site: string;
  findingClass: string | null;
  status: string | null;
  source: string;
}

// Several page loads per test: vitest's 5 s default is a hang guard too tight for a browser.
describe.skipIf(browserSkipReason)('EMD timeline app in Chromium', { timeout: 60_000 }, () => {
  let service: RunningService;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    const webRoot = builtWebApps();
    const port = await freePort();
    baseUrl = `http://${HOST}:${String(port)}`;
    const dir = mkdtempSync(join(tmpdir(), 'emd-cds-timeline-'));
    const options = serviceOptions(DEFAULT_CONFIG, {
      HOST,
      PORT: String(port),
      PUBLIC_BASE_URL: baseUrl,
      FHIR_SERVERS: fhirServerUrl,
      // A budget far above the real cost: these tests are about data, not time.
      FHIR_TIMEOUT_MS: '10000',
      // Hook calls here carry no JWT; authentication has its own tests (test/http/auth.test.ts).
      AUTH: 'off',
      AUTH_LOCAL_ISSUER: 'off',
      LOG_LEVEL: 'silent',
      EMD_CDS_SQLITE_FILE: join(dir, 'audit.sqlite'),
      EMD_CDS_AUDIT_SECRET: randomBytes(32).toString('base64'),
    });
    service = await startService({ ...options, webRoot }, pino({ level: 'silent' }));
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser.close();
    await service.close();
  });

  const launchUrl = (patient: string) =>
    `${baseUrl}/timeline/launch.html?${new URLSearchParams({
      iss: fhirServerUrl,
      launch: randomUUID(),
      patient,
    }).toString()}`;

  async function openPage(
    url: string,
    options: { locale?: string; width?: number; height?: number } = {},
  ): Promise<{ page: Page; context: BrowserContext }> {
    const context = await browser.newContext({
      locale: options.locale ?? 'en-GB',
      viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('.patient, .error', { timeout: 30_000 });
    return { page, context };
  }

  // Locators rather than $$eval: this file is type-checked without the DOM library.
  async function rowsOf(page: Page): Promise<Row[]> {
    const rows: Row[] = [];
    for (const row of await page.locator('table.findings tbody tr').all()) {
      rows.push({
        site: ((await row.locator('.site').textContent()) ?? '').trim(),
        findingClass: await row.getAttribute('data-class'),
        status: await row.getAttribute('data-status'),
        source: ((await row.locator('.source').textContent()) ?? '').replace(/\s+/g, ' ').trim(),
      });
    }
    return rows;
  }
  const attributes = async (page: Page, selector: string, name: string) =>
    Promise.all((await page.locator(selector).all()).map((el) => el.getAttribute(name)));

  it('shows the leptomeningeal and CNS findings of leptomeningeal-with-cns, by site and class, with the MRI that found them', async () => {
    const { page, context } = await openPage(launchUrl('leptomeningeal-with-cns'));
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
    await context.close();
  });

  it('shows a paraskeletal-only patient as paraskeletal, never as EMD', async () => {
    const { page, context } = await openPage(launchUrl('paraskeletal-only'));
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
    await context.close();
  });

  it('does not show refuted or entered-in-error findings', async () => {
    for (const patient of ['refuted-plasmacytoma', 'entered-in-error-cns']) {
      const { page, context } = await openPage(launchUrl(patient));
      expect(await rowsOf(page), patient).toEqual([]);
      expect(await page.$$('.time-axis .finding'), patient).toHaveLength(0);
      expect(await page.$$('.body-map .site-mark'), patient).toHaveLength(0);
      expect(await page.textContent('main'), patient).toContain(
        'No plasmacytoma or CNS / leptomeningeal finding on the record.',
      );
      // The imaging study is still on the axis: the study happened, the finding was refuted.
      expect(await page.$$('.time-axis .study'), patient).toHaveLength(1);
      await context.close();
    }
  });

  it('shows history as history and text-only mentions as not classified', async () => {
    const mixed = await openPage(launchUrl('mixed-history-and-active'));
    expect((await rowsOf(mixed.page)).map((r) => [r.findingClass, r.site, r.status])).toEqual([
      ['emd', 'Skin structure', 'history'],
      ['paraskeletal', 'Left 6th rib', 'active'],
    ]);
    await mixed.context.close();
    const text = await openPage(launchUrl('text-only-plasmacytoma'));
    expect((await rowsOf(text.page)).map((r) => [r.findingClass, r.site])).toEqual([
      ['text-only', 'Liver structure'],
    ]);
    expect(await text.page.textContent('table.findings')).toContain('text only, not coded');
    await screenshot(text.page, 'timeline-text-only-laptop');
    await text.context.close();
  });

  it('opens from the smart link of a real patient-view card for emd-and-cns', async () => {
    const response = await fetch(`${baseUrl}/cds-services/emd-patient-view`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        hook: 'patient-view',
        hookInstance: randomUUID(),
        fhirServer: fhirServerUrl,
        context: { userId: 'Practitioner/example-haematologist', patientId: 'emd-and-cns' },
      }),
    });
    expect(response.status).toBe(200);
    const { cards } = (await response.json()) as HookResponse;
    const links = cards.map((card) => ({
      rule: card.extension?.[CARD_EXTENSION.ruleId],
      smart: card.links?.filter((l) => l.type === 'smart') ?? [],
    }));
    expect(links.map((l) => [l.rule, l.smart.map((s) => s.url)])).toEqual([
      ['emd-cns', [`${baseUrl}/timeline/launch.html`]],
      ['emd-soft-tissue', [`${baseUrl}/timeline/launch.html`]],
    ]);
    // What an EHR does with a smart link (CDS Hooks 2.0 §Link): append iss and launch.
    const url = new URL(links[0]?.smart[0]?.url ?? '');
    url.searchParams.set('iss', fhirServerUrl);
    url.searchParams.set('launch', randomUUID());
    url.searchParams.set('patient', 'emd-and-cns');
    const { page, context } = await openPage(url.toString());
    expect((await rowsOf(page)).map((r) => [r.findingClass, r.site]).sort()).toEqual([
      ['cns', 'Spinal cord structure'],
      ['emd', 'Pericardial structure'],
    ]);
    expect((await attributes(page, '.body-map .site-mark', 'data-region')).sort()).toEqual([
      'pericardium',
      'spinalCord',
    ]);
    await context.close();
  });

  it('is readable at tablet width and in Simplified Chinese, sites named in Chinese, with a language switch', async () => {
    const tablet = await openPage(launchUrl('emd-liver-kidney-relapse'), {
      width: 800,
      height: 1100,
    });
    const overflow = await tablet.page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect((await rowsOf(tablet.page)).map((r) => r.findingClass)).toEqual(['emd', 'emd']);
    await screenshot(tablet.page, 'timeline-emd-liver-kidney-tablet');
    await tablet.context.close();

    const zh = await openPage(launchUrl('leptomeningeal-with-cns'), { locale: 'zh-CN' });
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
    await screenshot(zh.page, 'timeline-leptomeningeal-zh-CN');
    await zh.page.click('button[lang="en"]');
    expect(await zh.page.textContent('h1')).toBe('EMD timeline');
    expect(await zh.page.textContent('table.findings')).toContain('leptomeningeal');
    expect((await rowsOf(zh.page)).map((r) => r.site).sort()).toEqual([
      'Brain structure',
      'Meninges structure, Cerebrospinal fluid',
    ]);
    await zh.context.close();
  });

  // H50: test/fixtures/voided-imaging/finding-cites-voided-study.json, a liver plasmacytoma citing
  // a PET/CT entered in error (and the report on it) and an available CT abdomen.
  it('draws a study entered in error struck through and labelled, linked to no finding, in English and Chinese', async () => {
    const patient = 'finding-cites-voided-study';
    const bundle = readFileSync(
      join(PROJECT_ROOT, 'test', 'fixtures', 'voided-imaging', `${patient}.json`),
      'utf8',
    );
    const loaded = await fetch(fhirServerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: bundle,
    });
    expect(loaded.status, await loaded.text()).toBe(200);
    const voided = `.time-axis .study[data-void="entered-in-error"]`;

    const en = await openPage(launchUrl(patient));
    expect(await en.page.$$('.time-axis .study')).toHaveLength(2);
    expect(await en.page.getAttribute(voided, 'aria-label')).toMatch(
      /^FDG PET\/CT whole body, .*, entered in error, withdrawn$/,
    );
    expect(await en.page.textContent(`${voided} .mark-label`)).toBe(
      'FDG PET/CT whole body (entered in error, withdrawn)',
    );
    // Struck through as drawn (the CSS applies), the words beside it are not.
    const decoration = (selector: string) =>
      en.page.evaluate<string>(
        `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).textDecorationLine`,
      );
    expect(await decoration(`${voided} .struck`)).toBe('line-through');
    expect(await decoration(`.time-axis .study:not([data-void]) .mark-label tspan`)).toBe('none');
    // One line, from the finding to the CT abdomen: none to the voided PET/CT.
    expect(await en.page.$$('.time-axis .evidence')).toHaveLength(1);
    expect((await rowsOf(en.page))[0]?.source).toMatch(/^CT abdomen with contrast \([^)]+\)$/);
    await screenshot(en.page, 'timeline-voided-study-laptop');
    await en.context.close();

    const zh = await openPage(launchUrl(patient), { locale: 'zh-CN' });
    expect(await zh.page.getAttribute(voided, 'aria-label')).toMatch(/录入错误，已撤销$/);
    expect(await zh.page.textContent(`${voided} .mark-label`)).toContain('录入错误，已撤销');
    await screenshot(zh.page, 'timeline-voided-study-zh-CN');
    await zh.context.close();
  });

  // H51: a Condition the service cannot read, that may be a finding (rules page §2, H37): the
  // service answers 412 (no card), so the timeline draws nothing and names the Condition.
  it('draws nothing for a record holding a plasmacytoma Condition the service cannot read, and says why in English and Chinese', async () => {
    const patient = 'malformed-plasmacytoma-condition';
    const subject = { reference: `Patient/${patient}` };
    const icd10 = (code: string) => ({
      coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code }],
    });
    const resources = [
      { resourceType: 'Patient', id: patient, name: [{ family: 'Okafor', given: ['Grace'] }] },
      {
        resourceType: 'Condition',
        id: `${patient}-mm`,
        subject,
        code: icd10('C90.00'),
        onsetDateTime: '2026-03-01',
      },
      // A liver plasmacytoma whose clinicalStatus is a bare string, as STU3 exported it.
      {
        resourceType: 'Condition',
        id: `${patient}-pc1`,
        subject,
        clinicalStatus: 'active',
        code: icd10('C90.20'),
        bodySite: [{ coding: [{ system: 'http://snomed.info/sct', code: '10200004' }] }],
        onsetDateTime: '2026-09-15',
      },
    ];
    const loaded = await fetch(fhirServerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'transaction',
        entry: resources.map((resource) => ({
          resource,
          request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` },
        })),
      }),
    });
    expect(loaded.status, await loaded.text()).toBe(200);
    // The service's own answer for this record: 412, so no card (H37).
    const hook = await fetch(`${baseUrl}/cds-services/emd-patient-view`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        hook: 'patient-view',
        hookInstance: randomUUID(),
        fhirServer: fhirServerUrl,
        context: { userId: 'Practitioner/example-haematologist', patientId: patient },
      }),
    });
    expect(hook.status).toBe(412);

    const en = await openPage(launchUrl(patient));
    const alert = (await en.page.textContent('[role="alert"]')) ?? '';
    expect(alert).toContain('a Condition the EMD service cannot read');
    expect(alert).toContain('neither the cards nor the timeline can be trusted');
    expect(await en.page.textContent('.unreadable-references')).toContain(
      `Condition/${patient}-pc1`,
    );
    // Its content is not repeated (its code, its site), and nothing is drawn.
    expect(alert).not.toMatch(/C90\.20|10200004|active/);
    expect(await en.page.$$('.time-axis, .body-map, table.findings, .patient')).toHaveLength(0);
    await screenshot(en.page, 'timeline-unreadable-condition-laptop');
    await en.context.close();

    const zh = await openPage(launchUrl(patient), { locale: 'zh-CN' });
    expect(await zh.page.textContent('[role="alert"] h2')).toContain(
      '记录中有一条 EMD 服务无法读取的病情记录',
    );
    expect(await zh.page.textContent('[role="alert"]')).toContain('该患者的卡片和时间轴均不可信');
    expect(await zh.page.textContent('.unreadable-references')).toContain(
      `Condition/${patient}-pc1`,
    );
    await zh.context.close();
  });

  it('can be used with the keyboard: every mark is reachable with Tab and named', async () => {
    const { page, context } = await openPage(launchUrl('emd-and-cns'));
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
    await context.close();
  });

  it('says clearly when it was not launched, or the FHIR server cannot be reached', async () => {
    const direct = await openPage(`${baseUrl}/timeline/index.html`);
    expect(await direct.page.textContent('[role="alert"]')).toContain('was not launched');
    await direct.context.close();

    const noIss = await openPage(`${baseUrl}/timeline/launch.html`);
    expect(await noIss.page.textContent('[role="alert"]')).toContain('iss parameter');
    await noIss.context.close();

    // A FHIR server where nothing answers.
    const port = await freePort();
    const gone = await openPage(
      `${baseUrl}/timeline/launch.html?iss=${encodeURIComponent(`http://${HOST}:${String(port)}/fhir`)}&launch=x&patient=emd-and-cns`,
    );
    expect(await gone.page.textContent('[role="alert"]')).toMatch(/FHIR server could not be read/);
    await screenshot(gone.page, 'timeline-fhir-unreachable');
    await gone.context.close();
  });
});
