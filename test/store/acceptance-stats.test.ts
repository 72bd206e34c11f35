/**
 * Which served cards could be accepted, and the override reasons no card offered, against
 * every store, from hand-built audit rows. CDS Hooks 2.0 §Feedback: an `accepted` outcome
 * names the card's suggestions it accepted (`acceptedSuggestions`), so a card offering none
 * can only be overridden or left unanswered; an `overridden` outcome may carry an
 * `overrideReason` whose `reason` is a Coding, which the client may take from the card's
 * `overrideReasons` or not. The numbers below are typed from docs/go-live.md "Read the
 * statistics".
 */
import { describe, expect, it } from 'vitest';
import { statsReport } from '../../src/store/stats-report.js';
import type { CardOffer } from '../../src/store/store.js';
import { card, feedback, override } from './records.js';
import { STORE_TARGETS, suiteName, useFreshStore, warnSkipped } from './targets.js';

warnSkipped();

const DAY = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };
const REASONS = 'https://fhir.emd-cds.org/CodeSystem/override-reason';
const OWN = 'https://ehr.example/own-reasons';
const WITH_SUGGESTIONS: CardOffer = {
  suggestions: ['suggestion-1', 'suggestion-2'],
  overrideReasons: [{ system: REASONS, code: 'already-aware' }],
};
const WITHOUT_SUGGESTIONS: CardOffer = { ...WITH_SUGGESTIONS, suggestions: [] };

const accept = (cardUuid: string, outcomeTimestamp = '2026-03-01T10:05:00Z') =>
  feedback({ cardUuid, outcomeTimestamp, acceptedSuggestions: ['suggestion-1'] });
