/**
 * The Store contract for the cards suppression hid (migration 7), against every store: added
 * per UTC hour, service, rule and level with the hook calls (each node adding its own), read
 * per rule and service over the hours overlapping a period, beside the cards served, and
 * purged with the hook call counts.
 */
import { describe, expect, it } from 'vitest';
import { card } from './records.js';
import { STORE_TARGETS, suiteName, useFreshStore, warnSkipped } from './targets.js';

warnSkipped();

const DAY = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };
const none = { info: 0, warning: 0, critical: 0 };
const H09 = '2026-03-01T09:00:00.000Z';
const H10 = '2026-03-01T10:00:00.000Z';

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(suiteName(target), () => {
    const store = useFreshStore(target);

    it('counts suppressed cards per rule, service and level, beside the cards served', async () => {
      await store().recordCards([
        card({ cardUuid: 'shown-1', ruleId: 'emd-soft-tissue' }),
        card({ cardUuid: 'shown-2', ruleId: 'emd-soft-tissue' }),
      ]);
      const calls = [{ hourStart: H10, serviceId: 'emd-patient-view', calls: 5 }];
      await store().recordHookCalls(calls, [
        {
          hourStart: H09,
          serviceId: 'emd-patient-view',
          ruleId: 'emd-soft-tissue',
          indicator: 'warning',
          cards: 2,
        },
        {
          hourStart: H10,
          serviceId: 'emd-patient-view',
          ruleId: 'emd-soft-tissue',
          indicator: 'info',
          cards: 1,
        },
        // every card of this rule was suppressed: it still gets its entry
        {
          hourStart: H10,
          serviceId: 'emd-imaging-review',
          ruleId: 'emd-cns',
          indicator: 'critical',
          cards: 1,
        },
      ]);
      // a second node adds its own to the same hour
      await store().recordHookCalls(
        [],
        [
          {
            hourStart: H09,
            serviceId: 'emd-patient-view',
            ruleId: 'emd-soft-tissue',
            indicator: 'warning',
            cards: 3,
          },
        ],
      );

      const stats = await store().stats(DAY.from, DAY.to);
      expect(stats.map((s) => [s.ruleId, s.serviceId, s.served, s.suppressed])).toEqual([
        ['emd-cns', 'emd-imaging-review', 0, { cards: 1, byIndicator: { ...none, critical: 1 } }],
        [
          'emd-soft-tissue',
          'emd-patient-view',
          2,
          { cards: 6, byIndicator: { ...none, info: 1, warning: 5 } },
        ],
      ]);
      expect(stats[0]).toEqual({
        ruleId: 'emd-cns',
        serviceId: 'emd-imaging-review',
        served: 0,
        accepted: 0,
        overridden: 0,
        unanswered: 0,
        overrideReasons: [],
        acceptance: { couldAccept: 0, accepted: 0, noSuggestion: 0, unknown: 0 },
        reasonsNotOffered: { reasons: [], others: 0 },
        otherClientFeedback: 0,
        byIndicator: none,
        silent: { cards: 0, byIndicator: none },
        suppressed: { cards: 1, byIndicator: { ...none, critical: 1 } },
      });
      // The daily series counts cards shown only.
      expect((await store().dailyStats(DAY.from, DAY.to)).map((d) => d.served)).toEqual([2]);
    });

    it('reads the hours overlapping the period, and purges them with the hook calls', async () => {
      const soft = { serviceId: 'emd-patient-view', ruleId: 'emd-soft-tissue' } as const;
      await store().recordHookCalls(
        [],
        [
          { hourStart: H09, ...soft, indicator: 'warning', cards: 1 },
          { hourStart: H10, ...soft, indicator: 'warning', cards: 2 },
          { hourStart: '2026-03-02T00:00:00.000Z', ...soft, indicator: 'warning', cards: 4 },
        ],
      );
      const suppressedIn = async (from: string, to: string) =>
        (await store().stats(from, to)).map((s) => s.suppressed.cards);
      expect(await suppressedIn(DAY.from, DAY.to)).toEqual([3]);
      // 10:30 to 10:45 overlaps the 10:00 hour only
      expect(await suppressedIn('2026-03-01T10:30:00Z', '2026-03-01T10:45:00Z')).toEqual([2]);
      expect(await suppressedIn('2026-03-03T00:00:00Z', '2026-03-04T00:00:00Z')).toEqual([]);
      expect(await store().purgeBefore('2026-03-01T10:00:00Z')).toBe(1);
      expect(await suppressedIn(DAY.from, '2026-03-03T00:00:00Z')).toEqual([6]);
    });
  });
}
