/**
 * The console while this node cannot record audit (docs/deploying.md, section 2, "Database
 * down"), in real headless Chromium: the real service (SQLite) serves the console, and the
 * browser's /readyz is answered with the 503 that section documents (a full disk is not
 * made here: test/http/readyz-cannot-record.test.ts and
 * test/store/spool-disk-full.int.test.ts make the state; this checks how the console says
 * it). Every tab carries the banner, in English and Chinese, and the Fleet view's "This
 * node" line says not ready; once /readyz answers 200 "ready", refreshing the Fleet tab
 * clears both. Needs Chromium.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserSkipReason,
  expectBannerOnEveryTab,
  healthBannerText,
  useChromium,
  screenshot,
} from '../support/browser.js';
import { ADMIN_TOKEN, startConsoleService, type ConsoleService } from './console-service.js';

/** docs/deploying.md, section 2: /readyz's 503 while the node cannot record audit. */
const CANNOT_RECORD = {
  status: 'cannot record audit',
  configHash: '488f80b661e0',
  auditSpooled: 3,
  notReady: [
    "audit cannot be recorded: neither the audit database nor this node's local audit spool accepts writes, so hook calls are refused; check the audit database and the free space on the disk of the node's data folder (details in the log)",
  ],
};
const READY = { status: 'ready', configHash: '488f80b661e0', auditSpooled: 0 };

describe.skipIf(browserSkipReason !== undefined)(
  'the console while this node cannot record audit',
  { timeout: 60_000 },
  () => {
    let service: ConsoleService;

    beforeAll(async () => {
      service = await startConsoleService();
    }, 60_000);

    afterAll(async () => {
      await service.service.close();
    });
    // After the service's hooks, so its afterAll, closing the file's pages, runs first.
    const browser = useChromium();

    /** /readyz as the browser sees it from now on. */
    const answerReadyz = async (page: Page, status: number, body: object) => {
      await page.unroute('**/readyz');
      await page.route('**/readyz', (route) =>
        route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) }),
      );
    };

    it('says on every tab that no cards are served and what to check, until /readyz is ready again', async () => {
      const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await answerReadyz(page, 503, CANNOT_RECORD);
      await page.goto(`${service.baseUrl}/console/`, { waitUntil: 'networkidle' });
      await page.locator('#ui-language').selectOption('en');
      await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
      await page.getByRole('button', { name: 'Sign in' }).click();

      const english =
        "This node cannot record the audit of hook calls: neither the audit database nor its local audit spool accepts writes. No cards are served: every hook call is refused until one of them accepts writes again. Check the audit database and the free space on the disk of this node's data folder. 3 audit record(s) wait in this node's spool.";
      await expectBannerOnEveryTab(page, english);
      const thisNode = page.getByTestId('this-node');
      await thisNode.waitFor();
      await expect(thisNode.innerText()).resolves.toMatch(
        /^This node: not ready: cannot record audit, no cards served · 3 audit record\(s\) spooled \(As of /,
      );
      await screenshot(page, 'console-health-cannot-record');

      await page.locator('#ui-language').selectOption('zh-CN');
      await expect(healthBannerText(page)).resolves.toBe(
        '本节点无法记录钩子调用的审计：审计数据库和本节点的本地审计暂存均不接受写入。 不提供任何卡片：在其中之一恢复写入之前，所有钩子调用都会被拒绝。请检查审计数据库以及本节点数据文件夹所在磁盘的剩余空间。本节点暂存中有 3 条审计记录等待重放。',
      );
      await expect(thisNode.innerText()).resolves.toMatch(
        /^本节点： 未就绪：无法记录审计，不提供卡片 · 已暂存 3 条审计记录 \(截至 /,
      );
      await page.locator('#ui-language').selectOption('en');

      await answerReadyz(page, 200, READY);
      await page.getByRole('tab', { name: 'Fleet' }).click();
      await expect
        .poll(() => thisNode.innerText())
        .toMatch(/^This node: ready · 0 audit record\(s\) spooled \(As of /);
      await expect(page.getByTestId('health-banner').count()).resolves.toBe(0);
      expect(errors).toEqual([]);
    });
  },
);