const ownReason = (cardUuid: string, code: string, system = OWN) => ({
  ...override(cardUuid, '2026-03-01T10:05:00Z', { system, code }),
  reasonNotOffered: true,
});

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(suiteName(target), () => {
    const store = useFreshStore(target);

    it('counts the cards that offered a suggestion apart, and the share of them accepted', async () => {
      await store().recordCards([
        card({ cardUuid: 'with-accepted', offered: WITH_SUGGESTIONS }),
        card({ cardUuid: 'with-overridden', offered: WITH_SUGGESTIONS }),
        card({ cardUuid: 'with-unanswered', offered: WITH_SUGGESTIONS }),
        card({ cardUuid: 'none-overridden', offered: WITHOUT_SUGGESTIONS }),
        card({ cardUuid: 'none-unanswered', offered: WITHOUT_SUGGESTIONS }),
        // Recorded before the audit kept what a card offered: not known either way.
        card({ cardUuid: 'before-offers-accepted' }),
        card({ cardUuid: 'before-offers-unanswered' }),
        // Never shown: counts in no acceptance.
        card({ cardUuid: 'silent', silent: true, offered: WITH_SUGGESTIONS }),
        card({ cardUuid: 'para-1', ruleId: 'emd-paraskeletal', offered: WITHOUT_SUGGESTIONS }),
        card({ cardUuid: 'para-2', ruleId: 'emd-paraskeletal', offered: WITHOUT_SUGGESTIONS }),
      ]);
      await store().recordFeedback([
        accept('with-accepted'),
        override('with-overridden', '2026-03-01T10:05:00Z'),
        override('none-overridden', '2026-03-01T10:05:00Z'),
        accept('before-offers-accepted'),
        override('para-1', '2026-03-01T10:05:00Z'),
      ]);

      const report = await statsReport(store(), DAY);
      expect(
        report.rules.map((r) => ({
          rule: r.ruleId,
          served: r.served,
          accepted: r.accepted,
          acceptance: r.acceptance,
          acceptedPercent: r.acceptedPercent,
        })),
      ).toEqual([
        {
          rule: 'emd-cns',
          served: 7,
          accepted: 2,
          acceptance: { couldAccept: 3, accepted: 1, noSuggestion: 2, unknown: 2 },
          acceptedPercent: 33.3,
        },
        {
          rule: 'emd-paraskeletal',
          served: 2,
          accepted: 0,
          acceptance: { couldAccept: 0, accepted: 0, noSuggestion: 2, unknown: 0 },
          acceptedPercent: null,
        },
      ]);
    });

    it('takes whether a retried call could be accepted from the copy the EHR kept', async () => {
      // One hookInstance, two copies: the later (the answer the EHR kept) offered none.
      const retry = { hookInstance: 'one-call', patientKey: 'patient-key-1' };
      await store().recordCards([
        card({ cardUuid: 'first', ...retry, offered: WITH_SUGGESTIONS }),
        card({
          cardUuid: 'retry',
          ...retry,
          servedAt: '2026-03-01T10:00:05.000Z',
          offered: WITHOUT_SUGGESTIONS,
        }),
      ]);
      const [stats] = await store().stats(DAY.from, DAY.to);
      expect(stats?.acceptance).toEqual({
        couldAccept: 0,
        accepted: 0,
        noSuggestion: 1,
        unknown: 0,
      });
    });

    it('lists the ten reasons not offered most given, ties by code, and counts the rest as others', async () => {
      // c01 on three cards, c02 on two, c03 to c12 on one each: fifteen cards.
      const codes = ['c01', 'c01', 'c01', 'c02', 'c02'];
      for (let n = 3; n <= 12; n += 1) codes.push(`c${String(n).padStart(2, '0')}`);
      const uuids = codes.map((_, i) => `soft-${String(i)}`);
      await store().recordCards([
        ...uuids.map((cardUuid) =>
          card({ cardUuid, ruleId: 'emd-soft-tissue', offered: WITHOUT_SUGGESTIONS }),
        ),
        card({ cardUuid: 'soft-offered', ruleId: 'emd-soft-tissue', offered: WITH_SUGGESTIONS }),
        card({ cardUuid: 'soft-late', ruleId: 'emd-soft-tissue', offered: WITH_SUGGESTIONS }),
      ]);
      await store().recordFeedback([
        ...uuids.map((uuid, i) => ownReason(uuid, codes[i] ?? '')),
        override('soft-offered', '2026-03-01T10:05:00Z', {
          system: REASONS,
          code: 'already-aware',
        }),
        // Overridden with a reason of its own, then accepted: the latest answer counts.
        ownReason('soft-late', 'changed-mind'),
        accept('soft-late', '2026-03-01T10:06:00Z'),
      ]);

      const [stats] = await store().stats(DAY.from, DAY.to);
      expect(stats?.overrideReasons).toEqual([
        { system: undefined, code: '(not offered)', count: 15 },
        { system: REASONS, code: 'already-aware', count: 1 },
      ]);
      expect(stats?.reasonsNotOffered).toEqual({
        reasons: [
          { system: OWN, code: 'c01', count: 3 },
          { system: OWN, code: 'c02', count: 2 },
          { system: OWN, code: 'c03', count: 1 },
          { system: OWN, code: 'c04', count: 1 },
          { system: OWN, code: 'c05', count: 1 },
          { system: OWN, code: 'c06', count: 1 },
          { system: OWN, code: 'c07', count: 1 },
          { system: OWN, code: 'c08', count: 1 },
          { system: OWN, code: 'c09', count: 1 },
          { system: OWN, code: 'c10', count: 1 },
        ],
        others: 2,
      });
    });

    it('cuts a long system or code a client sent to 200 characters, and keeps its markup as text', async () => {
      const longSystem = `urn:${'a'.repeat(5000)}`;
      const longCode = `<b>${'é'.repeat(3000)}`;
      await store().recordCards([
        card({ cardUuid: 'long', offered: WITHOUT_SUGGESTIONS }),
        card({ cardUuid: 'short', offered: WITHOUT_SUGGESTIONS }),
      ]);
      await store().recordFeedback([
        ownReason('long', longCode, longSystem),
        ownReason('short', '<script>alert(1)</script>', 'urn:x'),
      ]);
      const [stats] = await store().stats(DAY.from, DAY.to);
      // Ties by system: "urn:a…" before "urn:x".
      expect(stats?.reasonsNotOffered).toEqual({
        reasons: [
          { system: `urn:${'a'.repeat(196)}…`, code: `<b>${'é'.repeat(197)}…`, count: 1 },
          { system: 'urn:x', code: '<script>alert(1)</script>', count: 1 },
        ],
        others: 0,
      });
    });
  });
}
