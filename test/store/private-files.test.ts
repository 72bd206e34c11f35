/**
 * Secure by default (docs/security.md §2.4): the store's folder and files hold the audit and
 * the feedback (a comment may name a patient), so the service makes them its own user's only,
 * whatever the umask: folders 0700, files 0600, SQLite's -wal file as its database file.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAuditSpool } from '../../src/store/audit-spool.js';
import { nodeIdOf } from '../../src/store/fleet-membership.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';

const root = mkdtempSync(join(tmpdir(), 'emd-cds-private-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe("the files the store creates are its user's only", () => {
  it('the SQLite store: its new folder 0700, the database and its WAL 0600', async () => {
    const folder = join(root, 'store', 'data');
    const file = join(folder, 'emd-cds.sqlite');
    const store = openSqliteStore(file);
    await store.migrate();
    expect(modeOf(folder)).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(modeOf(`${file}-wal`)).toBe(0o600);
    await store.close();
  });

  it('the audit spool: its new folder 0700, the file 0600', () => {
    const folder = join(root, 'spool');
    const file = join(folder, 'audit-spool.sqlite');
    const spool = openAuditSpool(file);
    expect(modeOf(folder)).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
    spool.close();
  });

  it("the node's id: its new data folder 0700, the file 0600", () => {
    const folder = join(root, 'node');
    nodeIdOf(folder);
    expect(modeOf(folder)).toBe(0o700);
    expect(modeOf(join(folder, 'node-id'))).toBe(0o600);
  });
});
