/**
 * The SQLite fleet registry as the main thread sees it (issue #19: one request must never
 * stall the service). Its writes (the heartbeat every 10 s, the stop mark, the audit key's
 * claim) run in this process's writer thread for the file, on that thread's connection
 * (./sqlite-fleet-registry.ts): on the main thread each was a synchronous commit that waited
 * for the disk's fsync, and up to BUSY_TIMEOUT_MS for the write lock while the writer thread
 * held it (a purge batch, a burst of audit commits), holding every hook call as long.
 *
 * `nodes()` stays on a read-only connection of the main thread: it reads the few rows of
 * `fleet_node` (one per node), microseconds, less than a round trip to a thread; a reader in
 * WAL mode never waits for the write lock or an fsync; and in the reader thread it would wait
 * behind a statistics query. It is read for the fleet view (admin, console, CLI) only.
 */
import type { FleetRegistry } from './fleet-node.js';
import { openSqliteFleetRegistry } from './sqlite-fleet-registry.js';
import { acquireSqliteThread } from './sqlite-thread.js';

export function openSqliteThreadFleetRegistry(file: string): FleetRegistry {
  const writer = acquireSqliteThread(file, 'writer');
  // Opened on the first read, once the store's migrate() has made the file and its tables.
  let lookups: FleetRegistry | undefined;
  const write =
    <T>(op: keyof FleetRegistry) =>
    (...args: unknown[]) =>
      writer.call<T>('fleet', op, args);
  return {
    claimAuditKeyFingerprint: write<string>('claimAuditKeyFingerprint'),
    heartbeat: write<undefined>('heartbeat'),
    markStopped: write<undefined>('markStopped'),
    nodes: () => (lookups ??= openSqliteFleetRegistry(file, { readOnly: true })).nodes(),
    close: async () => {
      await Promise.all([writer.release(), lookups?.close()]);
      lookups = undefined;
    },
  };
}
