/**
 * Chooses the store: an SQLite file by default (embedded, durable on one machine), or
 * PostgreSQL when several replicas share one database.
 */
import { dirname } from 'node:path';
import { openPostgresStore } from './postgres-store.js';
import { openSqliteStore } from './sqlite-store.js';
import { openSqliteThreadStore } from './sqlite-thread-store.js';
import { prepareSettingFolder, refuseFolderAsFile, SQLITE_FILE_FOLDER } from './setting-folder.js';
import type { Store } from './store.js';

export type StoreOptions = { sqliteFile: string } | { postgresUrl: string };

/**
 * Opens the store; call `migrate()` on it before use. An SQLite file is written from a
 * thread of its own (./sqlite-thread-store.ts); an in-memory database, which has no fsync
 * to wait for and which only its own connection can see, stays on the calling thread.
 */
export function openStore(options: StoreOptions): Store {
  if ('postgresUrl' in options) return openPostgresStore(options.postgresUrl);
  if (options.sqliteFile === ':memory:') return openSqliteStore(options.sqliteFile);
  // A folder it cannot make, or a folder where the file should be, names the setting, not only
  // Node's `mkdir` or `open` (./setting-folder.ts).
  prepareSettingFolder(dirname(options.sqliteFile), SQLITE_FILE_FOLDER, options.sqliteFile);
  refuseFolderAsFile(options.sqliteFile, SQLITE_FILE_FOLDER, 'for the embedded database');
  return openSqliteThreadStore(options.sqliteFile);
}
