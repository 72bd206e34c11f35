/**
 * The SQLite writer thread (src/store/sqlite-thread.ts, issue #15): while a commit of the
 * audit is in progress, the event loop keeps serving requests and reads. The commit is
 * held in progress by another connection holding the database's write lock (as another
 * cluster worker's commit does), so the test depends on the order of events, not on how
 * long anything takes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withGroupCommit } from '../../src/store/group-commit.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { card } from './records.js';

const DAY = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };

describe('SQLite writes in a writer thread', () => {
  let dir: string;
  let file: string;
  let inner: Store;
  let server: Server;
  let url: string;
  const events: string[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'emd-cds-thread-'));
    file = join(dir, 'audit.sqlite');
    inner = openStore({ sqliteFile: file });
    await inner.migrate();
    events.length = 0;
    server = createServer((_request, response) => {
      events.push('served');
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await inner.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves requests and reads while a commit of the audit is in progress, and answers the call only after it', async () => {
    const store = withGroupCommit(inner);
    await store.recordCards([card({ cardUuid: 'before' })]);
    // Another connection takes the write lock: the next commit must wait for it.
    const other = new Database(file);
    other.prepare('BEGIN IMMEDIATE').run();
    let otherOpen = true;
    try {
      const commit = store.recordCards([card({ cardUuid: 'during' })]).then(() => {
        events.push('committed');
      });
      for (let i = 0; i < 3; i++) {
        expect(await (await fetch(url)).text()).toBe('ok');
      }
      const served = (await store.stats(DAY.from, DAY.to)).reduce((n, s) => n + s.served, 0);
      events.push(`read ${String(served)} cards`);
      expect(events).toEqual(['served', 'served', 'served', 'read 1 cards']);

      other.prepare('COMMIT').run();
      otherOpen = false;
      await commit;
    } finally {
      if (otherOpen) other.prepare('ROLLBACK').run();
      other.close();
    }
    expect(events).toEqual(['served', 'served', 'served', 'read 1 cards', 'committed']);
    const stats = await store.stats(DAY.from, DAY.to);
    expect(stats.reduce((n, s) => n + s.served, 0)).toBe(2);
  });

  it('reports a write the database refuses as that call’s failure, and keeps writing', async () => {
    const bad = card({ cardUuid: 'bad', servedAt: 'not a date' });
    await expect(inner.recordCards([bad])).rejects.toThrow('servedAt is not an RFC 3339');
    await inner.recordCards([card({ cardUuid: 'good' })]);
    const stats = await inner.stats(DAY.from, DAY.to);
    expect(stats.reduce((n, s) => n + s.served, 0)).toBe(1);
  });
});
