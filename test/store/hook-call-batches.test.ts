/**
 * The Store contract for spooled hook-call count batches (migration 8, src/store/count-spool.ts),
 * against every store: a batch's counts are added with its id in one transaction, a batch
 * whose id the store already holds adds nothing (the node died between the store's commit and
 * the spool's delete, and replays it again), and counts without an id are added as before.
 */
import { describe, expect, it } from 'vitest';
import { STORE_TARGETS, suiteName, useFreshStore, warnSkipped } from './targets.js';

warnSkipped();

const DAY = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };
const none = { info: 0, warning: 0, critical: 0 };
const H10 = '2026-03-01T10:00:00.000Z';
const calls = (n: number) => [{ hourStart: H10, serviceId: 'emd-patient-view', calls: n }];
const hidden = [
  {
    hourStart: H10,
    serviceId: 'emd-patient-view',
    ruleId: 'emd-cns',
    indicator: 'critical' as const,
    cards: 1,
  },
];

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(suiteName(target), () => {
    const store = useFreshStore(target);

    it('adds a spooled batch once, however often it is replayed', async () => {
      expect(await store().recordHookCalls(calls(3), hidden, 'batch-a')).toBe(true);
      expect(await store().recordHookCalls(calls(3), hidden, 'batch-a')).toBe(false);
      expect(await store().recordHookCalls(calls(2), [], 'batch-b')).toBe(true);
      // Counts without a batch id (a flush the store took at once) are added each time.
      expect(await store().recordHookCalls(calls(1))).toBe(true);
      expect(await store().recordHookCalls(calls(1))).toBe(true);

      expect(await store().hookCalls(DAY.from, DAY.to)).toEqual([
        { serviceId: 'emd-patient-view', calls: 7 },
      ]);
      const [stats] = await store().stats(DAY.from, DAY.to);
      expect(stats?.suppressed).toEqual({ cards: 1, byIndicator: { ...none, critical: 1 } });
    });

    it('adds each batch once when two replays of it run at once', async () => {
      const added = await Promise.all([
        store().recordHookCalls(calls(4), [], 'batch-c'),
        store().recordHookCalls(calls(4), [], 'batch-c'),
      ]);
      expect(added.sort()).toEqual([false, true]);
      expect(await store().hookCalls(DAY.from, DAY.to)).toEqual([
        { serviceId: 'emd-patient-view', calls: 4 },
      ]);
    });
  });
}
