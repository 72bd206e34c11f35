/**
 * What each card offered (migration 6), against every store: the served cards a feedback
 * request names come back with their suggestions and override reasons; silent and unknown
 * cards do not; feedback marked as giving a reason the card did not offer is counted so, and
 * counts in the statistics under "(not offered)", never as one of the card's reasons.
 */
import { describe, expect, it } from 'vitest';
import { card, override } from './records.js';
import { STORE_TARGETS, suiteName, useFreshStore, warnSkipped } from './targets.js';

warnSkipped();

const DAY = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };
const REASONS = 'https://fhir.emd-cds.org/CodeSystem/override-reason';
const OFFER = {
  suggestions: ['suggestion-1', 'suggestion-2'],
  overrideReasons: [{ system: REASONS, code: 'already-aware' }],
};

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(suiteName(target), () => {
    const store = useFreshStore(target);

    it('returns the served cards named, with what each offered, and neither silent nor unknown ones', async () => {
      await store().recordCards([
        card({ cardUuid: 'offered', offered: OFFER }),
        card({ cardUuid: 'before-offers', serviceId: 'emd-imaging-review' }),
        card({ cardUuid: 'silent', silent: true, offered: OFFER }),
      ]);
      const served = await store().servedCards(['offered', 'before-offers', 'silent', 'never']);
      expect(served.sort((a, b) => a.cardUuid.localeCompare(b.cardUuid))).toEqual([
        { cardUuid: 'before-offers', serviceId: 'emd-imaging-review', offered: undefined },
        { cardUuid: 'offered', serviceId: 'emd-patient-view', offered: OFFER },
      ]);
      expect(await store().servedCards([])).toEqual([]);
    });

    it('counts feedback with a reason the card did not offer, once, and apart in the statistics', async () => {
      await store().recordCards([
        card({ cardUuid: 'a', offered: OFFER }),
        card({ cardUuid: 'b', offered: OFFER }),
      ]);
      const ownReason = {
        ...override('a', '2026-03-01T10:05:00Z', { system: 'http://evil', code: 'made-up' }),
        reasonNotOffered: true,
      };
      const offeredReason = override('b', '2026-03-01T10:06:00Z', {
        system: REASONS,
        code: 'already-aware',
      });
      expect(await store().recordFeedback([ownReason, offeredReason])).toEqual({
        stored: 2,
        duplicates: 0,
        unknownCards: 0,
        otherClient: 0,
        unofferedReasons: 1,
      });
      expect(await store().recordFeedback([ownReason])).toEqual({
        stored: 0,
        duplicates: 1,
        unknownCards: 0,
        otherClient: 0,
        unofferedReasons: 0,
      });
      const [stats] = await store().stats(DAY.from, DAY.to);
      expect(stats).toMatchObject({ served: 2, accepted: 0, overridden: 2, unanswered: 0 });
      expect(stats?.overrideReasons).toEqual([
        { system: undefined, code: '(not offered)', count: 1 },
        { system: REASONS, code: 'already-aware', count: 1 },
      ]);
    });
  });
}
