/**
 * The embedded store: one SQLite file through better-sqlite3 12 (13 needs Node 22). Its
 * calls are synchronous; each Store method is one transaction, committed before it
 * resolves, but the retention purge, which commits in batches (./retention-purge.ts).
 */
import Database from 'better-sqlite3';
import { MIGRATIONS_TABLE_SQL, pendingMigrations } from './migrations.js';
import { makePrivateFile } from './private-file.js';
import {
  SQL,
  cardParams,
  feedbackParams,
  hookCallParams,
  hourParams,
  suppressedCardParams,
  servedCardsSql,
  toInstant,
  toLastOverride,
  toServedCard,
  type HookCallRow,
  type LastOverrideRow,
  type ServedCardRow,
  type SqlValue,
} from './queries.js';
import { STATS_SQL, periodParams, statsParams, statsSql } from './stats-queries.js';
import {
  toDailyStats,
  toRuleStats,
  type DailyStatsRow,
  type NotOfferedRow,
  type OtherClientRow,
  type StatsRow,
  type SuppressedRow,
} from './stats-rows.js';
import type { Store } from './store.js';
import { DELETE_CHECK_CARD_SQL, writeCheckCard } from './write-check.js';
import { purgeInBatches } from './retention-purge.js';

/** The statistics' queries in SQLite's words (JSON, text order). */
const SQLITE_STATS_SQL = statsSql('sqlite');

/** How long a writer waits for another process's lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/** A promise that rejects, rather than a synchronous throw, when the (synchronous) work fails. */
export const settle = <T>(work: () => T): Promise<T> =>
  new Promise((resolve) => {
    resolve(work());
  });

export interface SqliteStoreOptions {
  /**
   * Opens an existing, migrated file read-only (the reads of ./sqlite-thread-store.ts): its
   * writes fail, and it never takes the write lock.
   */
  readOnly?: boolean;
}

