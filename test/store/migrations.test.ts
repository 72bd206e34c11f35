import { describe, expect, it } from 'vitest';
import { MIGRATIONS, pendingMigrations } from '../../src/store/migrations.js';

describe('pendingMigrations', () => {
  it('lists every migration, in order, for an empty database', () => {
    const versions = pendingMigrations([]).map((m) => m.version);
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });

  it('lists none once all are applied', () => {
    expect(pendingMigrations(MIGRATIONS.map((m) => m.version))).toEqual([]);
  });

  it('refuses a database migrated by a newer release', () => {
    const newer = (MIGRATIONS.at(-1)?.version ?? 0) + 1;
    expect(() => pendingMigrations([1, newer])).toThrow(
      `store schema is at version ${String(newer)}, newer than this release knows`,
    );
  });

  it('has numbers that are unique and a SQL text for each dialect', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(new Set(versions).size).toBe(versions.length);
    for (const migration of MIGRATIONS) {
      expect(migration.sql.sqlite.trim()).not.toBe('');
      expect(migration.sql.postgres.trim()).not.toBe('');
    }
  });
});
