/**
 * The Store contract, run against every store: recording cards and feedback, idempotency,
 * all-or-nothing batches, and the override lookup that suppression relies on.
 */
import { describe, expect, it } from 'vitest';
import { card, feedback, override } from './records.js';
import { STORE_TARGETS, suiteName, useFreshStore, warnSkipped } from './targets.js';

warnSkipped();

const DAY = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(suiteName(target), () => {
    const store = useFreshStore(target);

    it('migrates a second time without change and keeps the data', async () => {
      await store().recordCards([card()]);
      await store().migrate();
      const stats = await store().stats(DAY.from, DAY.to);
      expect(stats.map((s) => s.served)).toEqual([1]);
    });

    it('records a batch of cards and counts them per rule and service', async () => {
      await store().recordCards([
        card({ cardUuid: 'a' }),
        card({ cardUuid: 'b' }),
        card({ cardUuid: 'c', serviceId: 'emd-imaging-review' }),
        card({ cardUuid: 'd', ruleId: 'emd-leptomeningeal', indicator: 'critical' }),
      ]);
      const stats = await store().stats(DAY.from, DAY.to);
      expect(stats.map((s) => [s.ruleId, s.serviceId, s.served, s.unanswered])).toEqual([
        ['emd-cns', 'emd-imaging-review', 1, 1],
        ['emd-cns', 'emd-patient-view', 2, 2],
        ['emd-leptomeningeal', 'emd-patient-view', 1, 1],
      ]);
    });

    it('keeps one row when the same card is recorded again (a retried write)', async () => {
      await store().recordCards([card()]);
      await store().recordCards([card()]);
      const stats = await store().stats(DAY.from, DAY.to);
      expect(stats.map((s) => s.served)).toEqual([1]);
    });

    it('stores the same feedback sent twice once, and counts the second as a duplicate', async () => {
      await store().recordCards([card()]);
      const first = await store().recordFeedback([feedback()]);
      const again = await store().recordFeedback([feedback()]);
      expect(first).toEqual({
        stored: 1,
        duplicates: 0,
        unknownCards: 0,
        otherClient: 0,
        unofferedReasons: 0,
      });
      expect(again).toEqual({
        stored: 0,
        duplicates: 1,
        unknownCards: 0,
        otherClient: 0,
        unofferedReasons: 0,
      });
    });

    // RFC 3339 writes one instant many ways; an EHR that retries may write it another way.
    it('counts the same moment written another way as a duplicate', async () => {
      await store().recordCards([card()]);
      const first = await store().recordFeedback([feedback()]);
      expect(first.stored).toBe(1);
      expect(feedback().outcomeTimestamp).toBe('2026-03-01T10:05:00Z');
      for (const outcomeTimestamp of [
        '2026-03-01T10:05:00.000Z',
        '2026-03-01T11:05:00+01:00',
        '2026-03-01t10:05:00z',
      ])
        expect(
          await store().recordFeedback([feedback({ outcomeTimestamp })]),
          outcomeTimestamp,
        ).toMatchObject({ stored: 0, duplicates: 1 });
    });

    it('counts a repeat inside one batch as a duplicate', async () => {
      await store().recordCards([card()]);
      const result = await store().recordFeedback([feedback(), feedback()]);
      expect(result).toEqual({
        stored: 1,
        duplicates: 1,
        unknownCards: 0,
        otherClient: 0,
        unofferedReasons: 0,
      });
    });

    it('stores feedback for an unknown card and counts it as unknown', async () => {
      const result = await store().recordFeedback([feedback({ cardUuid: 'never-served' })]);
      expect(result).toEqual({
        stored: 1,
        duplicates: 0,
        unknownCards: 1,
        otherClient: 0,
        unofferedReasons: 0,
      });
      const again = await store().recordFeedback([feedback({ cardUuid: 'never-served' })]);
      expect(again).toEqual({
        stored: 0,
        duplicates: 1,
        unknownCards: 0,
        otherClient: 0,
        unofferedReasons: 0,
      });
    });

    it('stores nothing of a card batch when one record is invalid', async () => {
      const invalid = card({ cardUuid: 'bad', ruleId: null as unknown as string });
      await expect(store().recordCards([card({ cardUuid: 'good' }), invalid])).rejects.toThrow();
      await expect(
        store().recordCards([card({ cardUuid: 'x', indicator: 'hint' as 'info' })]),
      ).rejects.toThrow();
      expect(await store().stats(DAY.from, DAY.to)).toEqual([]);
    });

    it('stores nothing of a feedback batch when one record is invalid', async () => {
      const invalid = feedback({ cardUuid: 'bad', serviceId: null as unknown as string });
      await expect(store().recordFeedback([feedback(), invalid])).rejects.toThrow();
      const result = await store().recordFeedback([feedback()]);
      expect(result).toEqual({
        stored: 1,
        duplicates: 0,
        unknownCards: 1,
        otherClient: 0,
        unofferedReasons: 0,
      });
    });

    it('rejects, rather than stores, a timestamp that is not a date-time', async () => {
      for (const value of ['', 'yesterday', '2026-13-45T00:00:00Z']) {
        await expect(
          store().recordFeedback([feedback({ outcomeTimestamp: value })]),
        ).rejects.toThrow('outcomeTimestamp is not an RFC 3339 date-time');
        await expect(store().recordCards([card({ servedAt: value })])).rejects.toThrow(
          'servedAt is not an RFC 3339 date-time',
        );
        await expect(store().stats(value, DAY.to)).rejects.toThrow('from is not');
      }
    });

    it('finds the latest override of the rule for the patient since a time, with the card evidence', async () => {
      await store().recordCards([
        card({ cardUuid: 'old', evidenceKeys: ['e-old'] }),
        card({ cardUuid: 'new', evidenceKeys: ['e-new-1', 'e-new-2'] }),
        card({ cardUuid: 'other-rule', ruleId: 'emd-leptomeningeal' }),
        card({ cardUuid: 'other-patient', patientKey: 'patient-key-2' }),
      ]);
      await store().recordFeedback([
        override('old', '2026-03-01T11:00:00Z'),
        // 12:30 UTC, later than 11:00Z although it reads earlier
        override('new', '2026-03-01T20:30:00+08:00'),
        feedback({ cardUuid: 'new', outcomeTimestamp: '2026-03-01T13:00:00Z' }),
        override('other-rule', '2026-03-01T14:00:00Z'),
        override('other-patient', '2026-03-01T14:00:00Z'),
      ]);
      const last = (since: string) => store().lastOverride('emd-cns', 'patient-key-1', '', since);
      expect(await last('2026-03-01T00:00:00Z')).toEqual({
        overriddenAt: '2026-03-01T12:30:00.000Z',
        evidenceKeys: ['e-new-1', 'e-new-2'],
      });
      expect(await last('2026-03-01T12:30:00Z')).toEqual({
        overriddenAt: '2026-03-01T12:30:00.000Z',
        evidenceKeys: ['e-new-1', 'e-new-2'],
      });
      expect(await last('2026-03-01T12:30:00.001Z')).toBeUndefined();
      expect(await store().lastOverride('emd-cns', 'patient-key-3', '', DAY.from)).toBeUndefined();
    });
  });
}