/**
 * Opens (creating it and its folder if needed) the SQLite file. SQLite's own file locks
 * keep concurrent processes safe. Call `migrate()` before anything else.
 */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  const readOnly = options.readOnly === true;
  if (file !== ':memory:' && !readOnly) makePrivateFile(file);
  const db = new Database(file, { readonly: readOnly, fileMustExist: readOnly });
  // WAL lets readers run beside the writer. synchronous = FULL fsyncs the WAL at every
  // commit (NORMAL, the usual WAL setting, may lose the last commits on power loss), so an
  // acknowledged write survives a crash as far as the disk keeps its promises. The mode is
  // kept in the file: a read-only connection finds it there, and may not set it.
  if (!readOnly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);

  const statements = new Map<string, Database.Statement<SqlValue[]>>();
  // Prepared on first use: the tables exist only once migrate() has run.
  const statement = (sql: string): Database.Statement<SqlValue[]> => {
    let prepared = statements.get(sql);
    if (prepared === undefined) {
      prepared = db.prepare<SqlValue[]>(sql);
      statements.set(sql, prepared);
    }
    return prepared;
  };
  // IMMEDIATE takes the write lock at BEGIN, so busy_timeout applies; a deferred
  // transaction that later upgrades to a writer fails at once with SQLITE_BUSY.
  const write = <T>(work: () => T): T => db.transaction(work).immediate();

  return {
    migrate: () =>
      settle(() => {
        write(() => {
          db.exec(MIGRATIONS_TABLE_SQL);
          const applied = statement(SQL.appliedMigrations)
            .all()
            .map((row) => (row as { version: number }).version);
          for (const migration of pendingMigrations(applied)) {
            db.exec(migration.sql.sqlite);
            const appliedAt = new Date().toISOString();
            statement(SQL.recordMigration).run(migration.version, migration.name, appliedAt);
          }
        });
      }),

    recordCards: (records) =>
      settle(() => {
        write(() => {
          for (const record of records) {
            statement(SQL.insertCard).run(...cardParams(record));
          }
        });
      }),

    checkWritable: () =>
      settle(() => {
        write(() => {
          const card = writeCheckCard();
          statement(SQL.insertCard).run(...cardParams(card));
          statement(DELETE_CHECK_CARD_SQL).run(card.cardUuid);
        });
      }),

    recordFeedback: (records) =>
      settle(() =>
        write(() => {
          let stored = 0;
          let unknownCards = 0;
          let otherClient = 0;
          let unofferedReasons = 0;
          for (const record of records) {
            const card = statement(SQL.cardClient).get(record.cardUuid) as
              { client_key: string } | undefined;
            const isUnknownCard = card === undefined;
            const isOtherClient = card !== undefined && card.client_key !== record.clientKey;
            const params = feedbackParams(record, isUnknownCard, isOtherClient);
            const { changes } = statement(SQL.insertFeedback).run(...params);
            stored += changes;
            unknownCards += isUnknownCard ? changes : 0;
            otherClient += isOtherClient ? changes : 0;
            unofferedReasons += record.reasonNotOffered === true ? changes : 0;
          }
          const duplicates = records.length - stored;
          return { stored, duplicates, unknownCards, otherClient, unofferedReasons };
        }),
      ),

    servedCards: (cardUuids) =>
      settle(() => {
        if (cardUuids.length === 0) return [];
        // Not cached: the statement differs with the number of uuids.
        const rows = db.prepare<SqlValue[]>(servedCardsSql(cardUuids.length)).all(...cardUuids);
        return (rows as ServedCardRow[]).map(toServedCard);
      }),

    lastOverride: (ruleId, patientKey, clientKey, since) =>
      settle(() => {
        const params = [ruleId, patientKey, clientKey, toInstant(since, 'since')];
        const row = statement(SQL.lastOverride).get(...params) as LastOverrideRow | undefined;
        return row === undefined ? undefined : toLastOverride(row);
      }),

    stats: (from, to) =>
      settle(() => {
        const period = periodParams(from, to);
        const rows = statement(SQLITE_STATS_SQL.stats).all(...statsParams(period));
        const others = statement(STATS_SQL.otherClientStats).all(...period);
        const suppressed = statement(STATS_SQL.suppressedCards).all(...hourParams(from, to));
        const notOffered = statement(SQLITE_STATS_SQL.reasonsNotOffered).all(
          ...statsParams(period),
        );
        return toRuleStats(
          rows as StatsRow[],
          others as OtherClientRow[],
          suppressed as SuppressedRow[],
          notOffered as NotOfferedRow[],
        );
      }),

    recordHookCalls: (counts, suppressed = [], batchId) =>
      settle(() =>
        write(() => {
          if (batchId !== undefined) {
            const claim = statement(SQL.claimHookCallBatch);
            if (claim.run(batchId, new Date().toISOString()).changes === 0) return false;
          }
          for (const count of counts) statement(SQL.addHookCalls).run(...hookCallParams(count));
          for (const count of suppressed)
            statement(SQL.addSuppressedCards).run(...suppressedCardParams(count));
          return true;
        }),
      ),

    hookCalls: (from, to) =>
      settle(() => {
        const rows = statement(SQL.hookCalls).all(...hourParams(from, to)) as HookCallRow[];
        return rows.map((row) => ({ serviceId: row.service_id, calls: row.calls }));
      }),

    dailyStats: (from, to) =>
      settle(() => {
        const rows = statement(STATS_SQL.dailyStats).all(...statsParams(periodParams(from, to)));
        return toDailyStats(rows as DailyStatsRow[]);
      }),

    // In batches (./retention-purge.ts), each its own transaction. Before each batch the
    // thread (or, with ':memory:', the main thread) goes back to its event loop, so writes
    // sent meanwhile (a hook call's audit) run and commit between batches, not after all.
    purgeBefore: async (cutoff) => {
      const instant = toInstant(cutoff, 'cutoff');
      return await purgeInBatches('sqlite', async (sql, limit) => {
        await new Promise((resolve) => setImmediate(resolve));
        return write(() => statement(sql).run(instant, limit).changes);
      });
    },

    close: () =>
      settle(() => {
        db.close();
      }),
  };
}
