/**
 * Issue #17: hook calls tallied in memory per UTC hour and service and added to the store on
 * flush. A flush the store refuses keeps the counts for the next one, so none is lost or
 * added twice. Real SQLite: the first flush runs before the tables exist.
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
});
