/**
 * The store a reading command (`stats`, `nodes`) opens: the one the service writes, found
 * from the same settings. An SQLite file that is not there is refused, not created: a new
 * empty store would answer "no cards served", as if the service had served none, when the
 * command was only run without the service's settings (docs/go-live.md, "Read the
 * statistics").
 */
import { existsSync } from 'node:fs';
import type { StoreOptions } from '../store/open-store.js';

export function existingStore(store: StoreOptions, command: string): StoreOptions {
  if ('sqliteFile' in store && store.sqliteFile !== ':memory:' && !existsSync(store.sqliteFile))
    throw new Error(
      `${command}: no store at ${store.sqliteFile}. It reads the store the service writes: run it with the service's settings (EMD_CDS_CONFIG or --config, and EMD_CDS_DATA_DIR, EMD_CDS_SQLITE_FILE or EMD_CDS_POSTGRES_URL as the service has them)`,
    );
  return store;
}
