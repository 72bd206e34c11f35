/**
 * Issue #16, "the console shows it": a real node in this process on a real PostgreSQL
 * reached through a TCP relay (test/fleet/tcp-proxy.ts). The relay is cut, a hook call is
 * answered with its two cards and their audit records spooled; the console, in headless
 * Chromium, then shows a banner on every tab (English and Chinese) saying the audit
 * database is unreachable and two records are spooled, and the Fleet view's "This node"
 * line says degraded. The relay is restored, the spool replays, and reloading the Fleet tab
 * clears the banner. Needs PostgreSQL (EMD_CDS_TEST_POSTGRES_URL) and Chromium.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintLocalToken } from '../../src/auth/local-issuer.js';
import { PATHS } from '../../src/config/project-paths.js';
import type { RunningService } from '../../src/service.js';
import { fleetShared, startInProcessNode, type FleetShared } from '../fleet/in-process-nodes.js';
import { startTcpProxy, type TcpProxy } from '../fleet/tcp-proxy.js';
import { STORE_TARGETS, type TestLocation } from '../store/targets.js';
import {
  browserSkipReason,
  builtWebApps,
  expectBannerOnEveryTab,
  healthBannerText,
  useChromium,
  screenshot,
} from '../support/browser.js';

const postgres = STORE_TARGETS.find((target) => target.kind === 'postgres');
const skipReason = browserSkipReason ?? postgres?.skipReason;
/** emd-and-cns: two cards (emd-cns, emd-soft-tissue), so two audit records. */
const REQUEST = readFileSync(
  join(PATHS.examples, '..', '..', 'cds-hooks', 'examples', 'patient-view', 'emd-and-cns.json'),
  'utf8',
);
/** The spool is retried every 2 s; the replay gets this long (bounded wait). */
const REPLAY_DEADLINE_MS = 20_000;

describe.skipIf(skipReason !== undefined)(
  'the console shows this node degraded while the audit database is down',
  { timeout: 60_000 },
  () => {
    let place: TestLocation;
    let proxy: TcpProxy;
    let shared: FleetShared;
    let service: RunningService;
    let baseUrl: string;

    const readyz = async () =>
      (await (await fetch(`${baseUrl}/readyz`)).json()) as {
        status: string;
        auditSpooled?: number;
      };

    beforeAll(async () => {
      place = await (postgres ?? { create: () => Promise.reject(new Error('no target')) }).create();
      const direct = new URL(place.location);
      proxy = await startTcpProxy(direct.hostname, Number(direct.port || 5432));
      shared = await fleetShared(proxy.through(place.location));
      const node = await startInProcessNode(shared, { webRoot: builtWebApps() });
      service = node.service;
      baseUrl = node.baseUrl;
    }, 120_000);

    afterAll(async () => {
      await service.close();
      await proxy.close();
      await place.drop();
    });
    // After the service's hooks, so its afterAll, closing the file's pages, runs first.
    const browser = useChromium();

    it(
      'shows the banner with the spool count on every tab, then clears it once replayed',
      async () => {
        await proxy.cut();
        const path = '/cds-services/emd-patient-view';
        const response = await fetch(`${baseUrl}${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${await mintLocalToken(shared.keys, `${shared.publicBaseUrl}${path}`)}`,
            'content-type': 'application/json',
          },
          body: REQUEST,
        });
        expect(response.status).toBe(200);
        expect(((await response.json()) as { cards: unknown[] }).cards).toHaveLength(2);
        await expect(readyz()).resolves.toMatchObject({ status: 'degraded', auditSpooled: 2 });

        const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`${baseUrl}/console/`, { waitUntil: 'networkidle' });
        // Chosen explicitly: the default follows the browser's language.
        await page.locator('#ui-language').selectOption('en');
        await page.getByLabel('Admin token').fill(shared.adminToken);
        await page.getByRole('button', { name: 'Sign in' }).click();

        // The store database holds the shared state too (the replay guard of the signed call
        // above). The shared state counts as down only until its next attempt at the database,
        // 2 s after the failure (src/store/shared-state-circuit.ts), so the banner may say it
        // too, each reason its own paragraph, or the audit alone, by when the page asks.
        const auditEnglish =
          'The audit database is unreachable from this node. Cards are still served. 2 audit record(s) are spooled on this node and will be replayed when the database is back.';
        const sharedEnglish =
          'This node cannot reach the shared state in the store database. Cards are still served. Until it is back, this node checks token replays and rate limits on its own, not across the fleet.';
        await expectBannerOnEveryTab(page, [auditEnglish, `${auditEnglish} ${sharedEnglish}`]);
        await expect(page.getByTestId('health-banner').getAttribute('role')).resolves.toBe(
          'status',
        );
        const thisNode = page.getByTestId('this-node');
        await thisNode.waitFor();
        await expect(thisNode.innerText()).resolves.toMatch(
          /^This node: degraded: audit database unreachable(; shared state unreachable)? · 2 audit record\(s\) spooled \(As of /,
        );
        await screenshot(page, 'console-health-degraded');

        await page.locator('#ui-language').selectOption('zh-CN');
        const auditChinese =
          '本节点无法连接审计数据库。 卡片仍在正常提供。2 条审计记录已暂存在本节点上，数据库恢复后将被重放。';
        const sharedChinese =
          '本节点无法连接存储数据库中的共享状态。 卡片仍在正常提供。在其恢复之前，本节点独立检查令牌重放和速率限制，不与其他节点共享。';
        expect([auditChinese, `${auditChinese} ${sharedChinese}`]).toContain(
          await healthBannerText(page),
        );
        await expect(thisNode.innerText()).resolves.toMatch(
          /^本节点： 降级：审计数据库不可达(；共享状态不可达)? · 已暂存 2 条审计记录 \(截至 /,
        );
        await page.locator('#ui-language').selectOption('en');

        await proxy.restore();
        const deadline = Date.now() + REPLAY_DEADLINE_MS;
        let report = await readyz();
        while (report.status !== 'ready' && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          report = await readyz();
        }
        expect(report).toMatchObject({ status: 'ready', auditSpooled: 0 });
        await page.getByRole('tab', { name: 'Fleet' }).click();
        await expect
          .poll(() => thisNode.innerText())
          .toMatch(/^This node: ready · 0 audit record\(s\) spooled \(As of /);
        await expect(page.getByTestId('health-banner').count()).resolves.toBe(0);
        await screenshot(page, 'console-health-ready');
        expect(errors).toEqual([]);
      },
      REPLAY_DEADLINE_MS + 30_000,
    );
  },
);
