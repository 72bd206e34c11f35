/**
 * Issue #16, the console's Fleet view in real headless Chromium: two real nodes in this
 * process share a PostgreSQL schema, the second started with another config file; a third
 * node's row is one that stopped writing heartbeats ten minutes ago without stopping (as
 * after kill -9). The console, served by the first node, lists all three from
 * GET /admin/instances and flags the second's configuration and the third's late heartbeat
 * in words. Needs PostgreSQL (EMD_CDS_TEST_POSTGRES_URL) and Chromium.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../src/service.js';
import { fleetShared, startInProcessNode, type FleetShared } from '../fleet/in-process-nodes.js';
import { STORE_TARGETS, type TestLocation } from '../store/targets.js';
import { browserSkipReason, builtWebApps, screenshot, useChromium } from '../support/browser.js';

const postgres = STORE_TARGETS.find((target) => target.kind === 'postgres');
const skipReason = browserSkipReason ?? postgres?.skipReason;
const LATE_NODE = 'node-gone-without-stopping';

describe.skipIf(skipReason !== undefined)(
  'the console’s Fleet view in Chromium',
  { timeout: 60_000 },
  () => {
    let place: TestLocation;
    let shared: FleetShared;
    const services: RunningService[] = [];
    let consoleUrl: string;

    const startNode = async (webRoot: string | undefined, configFile?: string) => {
      const node = await startInProcessNode(shared, { webRoot, configFile });
      services.push(node.service);
      return node.baseUrl;
    };

    beforeAll(async () => {
      place = await (postgres ?? { create: () => Promise.reject(new Error('no target')) }).create();
      shared = await fleetShared(place.location);
      consoleUrl = await startNode(builtWebApps());
      // The second node is started later with a config file the first does not have.
      const configFile = join(mkdtempSync(join(tmpdir(), 'emd-cds-config-')), 'emd-cds.yaml');
      writeFileSync(configFile, 'rules:\n  emd-soft-tissue:\n    suppressAfterOverrideDays: 7\n');
      await startNode(undefined, configFile);
      // A node that agreed with the first but whose heartbeats stopped ten minutes ago.
      const { instances } = (await (
        await fetch(`${consoleUrl}/admin/instances`, {
          headers: { authorization: `Bearer ${shared.adminToken}` },
        })
      ).json()) as { instances: { version: string; configHash: string; startedAt: string }[] };
      const first = instances.reduce((a, b) => (a.startedAt <= b.startedAt ? a : b));
      const tenMinutesAgo = new Date(Date.now() - 600_000).toISOString();
      const client = new pg.Client({ connectionString: place.location });
      await client.connect();
      await client.query(
        `INSERT INTO fleet_node (node_id, host, port, version, config_hash, started_at, last_seen_at)
       VALUES ($1, 'cds-gone', 3000, $2, $3, $4, $4)`,
        [LATE_NODE, first.version, first.configHash, tenMinutesAgo],
      );
      await client.end();
    }, 120_000);

    afterAll(async () => {
      for (const service of services) await service.close();
      await place.drop();
    });
    // After the service's hooks, so its afterAll, closing the file's pages, runs first.
    const browser = useChromium();

    it('lists every node and flags the different configuration and the late heartbeat', async () => {
      const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${consoleUrl}/console/`);
      await page.getByLabel('Admin token').fill(shared.adminToken);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('tab', { name: 'Fleet' }).click();
      const table = page.getByTestId('fleet-table');
      await table.waitFor();

      const rows = table.locator('tbody tr');
      await expect(rows.count()).resolves.toBe(3);
      const cells = async (index: number) =>
        (await rows.nth(index).locator('th, td').allInnerTexts()).map((text) => text.trim());
      const all = await Promise.all([0, 1, 2].map(cells));
      // Columns: node, host, version, config hash, started, last heartbeat, status, attention.
      const [established, changed] = all
        .filter((row) => row[0] !== LATE_NODE)
        .sort((a, b) => (a[4] ?? '').localeCompare(b[4] ?? ''));
      const late = all.find((row) => row[0] === LATE_NODE);
      expect(established?.[6]).toBe('up');
      expect(established?.[7]).toBe('');
      expect(changed?.[6]).toBe('up');
      expect(changed?.[7]).toBe('configuration differs from most nodes');
      expect(changed?.[2]).toBe(established?.[2]);
      expect(changed?.[3]).not.toBe(established?.[3]);
      expect(late?.[1]).toBe('cds-gone:3000');
      expect(late?.[6]).toBe('late');
      expect(late?.[7]).toBe('no heartbeat for over 30 s');
      await expect(page.getByTestId('fleet-summary').innerText()).resolves.toBe(
        '2 node(s) need attention',
      );
      await screenshot(page, 'console-fleet');
      expect(errors).toEqual([]);
    });
  },
);
