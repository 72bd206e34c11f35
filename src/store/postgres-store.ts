/**
 * The scale-out store: PostgreSQL through a `pg` Pool, with the same schema and SQL as the
 * SQLite store. Writes are one BEGIN … COMMIT each; with PostgreSQL's default
 * `synchronous_commit = on`, COMMIT returns once the WAL is flushed to disk.
 */
import { Pool, type PoolClient } from 'pg';
import { MIGRATIONS_TABLE_SQL, pendingMigrations } from './migrations.js';
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
import { POSTGRES_READS_AT_ONCE, statsLimiter } from './stats-limiter.js';
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
import { postgresConnectError } from './postgres-connect-error.js';

/** The statistics' queries in PostgreSQL's words (JSON, text order). */
const POSTGRES_STATS_SQL = statsSql('postgres');

/** Serialises concurrent `migrate()` calls from several replicas (any constant will do). */
const MIGRATION_LOCK_KEY = 0x656d64_6364;

type Run = (
  sql: string,
  params?: readonly SqlValue[],
) => Promise<{ rows: unknown[]; rowCount: number }>;

/** The shared SQL is written with `?`; pg wants `$1`, `$2`, … */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${String(++n)}`);
}

function runner(client: Pool | PoolClient): Run {
  return async (sql, params = []) => {
    const result = await client.query(numberPlaceholders(sql), [...params]);
    return { rows: result.rows, rowCount: result.rowCount ?? 0 };
  };
}

/**
 * Connects lazily to `url` (a libpq URL; `?options=-c%20search_path%3D…` selects a schema).
 * Call `migrate()` before anything else.
 */
export function openPostgresStore(url: string): Store {
  const pool = new Pool({ connectionString: url, connectionTimeoutMillis: 5000 });
  // The statistics share the pool with the hook calls' audit and look-ups: two at a time.
  const limitStats = statsLimiter(POSTGRES_READS_AT_ONCE);
  // An idle connection that drops (server restart, network) would otherwise crash the
  // process as an unhandled 'error' event. The pool discards that connection; the next
  // query opens a new one or rejects to its caller.
  pool.on('error', () => undefined);
  const query = runner(pool);

  const transaction = async <T>(work: (run: Run) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let isBroken = false;
    // A checked-out connection that drops emits 'error' on the client, not on the pool, and
    // with no listener that kills the node (found cutting the database under load, issue
    // #16). The query in progress rejects anyway; the connection is only discarded.
    const onError = () => {
      isBroken = true;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work(runner(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        isBroken = true;
      });
      throw error;
    } finally {
      client.removeListener('error', onError);
      client.release(isBroken);
    }
  };

  return {
    migrate: async () => {
      // A start's first connection: its failure names the setting (./postgres-connect-error.ts).
      const first = await pool.connect().catch((error: unknown) => {
        throw postgresConnectError(url, error);
      });
      first.release();
      await transaction(async (run) => {
        await run('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
        await run(MIGRATIONS_TABLE_SQL);
        const { rows } = await run(SQL.appliedMigrations);
        const applied = (rows as { version: number }[]).map((row) => row.version);
        for (const migration of pendingMigrations(applied)) {
          await run(migration.sql.postgres);
          const appliedAt = new Date().toISOString();
          await run(SQL.recordMigration, [migration.version, migration.name, appliedAt]);
        }
      });
    },

    recordCards: (records) =>
      transaction(async (run) => {
        for (const record of records) {
          await run(SQL.insertCard, cardParams(record));
        }
      }),

    checkWritable: () =>
      transaction(async (run) => {
        const card = writeCheckCard();
        await run(SQL.insertCard, cardParams(card));
        await run(DELETE_CHECK_CARD_SQL, [card.cardUuid]);
      }),

    recordFeedback: (records) =>
      transaction(async (run) => {
        let stored = 0;
        let unknownCards = 0;
        let otherClient = 0;
        let unofferedReasons = 0;
        for (const record of records) {
          const { rows } = await run(SQL.cardClient, [record.cardUuid]);
          const card = (rows as { client_key: string }[])[0];
          const isUnknownCard = card === undefined;
          const isOtherClient = card !== undefined && card.client_key !== record.clientKey;
          const { rowCount } = await run(
            SQL.insertFeedback,
            feedbackParams(record, isUnknownCard, isOtherClient),
          );
          stored += rowCount;
          unknownCards += isUnknownCard ? rowCount : 0;
          otherClient += isOtherClient ? rowCount : 0;
          unofferedReasons += record.reasonNotOffered === true ? rowCount : 0;
        }
        const duplicates = records.length - stored;
        return { stored, duplicates, unknownCards, otherClient, unofferedReasons };
      }),

    servedCards: async (cardUuids) => {
      if (cardUuids.length === 0) return [];
      const { rows } = await query(servedCardsSql(cardUuids.length), cardUuids);
      return (rows as ServedCardRow[]).map(toServedCard);
    },

    lastOverride: async (ruleId, patientKey, clientKey, since) => {
      const params = [ruleId, patientKey, clientKey, toInstant(since, 'since')];
      const { rows } = await query(SQL.lastOverride, params);
      const row = (rows as LastOverrideRow[])[0];
      return row === undefined ? undefined : toLastOverride(row);
    },

    stats: (from, to) =>
      limitStats(async () => {
        const period = periodParams(from, to);
        const { rows } = await query(POSTGRES_STATS_SQL.stats, statsParams(period));
        const others = await query(STATS_SQL.otherClientStats, period);
        const suppressed = await query(STATS_SQL.suppressedCards, hourParams(from, to));
        const notOffered = await query(POSTGRES_STATS_SQL.reasonsNotOffered, statsParams(period));
        return toRuleStats(
          rows as StatsRow[],
          others.rows as OtherClientRow[],
          suppressed.rows as SuppressedRow[],
          notOffered.rows as NotOfferedRow[],
        );
      }),

    // A second replay of the same batch waits on the first's uncommitted id (the primary
    // key), then finds it: nothing is added twice even when two workers replay at once.
    recordHookCalls: (counts, suppressed = [], batchId) =>
      transaction(async (run) => {
        if (batchId !== undefined) {
          const claim = await run(SQL.claimHookCallBatch, [batchId, new Date().toISOString()]);
          if (claim.rowCount === 0) return false;
        }
        for (const count of counts) await run(SQL.addHookCalls, hookCallParams(count));
        for (const count of suppressed)
          await run(SQL.addSuppressedCards, suppressedCardParams(count));
        return true;
      }),

    hookCalls: (from, to) =>
      limitStats(async () => {
        const { rows } = await query(SQL.hookCalls, hourParams(from, to));
        return (rows as HookCallRow[]).map((row) => ({
          serviceId: row.service_id,
          calls: row.calls,
        }));
      }),

    dailyStats: (from, to) =>
      limitStats(async () => {
        const { rows } = await query(STATS_SQL.dailyStats, statsParams(periodParams(from, to)));
        return toDailyStats(rows as DailyStatsRow[]);
      }),

    // In batches (./retention-purge.ts), each committed on its own: no long DELETE holding
    // its row locks and snapshot while the audit keeps inserting.
    purgeBefore: async (cutoff) => {
      const instant = toInstant(cutoff, 'cutoff');
      return await purgeInBatches('postgres', async (sql, limit) => {
        const { rowCount } = await query(sql, [instant, limit]);
        return rowCount;
      });
    },

    close: () => pool.end(),
  };
}
