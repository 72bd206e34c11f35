/**
 * The retention purge in batches (src/store/retention-purge.ts, issue #19; docs/deploying.md
 * §4): it still deletes exactly the rows older than the cutoff, and with SQLite a hook call's
 * audit sent while a large purge runs commits between its batches, before the purge ends.
 * The old rows are made by SQL in the setup; the expected counts are the setup's.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { card } from './records.js';
import {
  STORE_TARGETS,
  suiteName,
  warnSkipped,
  type StoreKind,
  type TestLocation,
} from './targets.js';

warnSkipped();

const CUTOFF = '2026-01-01T00:00:00Z';
const OLD = '2025-06-01T00:00:00.000Z';
const NEW = '2026-03-01T00:00:00.000Z';

/** `count` rows numbered 1…count, as `n(i)`; the same SQL in SQLite and PostgreSQL. */
const numbers = (count: number) =>
  `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${String(count)})`;

/** Cards served at `servedAt`, uuids `<prefix>-1`, `<prefix>-2`, … */
const cardsSql = (count: number, prefix: string, servedAt: string) => `${numbers(count)}
  INSERT INTO card_audit (card_uuid, rule_id, service_id, hook, hook_instance, indicator,
    served_at, config_hash, patient_key, evidence_keys, client_key, silent)
  SELECT '${prefix}-' || i, 'emd-cns', 'emd-patient-view', 'patient-view', 'hi-' || i,
    'warning', '${servedAt}', 'h', 'p', '[]', '', 0 FROM n`;

const feedbackSql = (count: number, prefix: string, receivedAt: string) => `${numbers(count)}
  INSERT INTO feedback (card_uuid, outcome, outcome_timestamp, outcome_at, service_id,
    accepted_suggestions, received_at, unknown_card, client_key, other_client)
  SELECT '${prefix}-' || i, 'accepted', '${receivedAt}', '${receivedAt}', 'emd-patient-view',
    '[]', '${receivedAt}', 0, '', 0 FROM n`;

const hookCallsSql = (count: number, prefix: string, hourStart: string) => `${numbers(count)}
  INSERT INTO hook_call_count (hour_start, service_id, calls)
  SELECT '${hourStart}', '${prefix}-' || i, 7 FROM n`;

const suppressedSql = (count: number, prefix: string, hourStart: string) => `${numbers(count)}
  INSERT INTO suppressed_card_count (hour_start, service_id, rule_id, indicator, cards)
  SELECT '${hourStart}', '${prefix}-' || i, 'emd-cns', 'warning', 1 FROM n`;

/** Spooled count batch ids applied at `appliedAt`, ids `<prefix>-1`, … (migration 8). */
const batchesSql = (count: number, prefix: string, appliedAt: string) => `${numbers(count)}
  INSERT INTO hook_call_batch (batch_id, applied_at) SELECT '${prefix}-' || i, '${appliedAt}' FROM n`;

