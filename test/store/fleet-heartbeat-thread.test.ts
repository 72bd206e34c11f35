/**
 * The SQLite fleet registry's writes run in the file's writer thread (issue #19;
 * docs/architecture.md, "The store's threads"): while another connection holds the write
 * lock, the heartbeat waits for it there, and the main thread's event loop keeps running.
 * The lock is released from the event loop itself, so the test depends on the order of
 * events, not on how long anything takes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FleetRegistry } from '../../src/store/fleet-node.js';
import { openFleetRegistry } from '../../src/store/fleet-registry.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';

const NODE = {
  nodeId: 'node-a',
  host: 'cds-a',
  port: 3000,
  version: '0.1.0',
  configHash: 'config-hash-1',
  startedAt: '2026-03-01T10:00:00.000Z',
  lastSeenAt: '2026-03-01T10:00:10.000Z',
};

describe('SQLite fleet registry in the writer thread', () => {
  let dir: string;
  let file: string;
  let store: Store;
  let registry: FleetRegistry;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'emd-cds-fleet-'));
    file = join(dir, 'emd-cds.sqlite');
    store = openStore({ sqliteFile: file });
    await store.migrate();
    registry = openFleetRegistry({ sqliteFile: file });
  });
  afterEach(async () => {
    await registry.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the event loop running while the heartbeat waits for the write lock, then writes it', async () => {
    const events: string[] = [];
    // Another connection (as another process would) takes the write lock first.
    const other = new Database(file);
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      const beat = registry.heartbeat(NODE).then(() => {
        events.push('heartbeat written');
      });
      await new Promise<void>((resolve) => {
        setImmediate(() => {
          events.push('event loop ran');
          other.prepare('COMMIT').run();
          resolve();
        });
      });
      await beat;
    } finally {
      if (other.inTransaction) other.prepare('ROLLBACK').run();
      other.close();
    }
    expect(events).toEqual(['event loop ran', 'heartbeat written']);
    expect(await registry.nodes()).toEqual([{ ...NODE, stoppedAt: undefined }]);
  });

  it('marks the node stopped, and a later heartbeat running again', async () => {
    await registry.heartbeat(NODE);
    await registry.markStopped(NODE.nodeId, '2026-03-01T10:00:15.000Z');
    expect(await registry.nodes()).toEqual([{ ...NODE, stoppedAt: '2026-03-01T10:00:15.000Z' }]);
    const later = { ...NODE, lastSeenAt: '2026-03-01T10:01:00.000Z' };
    await registry.heartbeat(later);
    expect(await registry.nodes()).toEqual([{ ...later, stoppedAt: undefined }]);
  });

  it('claims the audit key fingerprint once: the first one stays the fleet’s', async () => {
    expect(await registry.claimAuditKeyFingerprint('fp-1', NODE.startedAt)).toBe('fp-1');
    expect(await registry.claimAuditKeyFingerprint('fp-2', NODE.lastSeenAt)).toBe('fp-1');
  });
});
