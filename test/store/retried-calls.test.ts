/**
 * An EHR that retries a hook call (after a timeout, with a new JWT) sends the same
 * hookInstance (CDS Hooks 2.0 §Calling a CDS Service: the id of one hook call), and the
 * service audits the rule's card again under a new uuid. The statistics count the cards of
 * one invocation (client, hookInstance, patient, service, rule) as one card, served when the
 * last of them was, at its level, answered by the latest answer to any of them. Against every
 * store.
 */
import { describe, expect, it } from 'vitest';
import { card, feedback, override } from './records.js';
import { STORE_TARGETS, suiteName, useFreshStore, warnSkipped } from './targets.js';

warnSkipped();

const DAY = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };
const none = { info: 0, warning: 0, critical: 0 };

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(suiteName(target), () => {
    const store = useFreshStore(target);

    it('counts the cards of a retried call once, by the latest answer to any of them', async () => {
      await store().recordCards([
        // answered on the retry's card
        card({ cardUuid: 'a-1', hookInstance: 'h-a', servedAt: '2026-03-01T10:00:00Z' }),
        card({ cardUuid: 'a-2', hookInstance: 'h-a', servedAt: '2026-03-01T10:00:04Z' }),
        // answered on the first card (the EHR showed the first answer after all)
        card({ cardUuid: 'b-1', hookInstance: 'h-b', servedAt: '2026-03-01T11:00:00Z' }),
        card({ cardUuid: 'b-2', hookInstance: 'h-b', servedAt: '2026-03-01T11:00:04Z' }),
        // retried twice, never answered
        card({ cardUuid: 'c-1', hookInstance: 'h-c', servedAt: '2026-03-01T12:00:00Z' }),
        card({ cardUuid: 'c-2', hookInstance: 'h-c', servedAt: '2026-03-01T12:00:04Z' }),
        card({ cardUuid: 'c-3', hookInstance: 'h-c', servedAt: '2026-03-01T12:00:08Z' }),
        // answered on both: the later answer counts
        card({ cardUuid: 'd-1', hookInstance: 'h-d', servedAt: '2026-03-01T13:00:00Z' }),
        card({ cardUuid: 'd-2', hookInstance: 'h-d', servedAt: '2026-03-01T13:00:04Z' }),
      ]);
      await store().recordFeedback([
        feedback({ cardUuid: 'a-2', outcomeTimestamp: '2026-03-01T10:05:00Z' }),
        override('b-1', '2026-03-01T11:05:00Z'),
        feedback({ cardUuid: 'd-1', outcomeTimestamp: '2026-03-01T13:05:00Z' }),
        override('d-2', '2026-03-01T13:06:00Z'),
      ]);

      expect(await store().stats(DAY.from, DAY.to)).toEqual([
        {
          ruleId: 'emd-cns',
          serviceId: 'emd-patient-view',
          served: 4,
          accepted: 1,
          overridden: 2,
          unanswered: 1,
          overrideReasons: [{ system: undefined, code: '(none)', count: 2 }],
          // Recorded without what each card offered (as before migration 6): not known.
          acceptance: { couldAccept: 0, accepted: 0, noSuggestion: 0, unknown: 4 },
          reasonsNotOffered: { reasons: [], others: 0 },
          otherClientFeedback: 0,
          byIndicator: { ...none, warning: 4 },
          silent: { cards: 0, byIndicator: none },
          suppressed: { cards: 0, byIndicator: none },
        },
      ]);
      expect(await store().dailyStats(DAY.from, DAY.to)).toEqual([
        {
          day: '2026-03-01',
          ruleId: 'emd-cns',
          served: 4,
          accepted: 1,
          overridden: 2,
          unanswered: 1,
        },
      ]);
    });

    it('counts apart the cards of one hookInstance for another service, rule, client or patient', async () => {
      await store().recordCards([
        card({ cardUuid: 'p', hookInstance: 'h-1' }),
        // an EHR that wrongly sends one hookInstance for calls on two patients: a retry is
        // of the same patient, so these are two cards
        card({ cardUuid: 't', hookInstance: 'h-1', patientKey: 'patient-key-2' }),
        // one hook, two services, one hookInstance: two calls
        card({ cardUuid: 'q', hookInstance: 'h-1', serviceId: 'emd-imaging-review' }),
        // another rule's card in the same call
        card({ cardUuid: 'r', hookInstance: 'h-1', ruleId: 'emd-soft-tissue' }),
        // another client naming the same hookInstance merges with no one's cards
        card({ cardUuid: 's', hookInstance: 'h-1', clientKey: '["other-ehr",null]' }),
      ]);
      const stats = await store().stats(DAY.from, DAY.to);
      expect(stats.map((s) => [s.ruleId, s.serviceId, s.served])).toEqual([
        ['emd-cns', 'emd-imaging-review', 1],
        ['emd-cns', 'emd-patient-view', 3],
        ['emd-soft-tissue', 'emd-patient-view', 1],
      ]);
    });

    it('takes the level of the latest card, and counts a silent rule’s retried card once', async () => {
      await store().recordCards([
        card({ cardUuid: 'l-1', hookInstance: 'h-l', indicator: 'warning' }),
        card({
          cardUuid: 'l-2',
          hookInstance: 'h-l',
          indicator: 'critical',
          servedAt: '2026-03-01T10:00:05Z',
        }),
        card({ cardUuid: 's-1', hookInstance: 'h-s', ruleId: 'emd-soft-tissue', silent: true }),
        card({
          cardUuid: 's-2',
          hookInstance: 'h-s',
          ruleId: 'emd-soft-tissue',
          silent: true,
          servedAt: '2026-03-01T10:00:05Z',
        }),
      ]);
      const stats = await store().stats(DAY.from, DAY.to);
      expect(stats.map((s) => [s.ruleId, s.served, s.byIndicator, s.silent])).toEqual([
        ['emd-cns', 1, { ...none, critical: 1 }, { cards: 0, byIndicator: none }],
        ['emd-soft-tissue', 0, none, { cards: 1, byIndicator: { ...none, warning: 1 } }],
      ]);
    });

    it('counts a retry across midnight UTC once, on the day of the retry', async () => {
      await store().recordCards([
        card({ cardUuid: 'm-1', hookInstance: 'h-m', servedAt: '2026-03-01T23:59:58Z' }),
        card({ cardUuid: 'm-2', hookInstance: 'h-m', servedAt: '2026-03-02T00:00:03Z' }),
      ]);
      await store().recordFeedback([override('m-1', '2026-03-02T00:01:00Z')]);
      expect(await store().stats(DAY.from, DAY.to)).toEqual([]);
      const nextDay = await store().stats('2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z');
      expect(nextDay.map((s) => [s.served, s.overridden])).toEqual([[1, 1]]);
      expect(await store().dailyStats(DAY.from, '2026-03-03T00:00:00Z')).toEqual([
        {
          day: '2026-03-02',
          ruleId: 'emd-cns',
          served: 1,
          accepted: 0,
          overridden: 1,
          unanswered: 0,
        },
      ]);
    });
  });
}
