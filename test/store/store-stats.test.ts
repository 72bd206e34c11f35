/** The Store contract, continued: alert statistics and retention, against every store. */
import { describe, expect, it } from 'vitest';
import { card, feedback, override } from './records.js';
import { STORE_TARGETS, suiteName, useFreshStore, warnSkipped } from './targets.js';

warnSkipped();

const REASONS = 'https://fhir.emd-cds.org/CodeSystem/override-reason';
const notRelevant = { system: REASONS, code: 'not-relevant' };
const declined = { system: REASONS, code: 'patient-declined' };

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(suiteName(target), () => {
    const store = useFreshStore(target);

    it('counts each card served in [from, to) once, by its latest feedback, and ranks reasons', async () => {
      const served = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'].map((id) =>
        card({ cardUuid: id }),
      );
      await store().recordCards([
        ...served,
        card({ cardUuid: 'at-from', servedAt: '2026-03-01T00:00:00.000Z' }),
        card({ cardUuid: 'at-to', servedAt: '2026-03-02T00:00:00.000Z' }),
        card({ cardUuid: 'before', servedAt: '2026-02-28T23:59:59.999Z' }),
      ]);
      await store().recordFeedback([
        feedback({ cardUuid: 'c1' }),
        override('c2', '2026-03-01T10:05:00Z', notRelevant),
        override('c3', '2026-03-01T10:05:00Z', notRelevant),
        override('c4', '2026-03-01T10:05:00Z', declined),
        override('c5', '2026-03-01T10:05:00Z'),
        // answered twice: the later answer counts
        feedback({ cardUuid: 'c6', outcomeTimestamp: '2026-03-01T10:05:00Z' }),
        override('c6', '2026-03-01T10:10:00Z', declined),
        override('c7', '2026-03-01T10:05:00Z', notRelevant),
        feedback({ cardUuid: 'c7', outcomeTimestamp: '2026-03-01T10:10:00Z' }),
        override('c8', '2026-03-01T10:05:00Z', notRelevant),
        override('at-to', '2026-03-02T00:05:00Z', notRelevant),
        override('never-served', '2026-03-01T10:05:00Z', notRelevant),
      ]);

      const stats = await store().stats('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z');

      expect(stats).toEqual([
        {
          ruleId: 'emd-cns',
          serviceId: 'emd-patient-view',
          served: 9,
          accepted: 2,
          overridden: 6,
          unanswered: 1,
          overrideReasons: [
            { ...notRelevant, count: 3 },
            { ...declined, count: 2 },
            { system: undefined, code: '(none)', count: 1 },
          ],
          // Recorded without what each card offered (as before migration 6): not known.
          acceptance: { couldAccept: 0, accepted: 0, noSuggestion: 0, unknown: 9 },
          reasonsNotOffered: { reasons: [], others: 0 },
          otherClientFeedback: 0,
          byIndicator: { info: 0, warning: 9, critical: 0 },
          silent: { cards: 0, byIndicator: { info: 0, warning: 0, critical: 0 } },
          suppressed: { cards: 0, byIndicator: { info: 0, warning: 0, critical: 0 } },
        },
      ]);
    });

    it('stores an answer sent again with a new outcomeTimestamp, and counts its card once', async () => {
      // CDS Hooks 2.0 §Feedback: a client reports each distinct interaction, and a feedback
      // has no id of its own; a new outcomeTimestamp is a new interaction. The card still
      // counts once, by its latest answer.
      await store().recordCards([card({ cardUuid: 'c1' })]);
      const first = override('c1', '2026-03-01T10:05:00Z', notRelevant);
      const again = override('c1', '2026-03-01T10:20:00Z', notRelevant);
      expect(await store().recordFeedback([first, again])).toMatchObject({
        stored: 2,
        duplicates: 0,
      });
      const [stats] = await store().stats('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z');
      expect(stats).toMatchObject({
        served: 1,
        overridden: 1,
        unanswered: 0,
        overrideReasons: [{ ...notRelevant, count: 1 }],
      });
      // Suppression runs from the latest override.
      expect(
        await store().lastOverride('emd-cns', 'patient-key-1', '', '2026-03-01T00:00:00Z'),
      ).toEqual({
        overriddenAt: '2026-03-01T10:20:00.000Z',
        evidenceKeys: ['evidence-key-1', 'evidence-key-2'],
      });
    });

    it('compares times as instants, whatever offset they were written with', async () => {
      await store().recordCards([card({ servedAt: '2026-03-01T23:30:00-01:00' })]);
      expect(await store().stats('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z')).toEqual([]);
      const nextDay = await store().stats('2026-03-02T08:00:00+08:00', '2026-03-03T00:00:00Z');
      expect(nextDay.map((s) => s.served)).toEqual([1]);
    });

    it('purges cards served and feedback received before the cutoff, and nothing newer', async () => {
      await store().recordCards([
        card({ cardUuid: 'old', servedAt: '2026-01-10T00:00:00Z' }),
        card({ cardUuid: 'old-answered-late', servedAt: '2026-01-10T00:00:00Z' }),
        card({ cardUuid: 'new', servedAt: '2026-03-01T00:00:00Z' }),
      ]);
      const oldFeedback = override('old', '2026-01-10T00:05:00Z');
      // received in March (the builder's default), for a card served in January
      const lateFeedback = override('old-answered-late', '2026-03-01T00:00:00Z');
      const newFeedback = override('new', '2026-03-01T00:05:00Z');
      await store().recordFeedback([
        { ...oldFeedback, receivedAt: '2026-01-10T00:05:01Z' },
        lateFeedback,
        newFeedback,
      ]);

      expect(await store().purgeBefore('2026-02-01T00:00:00Z')).toBe(3);
      expect(await store().purgeBefore('2026-02-01T00:00:00Z')).toBe(0);

      const stats = await store().stats('2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z');
      expect(stats.map((s) => [s.served, s.overridden])).toEqual([[1, 1]]);
      // the purged feedback is gone, so it is new again; its card is gone too
      const again = await store().recordFeedback([
        { ...oldFeedback, receivedAt: '2026-03-02T00:00:00Z' },
      ]);
      expect(again).toEqual({
        stored: 1,
        duplicates: 0,
        unknownCards: 1,
        otherClient: 0,
        unofferedReasons: 0,
      });
      expect(await store().recordFeedback([lateFeedback, newFeedback])).toEqual({
        stored: 0,
        duplicates: 2,
        unknownCards: 0,
        otherClient: 0,
        unofferedReasons: 0,
      });
    });
  });
}
