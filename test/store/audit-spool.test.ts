/**
 * Issue #16: the local audit spool. A hook call's cards that the database cannot take are
 * committed to the spool (and the call answers); they survive the process (kill -9: the
 * spool is opened again by a new process), are replayed oldest first once the database
 * answers, and a batch replayed twice (a crash between the database commit and the spool
 * delete) adds nothing. Real SQLite files; the unreachable database is a real PostgreSQL
 * client pointed at a closed loopback port.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openAuditSpool, type AuditSpool } from '../../src/store/audit-spool.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { NO_RESILIENCE_METRICS } from '../../src/store/resilience-metrics.js';
import { withAuditSpool, type SpooledStore } from '../../src/store/spooled-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { closedPort } from '../support/closed-port.js';
import { card } from './records.js';

const logger = pino({ level: 'silent' });
const options = { logger, metrics: NO_RESILIENCE_METRICS, retryMs: 50 };
const SERVED = ['2026-03-01T10:00:00.000Z', '2026-03-02T10:00:00.000Z'] as const;
let toClose: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of toClose.reverse()) await close();
  toClose = [];
});

async function liveStore(dir: string): Promise<Store> {
  const store = openSqliteStore(join(dir, 'audit.sqlite'));
  await store.migrate();
  return store;
}

async function waitUntilReplayed(store: SpooledStore): Promise<void> {
  for (let i = 0; i < 200 && store.health().spooled > 0; i += 1)
    await new Promise((resolve) => setTimeout(resolve, 25));
}

const records = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    card({ cardUuid: `${prefix}-${String(i)}`, servedAt: SERVED[0] }),
  );

describe('audit spool', () => {
  it('keeps records in the order they were appended, across a reopen', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'emd-cds-spool-')), 'spool.sqlite');
    const first = openAuditSpool(file);
    first.append(records('a', 2));
    first.append(records('b', 1));
    first.close();
    const again = openAuditSpool(file);
    toClose.push(() => {
      again.close();
    });
    expect(again.depth()).toBe(3);
    expect(again.oldest(10)?.records.map((r) => r.cardUuid)).toEqual(['a-0', 'a-1', 'b-0']);
    const firstTwo = again.oldest(2);
    again.remove(firstTwo?.upTo ?? 0);
    expect(again.oldest(10)?.records.map((r) => r.cardUuid)).toEqual(['b-0']);
  });

  it('answers while the database refuses connections, and a new process replays the spool', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emd-cds-spool-'));
    const spoolFile = join(dir, 'audit-spool.sqlite');
    const dead = openPostgresStore(
      `postgres://nobody:nothing@127.0.0.1:${String(await closedPort())}/none`,
    );
    const crashed = withAuditSpool(dead, openAuditSpool(spoolFile), options);
    toClose.push(() => crashed.close());
    await crashed.recordCards(records('call1', 2));
    await crashed.recordCards(records('call2', 3));
    expect(crashed.health()).toEqual({ degraded: true, spooled: 5, cannotRecord: false });

    // The first process is never closed (as after kill -9); the next one opens the same spool.
    const database = await liveStore(dir);
    const restarted = withAuditSpool(database, openAuditSpool(spoolFile), options);
    toClose.push(() => restarted.close());
    await waitUntilReplayed(restarted);
    expect(restarted.health()).toEqual({ degraded: false, spooled: 0, cannotRecord: false });
    const [stats] = await database.stats(SERVED[0], SERVED[1]);
    expect(stats?.served).toBe(5);
  });

  it('carries the silent mark of a silent rule card through the spool (issue #17)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emd-cds-spool-'));
    const spoolFile = join(dir, 'audit-spool.sqlite');
    const dead = openPostgresStore(
      `postgres://nobody:nothing@127.0.0.1:${String(await closedPort())}/none`,
    );
    const crashed = withAuditSpool(dead, openAuditSpool(spoolFile), options);
    toClose.push(() => crashed.close());
    await crashed.recordCards([
      card({ cardUuid: 'shown', servedAt: SERVED[0] }),
      card({ cardUuid: 'silent', servedAt: SERVED[0], silent: true }),
    ]);

    const database = await liveStore(dir);
    const restarted = withAuditSpool(database, openAuditSpool(spoolFile), options);
    toClose.push(() => restarted.close());
    await waitUntilReplayed(restarted);
    const [stats] = await database.stats(SERVED[0], SERVED[1]);
    expect(stats).toMatchObject({ served: 1, silent: { cards: 1 } });
  });

  it('adds nothing when a batch the database already holds is replayed again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emd-cds-spool-'));
    const database = await liveStore(dir);
    await database.recordCards(records('c', 4));
    const spool: AuditSpool = openAuditSpool(join(dir, 'audit-spool.sqlite'));
    // The crash window: committed to the database, not yet deleted from the spool.
    spool.append(records('c', 4));
    const store = withAuditSpool(database, spool, options);
    toClose.push(() => store.close());
    await waitUntilReplayed(store);
    expect(store.health().spooled).toBe(0);
    const [stats] = await database.stats(SERVED[0], SERVED[1]);
    expect(stats?.served).toBe(4);
  });

  it('reads 0 again once another worker of the node has replayed the shared spool', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emd-cds-spool-'));
    const spoolFile = join(dir, 'audit-spool.sqlite');
    const depths: number[] = [];
    const dead = openPostgresStore(
      `postgres://nobody:nothing@127.0.0.1:${String(await closedPort())}/none`,
    );
    // Worker A cannot reach the database: it spools 3 records and reports a depth of 3.
    const workerA = withAuditSpool(dead, openAuditSpool(spoolFile), {
      ...options,
      writeTimeoutMs: 200,
      metrics: {
        ...NO_RESILIENCE_METRICS,
        auditSpoolDepth: (n) => {
          depths.push(n);
        },
      },
    });
    toClose.push(() => workerA.close());
    await workerA.recordCards(records('w', 3));
    expect(depths.at(-1)).toBe(3);
    // Worker B reaches it and replays the node's one spool file.
    const workerB = withAuditSpool(await liveStore(dir), openAuditSpool(spoolFile), options);
    toClose.push(() => workerB.close());
    await waitUntilReplayed(workerB);
    for (let i = 0; i < 200 && depths.at(-1) !== 0; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect(depths.at(-1)).toBe(0);
    expect(workerA.health().spooled).toBe(0);
  });

  it('checks that it takes a write without changing what it holds, and throws when it cannot', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'emd-cds-spool-')), 'spool.sqlite');
    const spool = openAuditSpool(file);
    toClose.push(() => {
      spool.close();
    });
    spool.append(records('e', 2));
    spool.checkWritable();
    spool.append(records('f', 1));
    expect(spool.depth()).toBe(3);
    expect(spool.oldest(10)?.records.map((r) => r.cardUuid)).toEqual(['e-0', 'e-1', 'f-0']);
    // The spool breaks under the node, as a full or failed disk would.
    const other = new Database(file);
    other.exec('DROP TABLE spooled_card');
    other.close();
    expect(() => {
      spool.checkWritable();
    }).toThrow();
  });

  it('fails the call only when the spool cannot be written either', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emd-cds-spool-'));
    const dead = openPostgresStore(
      `postgres://nobody:nothing@127.0.0.1:${String(await closedPort())}/none`,
    );
    const spoolFile = join(dir, 'audit-spool.sqlite');
    const store = withAuditSpool(dead, openAuditSpool(spoolFile), options);
    toClose.push(() => store.close());
    // The spool breaks under the node (here: its table is gone), as a full or failed disk would.
    const other = new Database(spoolFile);
    other.exec('DROP TABLE spooled_card');
    other.close();
    await expect(store.recordCards(records('d', 1))).rejects.toThrow();
  });
});
