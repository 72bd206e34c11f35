/** The Store contract, continued: the per-day series behind the console's charts, against every store. */
import { describe, expect, it } from 'vitest';
import { card, feedback, override } from './records.js';
import { STORE_TARGETS, suiteName, useFreshStore, warnSkipped } from './targets.js';

warnSkipped();

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(suiteName(target), () => {
    const store = useFreshStore(target);

    it('counts cards per UTC day and rule, each once by its latest feedback, over all services', async () => {
      await store().recordCards([
        card({ cardUuid: 'd1-a', servedAt: '2026-03-01T08:00:00Z' }),
        card({ cardUuid: 'd1-b', servedAt: '2026-03-01T23:59:59.999Z' }),
        card({
          cardUuid: 'd1-c',
          servedAt: '2026-03-01T12:00:00Z',
          serviceId: 'emd-imaging-review',
        }),
        card({
          cardUuid: 'd1-lepto',
          ruleId: 'emd-leptomeningeal',
          indicator: 'critical',
          servedAt: '2026-03-01T09:00:00Z',
        }),
        // 2026-03-03T01:00+08:00 is still 2 March in UTC
        card({ cardUuid: 'd2-a', servedAt: '2026-03-03T01:00:00+08:00' }),
        card({ cardUuid: 'd3-a', servedAt: '2026-03-03T00:00:00Z' }),
        card({ cardUuid: 'outside', servedAt: '2026-03-04T00:00:00Z' }),
      ]);
      await store().recordFeedback([
        feedback({ cardUuid: 'd1-a' }),
        // answered twice: the later answer (overridden) counts
        feedback({ cardUuid: 'd1-b', outcomeTimestamp: '2026-03-02T00:05:00Z' }),
        override('d1-b', '2026-03-02T00:10:00Z'),
        override('d1-lepto', '2026-03-01T09:05:00Z'),
        override('d2-a', '2026-03-02T17:05:00Z'),
        override('outside', '2026-03-04T00:05:00Z'),
      ]);

      const days = await store().dailyStats('2026-03-01T00:00:00Z', '2026-03-04T00:00:00Z');

      expect(days).toEqual([
        {
          day: '2026-03-01',
          ruleId: 'emd-cns',
          served: 3,
          accepted: 1,
          overridden: 1,
          unanswered: 1,
        },
        {
          day: '2026-03-01',
          ruleId: 'emd-leptomeningeal',
          served: 1,
          accepted: 0,
          overridden: 1,
          unanswered: 0,
        },
        {
          day: '2026-03-02',
          ruleId: 'emd-cns',
          served: 1,
          accepted: 0,
          overridden: 1,
          unanswered: 0,
        },
        {
          day: '2026-03-03',
          ruleId: 'emd-cns',
          served: 1,
          accepted: 0,
          overridden: 0,
          unanswered: 1,
        },
      ]);
    });

    it('agrees with the totals of stats() over the same period', async () => {
      await store().recordCards(
        ['a', 'b', 'c', 'd'].map((id, i) =>
          card({ cardUuid: id, servedAt: `2026-03-0${String(i + 1)}T10:00:00Z` }),
        ),
      );
      await store().recordFeedback([
        feedback({ cardUuid: 'a' }),
        override('c', '2026-03-03T11:00:00Z'),
      ]);
      const from = '2026-03-01T00:00:00Z';
      const to = '2026-03-05T00:00:00Z';
      const [total] = await store().stats(from, to);
      const days = await store().dailyStats(from, to);
      const sum = (key: 'served' | 'accepted' | 'overridden' | 'unanswered') =>
        days.reduce((n, day) => n + day[key], 0);
      expect([sum('served'), sum('accepted'), sum('overridden'), sum('unanswered')]).toEqual([
        total?.served,
        total?.accepted,
        total?.overridden,
        total?.unanswered,
      ]);
      expect(days.map((d) => d.day)).toEqual([
        '2026-03-01',
        '2026-03-02',
        '2026-03-03',
        '2026-03-04',
      ]);
    });

    it('is empty for a period with no cards, and refuses a from that is not a date-time', async () => {
      expect(await store().dailyStats('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z')).toEqual([]);
      await expect(store().dailyStats('yesterday', '2026-03-02T00:00:00Z')).rejects.toThrow(
        'from is not',
      );
    });
  });
}
