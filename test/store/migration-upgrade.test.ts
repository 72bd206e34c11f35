/**
 * Migration 3 (feedback bound to the client, issue #14) on a database written by the
 * previous release: its cards and feedback survive, still count, and still suppress; the
 * SQLite feedback table is rebuilt with the new primary key, the PostgreSQL one altered.
 * Migration 5 (silent mode, issue #17): the cards already audited were served, and stay so.
 * Migration 7 (suppressed card counts): the counts so far stay, and none were suppressed.
 * Migration 8 (spooled count batch ids): the counts so far stay, and a batch adds once.
 * A card recorded before migration 6 kept what it offered: whether it could be accepted is
 * unknown, never taken as "no suggestion" (docs/go-live.md "Read the statistics").
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import type { Store } from '../../src/store/store.js';
import { openFor, STORE_TARGETS, suiteName, warnSkipped, type TestLocation } from './targets.js';

warnSkipped();

const BEFORE_CLIENTS = MIGRATIONS.filter((m) => m.version < 3);
const OLD_ROWS = `
INSERT INTO card_audit VALUES ('old-card', 'emd-cns', 'emd-patient-view', 'patient-view', 'h1',
  'critical', '2026-03-01T10:00:00.000Z', 'hash', 'patient-key-1', '["evidence-key-1"]');
INSERT INTO feedback VALUES ('old-card', 'overridden', '2026-03-01T10:05:00Z',
  '2026-03-01T10:05:00.000Z', 'emd-patient-view', '[]', NULL, NULL, NULL,
  '2026-03-01T10:05:01.000Z', 0);
INSERT INTO schema_migrations VALUES (1, 'v1', '2026-01-01T00:00:00.000Z'), (2, 'v2', '2026-01-01T00:00:00.000Z');
`;

const BEFORE_SILENT = MIGRATIONS.filter((m) => m.version < 5);
const ROWS_AT_4 = `
INSERT INTO card_audit VALUES ('served-card', 'emd-cns', 'emd-patient-view', 'patient-view', 'h1',
  'critical', '2026-03-01T10:00:00.000Z', 'hash', 'patient-key-1', '["evidence-key-1"]', '');
INSERT INTO feedback VALUES ('served-card', 'overridden', '2026-03-01T10:05:00Z',
  '2026-03-01T10:05:00.000Z', 'emd-patient-view', '[]', NULL, NULL, NULL,
  '2026-03-01T10:05:01.000Z', 0, '', 0);
INSERT INTO schema_migrations VALUES (1, 'v1', '2026-01-01T00:00:00.000Z'),
  (2, 'v2', '2026-01-01T00:00:00.000Z'), (3, 'v3', '2026-01-01T00:00:00.000Z'),
  (4, 'v4', '2026-01-01T00:00:00.000Z');
`;

const BEFORE_SUPPRESSED = MIGRATIONS.filter((m) => m.version < 7);
const ROWS_AT_6 = `
INSERT INTO card_audit VALUES ('served-card', 'emd-cns', 'emd-patient-view', 'patient-view', 'h1',
  'critical', '2026-03-01T10:00:00.000Z', 'hash', 'patient-key-1', '["evidence-key-1"]', '', 0,
  NULL);
INSERT INTO hook_call_count VALUES ('2026-03-01T10:00:00.000Z', 'emd-patient-view', 4);
INSERT INTO schema_migrations VALUES (1, 'v1', '2026-01-01T00:00:00.000Z'),
  (2, 'v2', '2026-01-01T00:00:00.000Z'), (3, 'v3', '2026-01-01T00:00:00.000Z'),
  (4, 'v4', '2026-01-01T00:00:00.000Z'), (5, 'v5', '2026-01-01T00:00:00.000Z'),
  (6, 'v6', '2026-01-01T00:00:00.000Z');
`;

const BEFORE_BATCHES = MIGRATIONS.filter((m) => m.version < 8);
const ROWS_AT_7 = `
INSERT INTO hook_call_count VALUES ('2026-03-01T10:00:00.000Z', 'emd-patient-view', 4);
INSERT INTO suppressed_card_count VALUES ('2026-03-01T10:00:00.000Z', 'emd-patient-view',
  'emd-cns', 'warning', 2);
INSERT INTO schema_migrations VALUES (1, 'v1', '2026-01-01T00:00:00.000Z'),
  (2, 'v2', '2026-01-01T00:00:00.000Z'), (3, 'v3', '2026-01-01T00:00:00.000Z'),
  (4, 'v4', '2026-01-01T00:00:00.000Z'), (5, 'v5', '2026-01-01T00:00:00.000Z'),
  (6, 'v6', '2026-01-01T00:00:00.000Z'), (7, 'v7', '2026-01-01T00:00:00.000Z');
`;

/** The schema and rows as the release before migration 3 (or 5, 7 or 8) left them. */
async function writeOldDatabase(
  kind: 'sqlite' | 'postgres',
  location: string,
  release: { migrations: typeof MIGRATIONS; rows: string } = {
    migrations: BEFORE_CLIENTS,
    rows: OLD_ROWS,
  },
): Promise<void> {
  const sql = [
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);',
    ...release.migrations.map((m) => m.sql[kind]),
    release.rows,
  ].join('\n');
  if (kind === 'sqlite') {
    const db = new Database(location);
    db.exec(sql);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(suiteName(target), () => {
    let opened: { place: TestLocation; store: Store } | undefined;
    afterEach(async () => {
      await opened?.store.close();
      await opened?.place.drop();
      opened = undefined;
    });

    it('keeps the old cards and feedback through migration 3', async () => {
      const place = await target.create();
      if (target.kind === 'sqlite') mkdirSync(dirname(place.location), { recursive: true });
      await writeOldDatabase(target.kind, place.location);
      const store = openFor(target.kind, place.location);
      opened = { place, store };
      await store.migrate();

      const [stats] = await store.stats('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z');
      expect(stats).toMatchObject({ served: 1, overridden: 1, otherClientFeedback: 0 });
      expect(
        await store.lastOverride('emd-cns', 'patient-key-1', '', '2026-03-01T00:00:00Z'),
      ).toEqual({
        overriddenAt: '2026-03-01T10:05:00.000Z',
        evidenceKeys: ['evidence-key-1'],
      });
      // Written without authentication ('' client): the same feedback again is a duplicate.
      const again = await store.recordFeedback([
        {
          cardUuid: 'old-card',
          serviceId: 'emd-patient-view',
          outcome: 'overridden',
          acceptedSuggestions: [],
          overrideReasonSystem: undefined,
          overrideReasonCode: undefined,
          userComment: undefined,
          outcomeTimestamp: '2026-03-01T10:05:00Z',
          receivedAt: '2026-03-01T10:06:00.000Z',
          clientKey: '',
        },
      ]);
      expect(again).toEqual({
        stored: 0,
        duplicates: 1,
        unknownCards: 0,
        otherClient: 0,
        unofferedReasons: 0,
      });
    });

    it('keeps the cards audited before migration 5 as served, not silent', async () => {
      const place = await target.create();
      if (target.kind === 'sqlite') mkdirSync(dirname(place.location), { recursive: true });
      await writeOldDatabase(target.kind, place.location, {
        migrations: BEFORE_SILENT,
        rows: ROWS_AT_4,
      });
      const store = openFor(target.kind, place.location);
      opened = { place, store };
      await store.migrate();

      const [stats] = await store.stats('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z');
      expect(stats).toMatchObject({
        served: 1,
        overridden: 1,
        byIndicator: { info: 0, warning: 0, critical: 1 },
        silent: { cards: 0 },
        acceptance: { couldAccept: 0, accepted: 0, noSuggestion: 0, unknown: 1 },
        reasonsNotOffered: { reasons: [], others: 0 },
      });
      expect(
        await store.lastOverride('emd-cns', 'patient-key-1', '', '2026-03-01T00:00:00Z'),
      ).toEqual({
        overriddenAt: '2026-03-01T10:05:00.000Z',
        evidenceKeys: ['evidence-key-1'],
      });
      expect(await store.hookCalls('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z')).toEqual([]);
    });

    it('adds the suppressed card counts through migration 7, keeping the cards and calls', async () => {
      const place = await target.create();
      if (target.kind === 'sqlite') mkdirSync(dirname(place.location), { recursive: true });
      await writeOldDatabase(target.kind, place.location, {
        migrations: BEFORE_SUPPRESSED,
        rows: ROWS_AT_6,
      });
      const store = openFor(target.kind, place.location);
      opened = { place, store };
      await store.migrate();

      const none = { info: 0, warning: 0, critical: 0 };
      const day = ['2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'] as const;
      expect(await store.stats(...day)).toEqual([
        expect.objectContaining({
          served: 1,
          suppressed: { cards: 0, byIndicator: none },
          acceptance: { couldAccept: 0, accepted: 0, noSuggestion: 0, unknown: 1 },
        }),
      ]);
      expect(await store.hookCalls(...day)).toEqual([{ serviceId: 'emd-patient-view', calls: 4 }]);
      await store.recordHookCalls(
        [{ hourStart: '2026-03-01T10:00:00.000Z', serviceId: 'emd-patient-view', calls: 1 }],
        [
          {
            hourStart: '2026-03-01T10:00:00.000Z',
            serviceId: 'emd-patient-view',
            ruleId: 'emd-cns',
            indicator: 'critical',
            cards: 1,
          },
        ],
      );
      expect(await store.stats(...day)).toEqual([
        expect.objectContaining({
          served: 1,
          suppressed: { cards: 1, byIndicator: { ...none, critical: 1 } },
        }),
      ]);
      expect(await store.hookCalls(...day)).toEqual([{ serviceId: 'emd-patient-view', calls: 5 }]);
    });

    it('adds the spooled batch ids through migration 8, keeping the counts so far', async () => {
      const place = await target.create();
      if (target.kind === 'sqlite') mkdirSync(dirname(place.location), { recursive: true });
      await writeOldDatabase(target.kind, place.location, {
        migrations: BEFORE_BATCHES,
        rows: ROWS_AT_7,
      });
      const store = openFor(target.kind, place.location);
      opened = { place, store };
      await store.migrate();

      const day = ['2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'] as const;
      const calls = [
        { hourStart: '2026-03-01T10:00:00.000Z', serviceId: 'emd-patient-view', calls: 3 },
      ];
      expect(await store.recordHookCalls(calls, [], 'spooled-batch-1')).toBe(true);
      expect(await store.recordHookCalls(calls, [], 'spooled-batch-1')).toBe(false);
      expect(await store.hookCalls(...day)).toEqual([{ serviceId: 'emd-patient-view', calls: 7 }]);
      const [stats] = await store.stats(...day);
      expect(stats?.suppressed.cards).toBe(2);
    });
  });
}
