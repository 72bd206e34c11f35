/**
 * What every timeline browser test needs (issue #9's acceptance, split by topic into the
 * test/browser/timeline*.test.ts files): a real service (startService, as `npm start` builds
 * it) serving the freshly built app, Chromium, and the local FHIR server of the test setup,
 * which holds every example patient. The app is opened as the console opens it, like an EHR
 * (`launch.html?iss=…&launch=…&patient=…`). Call `useTimelineApp()` inside a `describe`: it
 * starts the service before the file's tests and stops it after, and opens pages in the
 * worker's Chromium (`useChromium`: the file's contexts are closed after its tests).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { freePort } from '../../bench/services.js';
import { DEFAULT_CONFIG } from '../../src/config/config-schema.js';
import { serviceOptions } from '../../src/config/environment.js';
import { startService, type RunningService } from '../../src/service.js';
import { builtWebApps, newPageIn, useChromium } from '../support/browser.js';

export const HOST = '127.0.0.1';

export interface TimelineApp {
  /** e.g. http://127.0.0.1:41234 */
  readonly baseUrl: string;
  readonly fhirServerUrl: string;
  /** The launch page for a patient of the local FHIR server, as an EHR opens it. */
  launchUrl(patient: string): string;
  /**
   * A new page (in the file's context of its locale and viewport, `newPageIn`) on `url`, once
   * the app has drawn or said why not. Close the page, not its context.
   */
  openPage(url: string, options?: PageOptions): Promise<{ page: Page }>;
  /** `page` navigated to `url`, a new document, once the app has drawn or said why not. */
  show(page: Page, url: string): Promise<void>;
  /** Loads a transaction Bundle (JSON text or object) into the local FHIR server. */
  loadBundle(bundle: string | object): Promise<void>;
}

export interface PageOptions {
  locale?: string;
  width?: number;
  height?: number;
}

export function useTimelineApp(): TimelineApp {
  const fhirServerUrl = inject('fhirServerUrl');
  let service: RunningService | undefined;
  let baseUrl = '';

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
  }, 120_000);

  afterAll(async () => {
    await service?.close();
  });
  // Registered after the service's hooks, so its afterAll, closing the pages, runs first.
  const browser = useChromium();

  return {
    get baseUrl() {
      return baseUrl;
    },
    fhirServerUrl,
    launchUrl: (patient) =>
      `${baseUrl}/timeline/launch.html?${new URLSearchParams({
        iss: fhirServerUrl,
        launch: randomUUID(),
        patient,
      }).toString()}`,
    async openPage(url, options = {}) {
      const page = await newPageIn(browser(), {
        locale: options.locale ?? 'en-GB',
        viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
      });
      await this.show(page, url);
      return { page };
    },
    async show(page, url) {
      await page.goto(url);
      await page.waitForSelector('.patient, .error', { timeout: 30_000 });
    },
    async loadBundle(bundle) {
      const loaded = await fetch(fhirServerUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body: typeof bundle === 'string' ? bundle : JSON.stringify(bundle),
      });
      expect(loaded.status, await loaded.text()).toBe(200);
    },
  };
}

/** A hook call to the service, as an EHR makes it for `patientId` (no JWT: AUTH is off). */
export function callPatientView(app: TimelineApp, patientId: string): Promise<Response> {
  return fetch(`${app.baseUrl}/cds-services/emd-patient-view`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      hook: 'patient-view',
      hookInstance: randomUUID(),
      fhirServer: app.fhirServerUrl,
      context: { userId: 'Practitioner/example-haematologist', patientId },
    }),
  });
}

export interface Row {
  site: string;
  findingClass: string | null;
  status: string | null;
  source: string;
}

// Locators rather than $$eval: these files are type-checked without the DOM library.
export async function rowsOf(page: Page): Promise<Row[]> {
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

export const attributes = async (page: Page, selector: string, name: string) =>
  Promise.all((await page.locator(selector).all()).map((el) => el.getAttribute(name)));
