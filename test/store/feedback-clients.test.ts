/**
 * Issue #14: feedback is bound to the client (issuer and tenant) that received the card.
 * Feedback from another client is kept, marked so, shown apart in the statistics, and never
 * drives suppression; nor does an override suppress another client's card for a patient of
 * the same id (H75) — against every store.
 */
import { describe, expect, it } from 'vitest';
import { clientKeyOf } from '../../src/store/store.js';
import { card, feedback, override } from './records.js';
import { STORE_TARGETS, suiteName, useFreshStore, warnSkipped } from './targets.js';

warnSkipped();

const EHR_A = clientKeyOf({ iss: 'https://ehr-a.example', tenant: undefined });
const EHR_B = clientKeyOf({ iss: 'https://ehr-b.example', tenant: undefined });
const EHR_A_OTHER_TENANT = clientKeyOf({ iss: 'https://ehr-a.example', tenant: 'ward-2' });
const DAY = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };

describe('clientKeyOf', () => {
  it('tells issuers and tenants apart, and gives "" without authentication', () => {
    expect(new Set([EHR_A, EHR_B, EHR_A_OTHER_TENANT]).size).toBe(3);
    expect(clientKeyOf(undefined)).toBe('');
  });
});

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(suiteName(target), () => {
    const store = useFreshStore(target);

    it('keeps feedback from another issuer or tenant, marked so', async () => {
      await store().recordCards([card({ clientKey: EHR_A })]);
      expect(await store().recordFeedback([feedback({ clientKey: EHR_B })])).toEqual({
        stored: 1,
        duplicates: 0,
        unknownCards: 0,
        otherClient: 1,
        unofferedReasons: 0,
      });
      expect(
        await store().recordFeedback([
          feedback({ clientKey: EHR_A_OTHER_TENANT, outcome: 'overridden' }),
        ]),
      ).toEqual({ stored: 1, duplicates: 0, unknownCards: 0, otherClient: 1, unofferedReasons: 0 });
    });

    it("does not let another client's copy pre-empt the real answer", async () => {
      await store().recordCards([card({ clientKey: EHR_A })]);
      await store().recordFeedback([feedback({ clientKey: EHR_B })]);
      expect(await store().recordFeedback([feedback({ clientKey: EHR_A })])).toEqual({
        stored: 1,
        duplicates: 0,
        unknownCards: 0,
        otherClient: 0,
        unofferedReasons: 0,
      });
    });

    it("never suppresses on another client's override", async () => {
      await store().recordCards([card({ clientKey: EHR_A })]);
      await store().recordFeedback([
        { ...override('card-1', '2026-03-01T10:05:00Z'), clientKey: EHR_B },
      ]);
      expect(
        await store().lastOverride('emd-cns', 'patient-key-1', EHR_A, DAY.from),
      ).toBeUndefined();
      await store().recordFeedback([
        { ...override('card-1', '2026-03-01T10:06:00Z'), clientKey: EHR_A },
      ]);
      expect(await store().lastOverride('emd-cns', 'patient-key-1', EHR_A, DAY.from)).toEqual({
        overriddenAt: '2026-03-01T10:06:00.000Z',
        evidenceKeys: ['evidence-key-1', 'evidence-key-2'],
      });
    });

    it('finds an override only among the calling client’s cards of that patient id (H75)', async () => {
      // Patient ids are unique within one client only: the same id, so the same patient key,
      // from another issuer or tenant names someone else.
      await store().recordCards([
        card({ cardUuid: 'a', clientKey: EHR_A, evidenceKeys: ['e-a'] }),
        card({ cardUuid: 'b', clientKey: EHR_B, evidenceKeys: ['e-b'] }),
        card({ cardUuid: 'a2', clientKey: EHR_A_OTHER_TENANT, evidenceKeys: ['e-a2'] }),
      ]);
      await store().recordFeedback([
        { ...override('a', '2026-03-01T10:05:00Z'), clientKey: EHR_A },
      ]);
      const last = (clientKey: string) =>
        store().lastOverride('emd-cns', 'patient-key-1', clientKey, DAY.from);
      expect(await last(EHR_A)).toEqual({
        overriddenAt: '2026-03-01T10:05:00.000Z',
        evidenceKeys: ['e-a'],
      });
      expect(await last(EHR_B)).toBeUndefined();
      expect(await last(EHR_A_OTHER_TENANT)).toBeUndefined();
      expect(await last('')).toBeUndefined();
    });

    it('judges the client when reading, so feedback stored before its card counts only from the card’s client', async () => {
      // A node whose audit write timed out spools its cards and replays them later; feedback
      // reaching another node meanwhile is stored for an unknown card, with no client judged.
      expect(
        await store().recordFeedback([
          {
            ...override('c1', '2026-03-01T10:05:00Z', { system: 'urn:reasons', code: 'x' }),
            clientKey: EHR_B,
          },
          feedback({ cardUuid: 'c2', clientKey: EHR_A }),
        ]),
      ).toEqual({ stored: 2, duplicates: 0, unknownCards: 2, otherClient: 0, unofferedReasons: 0 });
      await store().recordCards([
        card({ cardUuid: 'c1', clientKey: EHR_A }),
        card({ cardUuid: 'c2', clientKey: EHR_A }),
      ]);

      const [stats] = await store().stats(DAY.from, DAY.to);
      expect(stats).toMatchObject({
        served: 2,
        accepted: 1,
        overridden: 0,
        unanswered: 1,
        overrideReasons: [],
        otherClientFeedback: 1,
      });
      const [day] = await store().dailyStats(DAY.from, DAY.to);
      expect(day).toMatchObject({ served: 2, accepted: 1, overridden: 0, unanswered: 1 });
      // Another client's override never hides the card (issue #14).
      expect(
        await store().lastOverride('emd-cns', 'patient-key-1', EHR_A, DAY.from),
      ).toBeUndefined();
    });

    it('counts only the card’s own client in the statistics, and the others apart', async () => {
      await store().recordCards([
        card({ cardUuid: 'c1', clientKey: EHR_A }),
        card({ cardUuid: 'c2', clientKey: EHR_A }),
      ]);
      await store().recordFeedback([
        { ...override('c1', '2026-03-01T10:05:00Z'), clientKey: EHR_B },
        { ...override('c2', '2026-03-01T10:05:00Z'), clientKey: EHR_B },
        feedback({ cardUuid: 'c2', clientKey: EHR_A }),
      ]);
      const [stats] = await store().stats(DAY.from, DAY.to);
      expect(stats).toMatchObject({
        served: 2,
        accepted: 1,
        overridden: 0,
        unanswered: 1,
        overrideReasons: [],
        otherClientFeedback: 2,
      });
      const [day] = await store().dailyStats(DAY.from, DAY.to);
      expect(day).toMatchObject({ served: 2, accepted: 1, overridden: 0, unanswered: 1 });
    });
  });
}
