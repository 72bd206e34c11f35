/**
 * A node's audit spool (a real SQLite file in a temp folder) whose disk a test can fill and
 * free: while full, every write throws SQLite's own message for a full disk, as the real
 * spool does on a full data folder; reads still answer. And an audit store that refuses
 * every audit write (a call's cards and the write check) while it is down, as an unreachable
 * database does, and is the real store again once it is up.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAuditSpool, type AuditSpool } from '../../src/store/audit-spool.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';

export interface FillableSpool {
  spool: AuditSpool;
  fill(): void;
  free(): void;
  /** How many times the spool's write check has been made. */
  checks(): number;
}

/** SQLITE_FULL's message. */
export const DISK_FULL = 'database or disk is full';

export function fillableSpool(): FillableSpool {
  const real = openAuditSpool(
    join(mkdtempSync(join(tmpdir(), 'emd-cds-full-spool-')), 'audit-spool.sqlite'),
  );
  let full = false;
  let checks = 0;
  const refuseWhenFull = () => {
    if (full) throw new Error(DISK_FULL);
  };
  return {
    spool: {
      ...real,
      append: (records) => {
        refuseWhenFull();
        real.append(records);
      },
      checkWritable: () => {
        checks += 1;
        refuseWhenFull();
        real.checkWritable();
      },
    },
    fill: () => {
      full = true;
    },
    free: () => {
      full = false;
    },
    checks: () => checks,
  };
}

/** What a store that is down answers a write with. */
export const CONNECTION_REFUSED = 'connect ECONNREFUSED 10.0.0.7:5432';

export interface SwitchableStore {
  store: Store;
  down(): void;
  up(): void;
}

/** `real` (migrated), whose audit writes are refused from `down()` until `up()`. */
export function switchableStore(real: Store): SwitchableStore {
  let isDown = false;
  const refused = () => Promise.reject(new Error(CONNECTION_REFUSED));
  return {
    store: {
      ...real,
      recordCards: (records) => (isDown ? refused() : real.recordCards(records)),
      checkWritable: () => (isDown ? refused() : real.checkWritable()),
    },
    down: () => {
      isDown = true;
    },
    up: () => {
      isDown = false;
    },
  };
}

/** A migrated SQLite store whose audit writes are refused, as by a database that is down. */
export async function unreachableStore(): Promise<Store> {
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'emd-cds-down-')), 'a.sqlite'));
  await store.migrate();
  const switchable = switchableStore(store);
  switchable.down();
  return switchable.store;
}
