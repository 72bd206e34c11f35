/**
 * The stores the contract and durability tests run against: SQLite always, PostgreSQL when
 * EMD_CDS_TEST_POSTGRES_URL names a database (.ci/run starts one and sets it). Each test
 * gets an empty place of its own: a new file, or a new schema that is dropped afterwards,
 * so parallel runs against one database do not collide.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { openSqliteThreadStore } from '../../src/store/sqlite-thread-store.js';
import type { Store } from '../../src/store/store.js';

export type StoreKind = 'sqlite' | 'postgres';

export interface TestLocation {
  /** The SQLite file, or the PostgreSQL URL selecting the test's schema. */
  location: string;
  open(): Store;
  drop(): Promise<void>;
}

export interface StoreTarget {
  kind: StoreKind;
  /** Why this target is skipped, or undefined when it runs. */
  skipReason: string | undefined;
  create(): Promise<TestLocation>;
}

export function openFor(kind: StoreKind, location: string): Store {
  return kind === 'sqlite' ? openSqliteThreadStore(location) : openPostgresStore(location);
}

const sqliteTarget: StoreTarget = {
  kind: 'sqlite',
  skipReason: undefined,
  create() {
    const dir = mkdtempSync(join(tmpdir(), 'emd-cds-store-'));
    // A folder that does not exist yet: the store creates it.
    const location = join(dir, 'data', 'emd-cds.sqlite');
    return Promise.resolve({
      location,
      open: () => openSqliteThreadStore(location),
      drop: () => {
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    });
  },
};

const postgresUrl = process.env.EMD_CDS_TEST_POSTGRES_URL;

async function asAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const postgresTarget: StoreTarget = {
  kind: 'postgres',
  skipReason:
    postgresUrl === undefined || postgresUrl === ''
      ? 'PostgreSQL tests skipped: EMD_CDS_TEST_POSTGRES_URL is not set; .ci/run sets it'
      : undefined,
  async create() {
    const schema = `emd_cds_test_${String(process.pid)}_${randomBytes(6).toString('hex')}`;
    await asAdmin(`CREATE SCHEMA ${schema}`);
    const url = new URL(postgresUrl ?? '');
    url.searchParams.set('options', `-c search_path=${schema}`);
    const location = url.href;
    return {
      location,
      open: () => openPostgresStore(location),
      drop: () => asAdmin(`DROP SCHEMA ${schema} CASCADE`),
    };
  },
};

export const STORE_TARGETS: readonly StoreTarget[] = [sqliteTarget, postgresTarget];

/** Prints each skip reason once per test file, so a skipped store is never silent. */
export function warnSkipped(): void {
  for (const target of STORE_TARGETS) {
    if (target.skipReason !== undefined) {
      console.warn(target.skipReason);
    }
  }
}

/**
 * Registers hooks giving each test of the enclosing suite a new, migrated store; returns
 * a getter for it. The store is closed and its file or schema dropped after the test.
 */
export function useFreshStore(target: StoreTarget): () => Store {
  let current: { place: TestLocation; store: Store } | undefined;
  beforeEach(async () => {
    const place = await target.create();
    const store = place.open();
    current = { place, store };
    await store.migrate();
  });
  afterEach(async () => {
    if (current !== undefined) {
      const { place, store } = current;
      current = undefined;
      await store.close();
      await place.drop();
    }
  });
  return () => {
    if (current === undefined) throw new Error('no store outside a test');
    return current.store;
  };
}

/** The suite's name; a skipped suite says why in its name too. */
export function suiteName(target: StoreTarget): string {
  const name = `${target.kind} store`;
  return target.skipReason === undefined ? name : `${name} (${target.skipReason})`;
}
