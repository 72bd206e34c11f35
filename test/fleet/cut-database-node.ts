/**
 * One node process on PostgreSQL reached through a relay the test can cut (./tcp-proxy.ts),
 * with the fleet's shared files (the local issuer's keys, the audit secret): what the tests
 * that take the database away from a node, then kill it, start from. `node` is replaced when
 * the test restarts the node on its data folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../bench/services.js';
import { ensureLocalIssuerKeys, type KeyFiles } from '../../src/auth/local-issuer.js';
import type { StoreTarget, TestLocation } from '../store/targets.js';
import {
  startProcessNode,
  stopProcessNode,
  type FleetFiles,
  type ProcessNode,
} from './process-nodes.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

export interface CutDatabaseNode {
  /** The database, for the test's own queries (not through the relay). */
  place: TestLocation;
  proxy: TcpProxy;
  keys: KeyFiles;
  fleet: FleetFiles;
  node: ProcessNode;
  publicUrl: string;
  /** Kills the node, closes the relay, drops the database and removes the files. */
  stop(): Promise<void>;
}

export async function startCutDatabaseNode(
  postgres: StoreTarget | undefined,
  prefix: string,
): Promise<CutDatabaseNode> {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const place = await (
    postgres ?? { create: () => Promise.reject(new Error('no target')) }
  ).create();
  const direct = new URL(place.location);
  const proxy = await startTcpProxy(direct.hostname, Number(direct.port || 5432));
  const sharedDir = join(root, 'shared');
  const keys = await ensureLocalIssuerKeys(join(sharedDir, 'local-issuer'));
  writeFileSync(join(sharedDir, 'audit-secret'), `${randomBytes(32).toString('base64')}\n`);
  const publicUrl = 'https://cds.fleet.example';
  const fleet: FleetFiles = {
    sharedDir,
    env: {
      EMD_CDS_POSTGRES_URL: proxy.through(place.location),
      PUBLIC_BASE_URL: publicUrl,
      LOG_LEVEL: 'warn',
    },
  };
  const setup: CutDatabaseNode = {
    place,
    proxy,
    keys,
    fleet,
    node: await startProcessNode(fleet, join(root, 'node'), await freePort()),
    publicUrl,
    stop: async () => {
      await stopProcessNode(setup.node, 'SIGKILL');
      await proxy.close();
      await place.drop();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return setup;
}
