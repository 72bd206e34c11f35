/**
 * Issue #17: hook calls tallied in memory per UTC hour and service, and the cards suppression
 * hid in them per hour, service, rule and level, added to the store on flush. A flush the
 * store refuses keeps the counts for the next one, so none is lost or added twice. Real
 * SQLite: the first flush runs before the tables exist.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callTally } from '../../src/store/call-tally.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';

const DAY = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };

describe('the hook call tally', () => {
  it('keeps the counts a failed write could not add, and adds them once on the next flush', async () => {
    const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'emd-cds-tally-')), 'a.sqlite'));
    const problems: unknown[] = [];
    const tally = callTally(store, { onError: (error) => problems.push(error) });
    try {
      tally.count('emd-patient-view', new Date('2026-03-01T10:15:00Z'));
      tally.count('emd-patient-view', new Date('2026-03-01T10:59:59Z'));
      tally.count('emd-imaging-review', new Date('2026-03-01T11:00:00Z'));
      await tally.flush(); // no tables yet: refused
      expect(problems).toHaveLength(1);

      await store.migrate();
      tally.count('emd-patient-view', new Date('2026-03-01T12:00:00Z'));
      await tally.flush();
      await tally.flush(); // nothing left: adds nothing
      expect(await store.hookCalls(DAY.from, DAY.to)).toEqual([
        { serviceId: 'emd-imaging-review', calls: 1 },
        { serviceId: 'emd-patient-view', calls: 3 },
      ]);
      expect(await store.hookCalls('2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z')).toEqual([
        { serviceId: 'emd-patient-view', calls: 2 },
      ]);
    } finally {
      await tally.close();
      await store.close();
    }
  });

  it('tallies the cards suppression hid with the call, and keeps them through a failed write', async () => {
    const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'emd-cds-tally-')), 'a.sqlite'));
    const tally = callTally(store, { onError: () => undefined });
    const none = { info: 0, warning: 0, critical: 0 };
    try {
      tally.count('emd-patient-view', new Date('2026-03-01T10:15:00Z'), [
        { ruleId: 'emd-soft-tissue', indicator: 'warning' },
      ]);
      await tally.flush(); // no tables yet: refused, kept
      await store.migrate();
      tally.count('emd-patient-view', new Date('2026-03-01T10:40:00Z'), [
        { ruleId: 'emd-soft-tissue', indicator: 'warning' },
        { ruleId: 'emd-cns', indicator: 'critical' },
      ]);
      tally.count('emd-patient-view', new Date('2026-03-01T10:50:00Z'));
      await tally.flush();
      await tally.flush(); // nothing left: adds nothing
      expect(await store.hookCalls(DAY.from, DAY.to)).toEqual([
        { serviceId: 'emd-patient-view', calls: 3 },
      ]);
      const stats = await store.stats(DAY.from, DAY.to);
      expect(stats.map((s) => [s.ruleId, s.served, s.suppressed])).toEqual([
        ['emd-cns', 0, { cards: 1, byIndicator: { ...none, critical: 1 } }],
        ['emd-soft-tissue', 0, { cards: 2, byIndicator: { ...none, warning: 2 } }],
      ]);
    } finally {
      await tally.close();
      await store.close();
    }
  });
});
