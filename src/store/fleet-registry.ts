/**
 * The fleet in the store's database (issue #16, tables of migration 4): the audit key's
 * fingerprint that every node must share, and one heartbeat row per node. Nothing here is
 * clinical or personal: node ids, host names, ports, versions and config hashes.
 */
import { createHmac } from 'node:crypto';
import { Pool } from 'pg';
import { registryOver, type FleetQuery, type FleetRow } from './fleet-registry-sql.js';
import type { StoreOptions } from './open-store.js';
import { numberPlaceholders } from './postgres-store.js';
import { openSqliteFleetRegistry } from './sqlite-fleet-registry.js';
import { openSqliteThreadFleetRegistry } from './sqlite-thread-fleet-registry.js';
import type { FleetRegistry } from './fleet-node.js';

/** A fixed label HMACed under the audit key: equal keys give equal fingerprints, and the key never leaves the node. */
export function auditKeyFingerprint(auditKey: Buffer): string {
  return createHmac('sha256', auditKey).update('emd-cds audit key fingerprint v1').digest('hex');
}

/**
 * Opens the registry in the store's database; the store's `migrate()` must have run. With an
 * SQLite file its writes run in the file's writer thread (./sqlite-thread-fleet-registry.ts).
 */
export function openFleetRegistry(options: StoreOptions): FleetRegistry {
  if ('postgresUrl' in options) {
    const pool = new Pool({ connectionString: options.postgresUrl, max: 2 });
    pool.on('error', () => undefined);
    const query: FleetQuery = async (sql, params = []) =>
      (await pool.query<FleetRow>(numberPlaceholders(sql), params)).rows;
    return registryOver(query, () => pool.end());
  }
  // An in-memory database is seen by its own connection only: no thread can share it.
  if (options.sqliteFile === ':memory:') return openSqliteFleetRegistry(options.sqliteFile);
  return openSqliteThreadFleetRegistry(options.sqliteFile);
}
