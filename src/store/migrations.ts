/**
 * Numbered schema migrations, shared by the SQLite and PostgreSQL stores. A migration is
 * never edited once released: a change is a new number. Each applied number is recorded
 * in `schema_migrations`. The SQL of each is in ./migration-sql.ts.
 */
import {
  cardOfferSchema,
  countBatchSchema,
  feedbackClientSchema,
  fleetSchema,
  initialSchema,
  sharedStateSchema,
  silentModeSchema,
  suppressedCardsSchema,
  type Dialect,
} from './migration-sql.js';

export interface Migration {
  version: number;
  name: string;
  sql: Record<Dialect, string>;
}

export const MIGRATIONS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/** Every migration, by number. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'card audit and feedback',
    sql: { sqlite: initialSchema('sqlite'), postgres: initialSchema('postgres') },
  },
  {
    version: 2,
    name: 'shared replay guard and rate windows (cluster mode)',
    sql: { sqlite: sharedStateSchema('sqlite'), postgres: sharedStateSchema('postgres') },
  },
  {
    version: 3,
    name: 'feedback bound to the client that received the card',
    sql: { sqlite: feedbackClientSchema('sqlite'), postgres: feedbackClientSchema('postgres') },
  },
  {
    version: 4,
    name: 'fleet: audit key fingerprint and node heartbeats',
    sql: { sqlite: fleetSchema('sqlite'), postgres: fleetSchema('postgres') },
  },
  {
    version: 5,
    name: 'silent mode: silent card mark and hook call counts',
    sql: { sqlite: silentModeSchema('sqlite'), postgres: silentModeSchema('postgres') },
  },
  {
    version: 6,
    name: 'what each card offered, and feedback whose reason it did not offer',
    sql: { sqlite: cardOfferSchema(), postgres: cardOfferSchema() },
  },
  {
    version: 7,
    name: 'cards suppression hid, per hour, service, rule and level',
    sql: { sqlite: suppressedCardsSchema('sqlite'), postgres: suppressedCardsSchema('postgres') },
  },
  {
    version: 8,
    name: 'spooled hook call count batches already added',
    sql: { sqlite: countBatchSchema('sqlite'), postgres: countBatchSchema('postgres') },
  },
];

/** The migrations still to apply, in order; refuses a database written by a newer release. */
export function pendingMigrations(applied: readonly number[]): Migration[] {
  const known = MIGRATIONS.at(-1)?.version ?? 0;
  const newest = Math.max(0, ...applied);
  if (newest > known) {
    throw new Error(
      `store schema is at version ${newest}, newer than this release knows (${known}); ` +
        'run a release at least as new',
    );
  }
  const done = new Set(applied);
  return MIGRATIONS.filter((m) => !done.has(m.version));
}