/** Plain SQL on the store's file or schema, beside the store under test. */
interface RawSql {
  run(sql: string): Promise<void>;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

async function rawSql(kind: StoreKind, location: string): Promise<RawSql> {
  if (kind === 'sqlite') {
    const db = new Database(location);
    return {
      run: (sql) => Promise.resolve(void db.exec(sql)),
      count: (table) =>
        Promise.resolve(
          (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n,
        ),
      close: () => Promise.resolve(void db.close()),
    };
  }
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  return {
    run: async (sql) => {
      await client.query(sql);
    },
    count: async (table) => {
      const { rows } = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`);
      return Number(rows[0]?.n);
    },
    close: () => client.end(),
  };
}

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(suiteName(target), () => {
    let place: TestLocation;
    let opened: Store;
    const store = () => opened;
    beforeEach(async () => {
      place = await target.create();
      opened = place.open();
      await opened.migrate();
    });
    afterEach(async () => {
      await opened.close();
      await place.drop();
    });

    it('purges in batches exactly the rows older than the cutoff, and counts them all', async () => {
      const sql = await rawSql(target.kind, place.location);
      try {
        // Each old table holds more than one batch (2000 rows).
        await sql.run(cardsSql(12_345, 'old', OLD));
        await sql.run(cardsSql(3, 'new', NEW));
        await sql.run(feedbackSql(4_321, 'old', OLD));
        await sql.run(feedbackSql(2, 'new', NEW));
        await sql.run(hookCallsSql(2_100, 'old', OLD));
        await sql.run(hookCallsSql(1, 'new', NEW));
        await sql.run(suppressedSql(5, 'old', OLD));
        await sql.run(suppressedSql(1, 'new', NEW));
        await sql.run(batchesSql(3, 'old', OLD));
        await sql.run(batchesSql(2, 'new', NEW));

        expect(await store().purgeBefore(CUTOFF)).toBe(12_345 + 4_321 + 2_100 + 5 + 3);
        expect(await store().purgeBefore(CUTOFF)).toBe(0);

        expect(await sql.count('card_audit')).toBe(3);
        expect(await sql.count('feedback')).toBe(2);
        expect(await sql.count('hook_call_count')).toBe(1);
        expect(await sql.count('suppressed_card_count')).toBe(1);
        expect(await sql.count('hook_call_batch')).toBe(2);
      } finally {
        await sql.close();
      }
    });

    // Each store's own way of letting other writes through: defined for that store only, so
    // no test is reported skipped where CI must skip none.
    const onSqlite = target.kind === 'sqlite' ? it : undefined;
    const onPostgres = target.kind === 'postgres' ? it : undefined;

    onSqlite?.(
      'commits a hook call’s audit sent while a large purge runs before the purge ends',
      async () => {
        const sql = await rawSql(target.kind, place.location);
        try {
          await sql.run(cardsSql(100_000, 'old', OLD));
        } finally {
          await sql.close();
        }
        const finished: string[] = [];
        const purge = store()
          .purgeBefore(CUTOFF)
          .then((deleted) => {
            finished.push(`purge of ${String(deleted)} rows`);
          });
        const audit = store()
          .recordCards([card({ cardUuid: 'during-the-purge', servedAt: NEW })])
          .then(() => {
            finished.push('audit');
          });
        await Promise.all([purge, audit]);
        expect(finished).toEqual(['audit', 'purge of 100000 rows']);
      },
    );

    onPostgres?.(
      'commits each batch of the purge on its own, so a blocked batch leaves the earlier ones deleted',
      async () => {
        const sql = await rawSql(target.kind, place.location);
        // The newest old card is in the last batch: 12,345 old cards, 2000 a batch.
        await sql.run(cardsSql(12_344, 'old', OLD));
        await sql.run(cardsSql(1, 'newest-old', '2025-12-31T00:00:00.000Z'));
        const locker = new pg.Client({ connectionString: place.location });
        await locker.connect();
        try {
          await locker.query('BEGIN');
          await locker.query(
            `SELECT 1 FROM card_audit WHERE card_uuid = 'newest-old-1' FOR UPDATE`,
          );
          const { rows } = await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
          const lockerPid = rows[0]?.pid;
          // An object: a local boolean would look constant to the loop's type check.
          const purgeState = { isSettled: false };
          const purge = store()
            .purgeBefore(CUTOFF)
            .finally(() => {
              purgeState.isSettled = true;
            });
          // Wait until the purge waits for the locked card (an order of events, not a time).
          while (!purgeState.isSettled) {
            const waiting = await locker.query(
              'SELECT 1 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
              [lockerPid],
            );
            if (waiting.rowCount !== 0) break;
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          // Six batches of 2000 are committed; the seventh (345 cards) waits.
          expect(await sql.count('card_audit')).toBe(345);
          await locker.query('ROLLBACK');
          expect(await purge).toBe(12_345);
          expect(await sql.count('card_audit')).toBe(0);
        } finally {
          await locker.end();
          await sql.close();
        }
      },
    );
  });
}
