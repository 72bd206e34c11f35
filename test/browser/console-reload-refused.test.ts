/**
 * The console after a config file is refused on reload (docs/configuring.md, "Reloading, and
 * the config hash"), in real headless Chromium: the real service (SQLite) with a config file,
 * a bad save of it refused, and the console then saying on every tab that the file was
 * refused, when, the hash still in force and why (each problem), never that the audit
 * database is down; the Rules view says it too, and the Fleet view's line. A good save
 * clears it. Needs Chromium.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserSkipReason,
  expectBannerOnEveryTab,
  healthBannerText,
  useChromium,
  screenshot,
} from '../support/browser.js';
import { ADMIN_TOKEN, startConsoleService, type ConsoleService } from './console-service.js';

describe.skipIf(browserSkipReason !== undefined)(
  'the console after a refused reload',
  { timeout: 60_000 },
  () => {
    let service: ConsoleService;

    beforeAll(async () => {
      service = await startConsoleService(undefined, 'imaging:\n  lookbackDays: 180\n');
    }, 60_000);

    afterAll(async () => {
      await service.service.close();
    });
    // After the service's hooks, so its afterAll, closing the file's pages, runs first.
    const browser = useChromium();

    it('says the file was refused, when, the hash in force and where to look, on every tab and in the Rules view', async () => {
      const file = service.configFile ?? '';
      const readyz = async () =>
        (await (await fetch(`${service.baseUrl}/readyz`)).json()) as {
          configHash: string;
          configReloadRefusedAt?: string;
        };
      const before = await readyz();
      // Saved as an editor does; the service sees the save itself (it watches the folder), once
      // the file has stayed unchanged for the quiet period (2 s, src/config/settings-store.ts).
      writeFileSync(file, 'imaging:\n  lookbackDays: a year\n');
      await expect
        .poll(async () => (await readyz()).configReloadRefusedAt, { timeout: 15_000 })
        .toBeDefined();
      // A second change event of the same save would refuse it again, at a later time.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const { configHash: hash, configReloadRefusedAt: at = '' } = await readyz();
      expect(hash).toBe(before.configHash);

      const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${service.baseUrl}/console/`, { waitUntil: 'networkidle' });
      await page.locator('#ui-language').selectOption('en');
      await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
      await page.getByRole('button', { name: 'Sign in' }).click();

      // Which file broke and each of its problems, as `validate` writes them, from
      // GET /admin/config: an analyst cannot read the service log.
      const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      await page.getByTestId('config-notice').waitFor();
      const notice = (await page.getByTestId('config-notice').innerText())
        .replace(/\s+/g, ' ')
        .trim();
      expect(notice).toMatch(
        new RegExp(
          `^The config file on disk was refused at ${escaped(at)}, for problems in ${escaped(file)}\\. None of its changes are in force: this node still runs the previous configuration, hash ${hash}\\. The reload \\(site\\.yaml changed\\) found: ${escaped(file)}:2:\\d+ imaging\\.lookbackDays: .+ Fix the file and save it again\\.$`,
        ),
      );
      expect(notice).not.toContain('service log');
      await expectBannerOnEveryTab(page, notice);
      const thisNode = page.getByTestId('this-node');
      await thisNode.waitFor();
      await expect(thisNode.innerText()).resolves.toMatch(
        new RegExp(
          `^This node: degraded: configuration reload refused at ${at.replace(/\./g, '\\.')} · `,
        ),
      );
      await expect(healthBannerText(page)).resolves.not.toMatch(/audit/i);
      await screenshot(page, 'console-reload-refused');

      writeFileSync(file, 'imaging:\n  lookbackDays: 365\n');
      expect(service.service.reload('SIGHUP')).toBe(true);
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect
        .poll(() => thisNode.innerText())
        .toMatch(/^This node: ready · 0 audit record\(s\) spooled \(As of /);
      await expect(page.getByTestId('health-banner').count()).resolves.toBe(0);
      expect(errors).toEqual([]);
    });

    // The analyst keeps the console open while editing the file: sign-in read the
    // configuration and /readyz once, so a refusal after it, and the fix after that, showed
    // only to one who opened the Fleet tab or the page again (session 45).
    it('shows a refusal and then the fixed file in force to a console open since before, on choosing a tab', async () => {
      const file = service.configFile ?? '';
      const readyz = async () =>
        (await (await fetch(`${service.baseUrl}/readyz`)).json()) as {
          configHash: string;
          configReloadRefusedAt?: string;
        };
      await expect
        .poll(async () => (await readyz()).configReloadRefusedAt, { timeout: 15_000 })
        .toBeUndefined();
      const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${service.baseUrl}/console/`, { waitUntil: 'networkidle' });
      await page.locator('#ui-language').selectOption('en');
      await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('rules-table').waitFor();
      await expect(page.getByTestId('health-banner').count()).resolves.toBe(0);

      writeFileSync(file, 'imaging:\n  lookbackDays: 0\n');
      await expect
        .poll(async () => (await readyz()).configReloadRefusedAt, { timeout: 15_000 })
        .toBeDefined();
      await page.getByRole('tab', { name: 'Dry run' }).click();
      await page.getByTestId('health-banner').waitFor({ timeout: 5_000 });
      await expect(healthBannerText(page)).resolves.toMatch(
        /^The config file on disk was refused at .* imaging\.lookbackDays: at least 1 day/,
      );

      writeFileSync(file, 'imaging:\n  lookbackDays: 200\n');
      await expect
        .poll(async () => (await readyz()).configReloadRefusedAt, { timeout: 15_000 })
        .toBeUndefined();
      const { configHash } = await readyz();
      await page.getByRole('tab', { name: 'Rules' }).click();
      await expect
        .poll(() => page.getByTestId('config-hash').innerText(), { timeout: 5_000 })
        .toBe(configHash);
      await expect(page.getByTestId('health-banner').count()).resolves.toBe(0);
      await page.close();
    });
  },
);
