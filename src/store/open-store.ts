/**
 * Chooses the store: an SQLite file by default (embedded, durable on one machine), or
 * PostgreSQL when several replicas share one database.
 */
import { openPostgresStore } from './postgres-store.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

export type StoreOptions = { sqliteFile: string } | { postgresUrl: string };

/** Opens the store; call `migrate()` on it before use. */
export function openStore(options: StoreOptions): Store {
  return 'postgresUrl' in options
    ? openPostgresStore(options.postgresUrl)
    : openSqliteStore(options.sqliteFile);
}
