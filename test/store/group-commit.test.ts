/**
 * Group commit of the card audit (src/store/group-commit.ts) on a real SQLite store:
 * concurrent calls share commits, each resolves only once its cards are stored, and a
 * failing write fails only its own call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withGroupCommit } from '../../src/store/group-commit.js';
import { openSqliteThreadStore } from '../../src/store/sqlite-thread-store.js';
import type { CardAuditRecord, Store } from '../../src/store/store.js';
import { card } from './records.js';

const DAY = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };

describe('group commit of served cards', () => {
  let dir: string;
  let inner: Store;
  let commits: (readonly CardAuditRecord[])[];
  let store: Store;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'emd-cds-group-'));
    inner = openSqliteThreadStore(join(dir, 'audit.sqlite'));
    await inner.migrate();
    commits = [];
    const counted: Store = {
      ...inner,
      recordCards: (records) => {
        commits.push(records);
        return inner.recordCards(records);
      },
    };
    store = withGroupCommit(counted);
  });
  afterEach(async () => {
    await inner.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const served = async () =>
    (await inner.stats(DAY.from, DAY.to)).reduce((n, s) => n + s.served, 0);

  it('writes the cards of calls made together in one commit, and each call sees them stored', async () => {
    const calls = Array.from({ length: 20 }, (_, i) =>
      store.recordCards([card({ cardUuid: `a${String(i)}` }), card({ cardUuid: `b${String(i)}` })]),
    );
    await Promise.all(calls);
    expect(await served()).toBe(40);
    expect(commits).toHaveLength(1);
    expect(commits[0]).toHaveLength(40);
  });

  it('resolves a call only after its cards are committed', async () => {
    let storedWhenResolved = -1;
    await store.recordCards([card({ cardUuid: 'x' })]).then(async () => {
      storedWhenResolved = await served();
    });
    expect(storedWhenResolved).toBe(1);
  });

  it('takes calls made during a commit into the next one', async () => {
    const first = store.recordCards([card({ cardUuid: 'first' })]);
    await new Promise((resolve) => setImmediate(resolve));
    const second = store.recordCards([card({ cardUuid: 'second' })]);
    await Promise.all([first, second]);
    expect(commits.map((c) => c.map((r) => r.cardUuid))).toEqual([['first'], ['second']]);
  });

  it('fails only the call whose cards cannot be written; the others are stored', async () => {
    const bad = card({ cardUuid: 'bad', indicator: 'urgent' as CardAuditRecord['indicator'] });
    const results = await Promise.allSettled([
      store.recordCards([card({ cardUuid: 'ok-1' })]),
      store.recordCards([bad]),
      store.recordCards([card({ cardUuid: 'ok-2' })]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await served()).toBe(2);
  });
});
