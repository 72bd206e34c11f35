/**
 * The fleet registry on one synchronous better-sqlite3 connection: the writer thread's
 * (./sqlite-thread-body.ts), a read-only one for the main thread's reads
 * (./sqlite-thread-fleet-registry.ts), or an in-memory database's own.
 */
import Database from 'better-sqlite3';
import type { FleetRegistry } from './fleet-node.js';
import { registryOver, type FleetRow } from './fleet-registry-sql.js';
import { BUSY_TIMEOUT_MS, settle } from './sqlite-store.js';

export function openSqliteFleetRegistry(
  file: string,
  options: { readOnly?: boolean } = {},
): FleetRegistry {
  const readOnly = options.readOnly === true;
  const db = new Database(file, { readonly: readOnly, fileMustExist: readOnly });
  db.pragma(`busy_timeout = ${String(BUSY_TIMEOUT_MS)}`);
  return registryOver(
    (sql, params = []) =>
      settle(() => {
        const statement = db.prepare(sql);
        return statement.reader
          ? (statement.all(...params) as FleetRow[])
          : (statement.run(...params), []);
      }),
    () =>
      settle(() => {
        db.close();
      }),
  );
}
