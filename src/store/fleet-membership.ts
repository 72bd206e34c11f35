/**
 * A node joining the fleet (issue #16): it refuses to start when its audit key is not the
 * fleet's — pseudonymous patient keys would not match, so suppression and statistics
 * would silently split by node — and, once listening, writes a heartbeat so operators can
 * see which nodes run (./fleet-view.ts). The node id lives in the node's data folder, so a
 * restarted node keeps its row.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { FleetRegistry } from './fleet-node.js';
import { auditKeyFingerprint } from './fleet-registry.js';
import { HEARTBEAT_MS } from './fleet-view.js';
import { makePrivateFolder, PRIVATE_FILE_MODE } from './private-file.js';
import type { StoreOptions } from './open-store.js';

/** The setting a refused node must fix, named in its exit message. */
const AUDIT_KEY_SETTING = 'EMD_CDS_AUDIT_SECRET (or store.auditSecretFile)';

/**
 * Throws, naming the setting, when this node's audit key differs from the fleet's. Only on
 * PostgreSQL, the database nodes share: an SQLite file belongs to one node (its workers
 * share the key the primary made), whose key may be replaced on purpose.
 */
export async function checkAuditKey(
  registry: FleetRegistry,
  auditKey: Buffer,
  now: Date,
  store: StoreOptions,
): Promise<void> {
  if (!('postgresUrl' in store)) return;
  const mine = auditKeyFingerprint(auditKey);
  const fleets = await registry.claimAuditKeyFingerprint(mine, now.toISOString());
  if (fleets !== mine)
    throw new Error(
      `${AUDIT_KEY_SETTING}: this node's audit key is not the one the other nodes of this store database use ` +
        '(its fingerprint differs); pseudonymous patient keys would not match across nodes. ' +
        'Copy the fleet\'s audit key to this node (docs/deploying.md, "Several hosts").',
    );
}

/** This node's id, created in its data folder on first start. */
export function nodeIdOf(dataDir: string): string {
  const file = join(dataDir, 'node-id');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  makePrivateFolder(dataDir);
  try {
    writeFileSync(file, `${randomUUID()}\n`, { flag: 'wx', mode: PRIVATE_FILE_MODE });
  } catch (error) {
    // Another process of this node (a cluster worker) wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}

export interface Membership {
  /** Marks the node stopped (a clean shutdown), so it is not reported late. */
  leave(): Promise<void>;
}

export async function startHeartbeat(
  registry: FleetRegistry,
  node: { nodeId: string; host: string; port: number; version: string },
  configHash: () => string,
  logger: Logger,
): Promise<Membership> {
  const startedAt = new Date().toISOString();
  const beat = () =>
    registry.heartbeat({
      ...node,
      configHash: configHash(),
      startedAt,
      lastSeenAt: new Date().toISOString(),
    });
  await beat();
  const timer = setInterval(() => {
    // The database may be down (the node still serves alerts); the fleet view shows it late.
    beat().catch((error: unknown) => {
      logger.debug(
        { problem: error instanceof Error ? error.message : 'unknown' },
        'heartbeat not written',
      );
    });
  }, HEARTBEAT_MS).unref();
  return {
    leave: async () => {
      clearInterval(timer);
      await registry.markStopped(node.nodeId, new Date().toISOString()).catch(() => undefined);
    },
  };
}
