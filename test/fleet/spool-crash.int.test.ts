/**
 * Issue #16, "kill -9 while records are spooled": a node process whose database is gone
 * (a relay in front of PostgreSQL is cut) answers hook calls from its spool, is killed
 * with SIGKILL, and the node started again on the same data folder replays the spool once
 * the database is back: every card served is in `card_audit`, each exactly once.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_TARGETS } from '../store/targets.js';
import { startCutDatabaseNode, type CutDatabaseNode } from './cut-database-node.js';
import { exampleRequest, postHook, tokenFor } from './hook-calls.js';
import { startProcessNode, stopProcessNode } from './process-nodes.js';

const postgres = STORE_TARGETS.find((target) => target.kind === 'postgres');
const skipReason = postgres?.skipReason;
if (skipReason !== undefined) console.warn(`spool crash: ${skipReason}`);

const REPLAY_DEADLINE_MS = 30_000;
const REQUEST = exampleRequest();

describe.skipIf(skipReason !== undefined)('kill -9 of a node with records in its spool', () => {
  let setup: CutDatabaseNode;

  beforeAll(async () => {
    setup = await startCutDatabaseNode(postgres, 'emd-cds-spool-crash-');
  }, REPLAY_DEADLINE_MS);

  afterAll(() => setup.stop());

  it(
    'replays, after the restart, every card it served from the spool, each once',
    async () => {
      const { proxy, keys, fleet, place, publicUrl } = setup;
      let { node } = setup;
      await proxy.cut();
      const served: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const token = await tokenFor(keys, publicUrl);
        const response = await postHook(node.url, 'emd-patient-view', REQUEST, token).catch(
          (error: unknown) => {
            // Once seen in CI (ECONNREFUSED right after the cut): name what the node said.
            throw new Error(
              `the node did not answer (${String(error)}); exit ${String(node.child.exitCode)}, signal ${String(node.child.signalCode)}; its output:\n${node.output()}`,
            );
          },
        );
        expect(response.status).toBe(200);
        served.push(
          ...((await response.json()) as { cards: { uuid: string }[] }).cards.map((c) => c.uuid),
        );
      }
      expect(served.length).toBeGreaterThan(0);
      await stopProcessNode(node, 'SIGKILL');

      await proxy.restore();
      node = await startProcessNode(fleet, node.dataDir, node.port);
      setup.node = node;
      const deadline = Date.now() + REPLAY_DEADLINE_MS;
      let spooled = Number.NaN;
      while (Date.now() < deadline) {
        spooled = ((await (await fetch(`${node.url}/readyz`)).json()) as { auditSpooled: number })
          .auditSpooled;
        if (spooled === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(spooled).toBe(0);
      const client = new pg.Client({ connectionString: place.location });
      await client.connect();
      try {
        const { rows } = await client.query<{ card_uuid: string; n: string }>(
          'SELECT card_uuid, count(*) AS n FROM card_audit GROUP BY card_uuid',
        );
        const counts = new Map(rows.map((row) => [row.card_uuid, Number(row.n)]));
        for (const uuid of served) expect(counts.get(uuid)).toBe(1);
      } finally {
        await client.end();
      }
    },
    REPLAY_DEADLINE_MS * 2,
  );
});
