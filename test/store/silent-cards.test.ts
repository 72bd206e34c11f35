/**
 * The Store contract for silent mode (issue #17, migration 5), against every store: a silent
 * card counts apart from the cards served, takes no feedback, suppresses nothing, is not in
 * the daily series; hook calls add up per hour and service and are read over a period.
 */
import { describe, expect, it } from 'vitest';
import { card, override } from './records.js';
import { STORE_TARGETS, suiteName, useFreshStore, warnSkipped } from './targets.js';

warnSkipped();

const DAY = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(suiteName(target), () => {
    const store = useFreshStore(target);

    it('counts silent cards apart from served cards, by indicator', async () => {
      await store().recordCards([
        card({ cardUuid: 'live-1', indicator: 'critical' }),
        card({ cardUuid: 'silent-1', indicator: 'critical', silent: true }),
        card({ cardUuid: 'silent-2', indicator: 'warning', silent: true }),
        card({ cardUuid: 'silent-3', ruleId: 'emd-soft-tissue', silent: true }),
      ]);
      const stats = await store().stats(DAY.from, DAY.to);
      expect(stats).toEqual([
        expect.objectContaining({
          ruleId: 'emd-cns',
          served: 1,
          unanswered: 1,
          byIndicator: { info: 0, warning: 0, critical: 1 },
          silent: { cards: 2, byIndicator: { info: 0, warning: 1, critical: 1 } },
        }),
        expect.objectContaining({
          ruleId: 'emd-soft-tissue',
          served: 0,
          unanswered: 0,
          byIndicator: { info: 0, warning: 0, critical: 0 },
          silent: { cards: 1, byIndicator: { info: 0, warning: 1, critical: 0 } },
        }),
      ]);
      expect(await store().dailyStats(DAY.from, DAY.to)).toEqual([
        {
          day: '2026-03-01',
          ruleId: 'emd-cns',
          served: 1,
          accepted: 0,
          overridden: 0,
          unanswered: 1,
        },
      ]);
    });

    it('answers feedback on a silent card as for an unknown card, and it suppresses nothing', async () => {
      await store().recordCards([card({ cardUuid: 'silent-1', silent: true })]);
      expect(await store().recordFeedback([override('silent-1', '2026-03-01T10:05:00Z')])).toEqual({
        stored: 1,
        duplicates: 0,
        unknownCards: 1,
        otherClient: 0,
        unofferedReasons: 0,
      });
      expect(
        await store().lastOverride('emd-cns', 'patient-key-1', '', '2026-03-01T00:00:00Z'),
      ).toBeUndefined();
      const [stats] = await store().stats(DAY.from, DAY.to);
      expect(stats).toMatchObject({ served: 0, overridden: 0, silent: { cards: 1 } });
    });

    it('adds hook calls per hour and service, and reads the hours overlapping a period', async () => {
      await store().recordHookCalls([
        { hourStart: '2026-03-01T09:00:00.000Z', serviceId: 'emd-patient-view', calls: 3 },
        { hourStart: '2026-03-01T10:00:00.000Z', serviceId: 'emd-patient-view', calls: 4 },
        { hourStart: '2026-03-01T10:00:00.000Z', serviceId: 'emd-imaging-review', calls: 2 },
      ]);
      // a second node adds its own calls to the same hour
      await store().recordHookCalls([
        { hourStart: '2026-03-01T10:00:00.000Z', serviceId: 'emd-patient-view', calls: 5 },
      ]);
      expect(await store().hookCalls(DAY.from, DAY.to)).toEqual([
        { serviceId: 'emd-imaging-review', calls: 2 },
        { serviceId: 'emd-patient-view', calls: 12 },
      ]);
      // 10:30 to 10:45 overlaps the 10:00 hour only
      expect(await store().hookCalls('2026-03-01T10:30:00Z', '2026-03-01T10:45:00Z')).toEqual([
        { serviceId: 'emd-imaging-review', calls: 2 },
        { serviceId: 'emd-patient-view', calls: 9 },
      ]);
      expect(await store().purgeBefore('2026-03-01T10:00:00Z')).toBe(1);
      expect(await store().hookCalls(DAY.from, DAY.to)).toEqual([
        { serviceId: 'emd-imaging-review', calls: 2 },
        { serviceId: 'emd-patient-view', calls: 9 },
      ]);
    });
  });
}
