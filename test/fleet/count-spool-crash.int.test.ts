/**
 * Hook-call counts through a database outage and a kill -9 (docs/go-live.md, "The call is
 * counted per UTC hour and service"): a node process whose database is gone (a relay in
 * front of PostgreSQL is cut) answers hook calls, its flush writes their counts to the
 * node's spool, it is killed with SIGKILL, and the node started again on the same data folder
 * adds them once the database is back: `hook_call_count` holds the calls made, once each.
 * Before the counts were spooled, the killed process took them with it.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPOOL_FILE } from '../../src/store/audit-spool.js';
import { STORE_TARGETS } from '../store/targets.js';
import { startCutDatabaseNode, type CutDatabaseNode } from './cut-database-node.js';
import { exampleRequest, postHook, tokenFor } from './hook-calls.js';
import { startProcessNode, stopProcessNode } from './process-nodes.js';

const postgres = STORE_TARGETS.find((target) => target.kind === 'postgres');
const skipReason = postgres?.skipReason;
if (skipReason !== undefined) console.warn(`count spool crash: ${skipReason}`);

/** The tally flushes every 5 s: two flushes' time, and some. */
const FLUSH_DEADLINE_MS = 15_000;
const REQUEST = exampleRequest();
/** The hook calls the test makes while the database is cut. */
const CALLS = 3;

/** Spooled count batches in the node's spool file; 0 while the file or its table is missing. */
function spooledBatches(dataDir: string): number {
  try {
    const db = new Database(join(dataDir, SPOOL_FILE), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM spooled_count').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

async function hookCallsCounted(location: string): Promise<number> {
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string | null }>(
      `SELECT sum(calls) AS n FROM hook_call_count WHERE service_id = 'emd-patient-view'`,
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(skipReason !== undefined)('kill -9 of a node with hook call counts spooled', () => {
  let setup: CutDatabaseNode;

  beforeAll(async () => {
    setup = await startCutDatabaseNode(postgres, 'emd-cds-count-crash-');
  }, FLUSH_DEADLINE_MS * 2);

  afterAll(() => setup.stop());

  it(
    'adds, after the restart, the hook calls it counted while the database was cut, once',
    async () => {
      const { proxy, keys, fleet, place, publicUrl } = setup;
      let { node } = setup;
      await proxy.cut();
      for (let i = 0; i < CALLS; i += 1) {
        const token = await tokenFor(keys, publicUrl);
        const response = await postHook(node.url, 'emd-patient-view', REQUEST, token);
        expect(response.status).toBe(200);
      }
      // Until a flush has spooled the counts; a release that keeps them in memory never does,
      // and the test goes on to show them lost.
      const deadline = Date.now() + FLUSH_DEADLINE_MS;
      while (Date.now() < deadline && spooledBatches(node.dataDir) === 0) await pause(250);
      await stopProcessNode(node, 'SIGKILL');

      await proxy.restore();
      node = await startProcessNode(fleet, node.dataDir, node.port);
      setup.node = node;
      // The restarted node's first flush (within 5 s) adds the spooled batch.
      const added = Date.now() + FLUSH_DEADLINE_MS;
      while (Date.now() < added && spooledBatches(node.dataDir) > 0) await pause(250);
      // One more flush: a batch added twice would show now.
      await pause(6000);
      expect(await hookCallsCounted(place.location)).toBe(CALLS);
    },
    FLUSH_DEADLINE_MS * 4,
  );
});
