/**
 * The console's Alerts view folds /admin/stats (per rule and service) into one row per rule
 * (web/console/alert-series.ts). `emd-imaging-order` is served by both order hooks, so its
 * override reasons come in twice; the ranked reasons table must show each reason once, at the
 * total of both services. Counts below are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { byRule } from '../../web/console/alert-series.js';
import type { RuleStats } from '../../src/store/store.js';

const REASONS = 'https://fhir.emd-cds.org/CodeSystem/override-reason';
const noCards = { info: 0, warning: 0, critical: 0 };

function stats(
  serviceId: string,
  counts: Pick<RuleStats, 'served' | 'accepted' | 'overridden' | 'unanswered'>,
  overrideReasons: RuleStats['overrideReasons'],
): RuleStats {
  return {
    ruleId: 'emd-imaging-order',
    serviceId,
    ...counts,
    overrideReasons,
    acceptance: { couldAccept: 0, accepted: 0, noSuggestion: 0, unknown: counts.served },
    reasonsNotOffered: { reasons: [], others: 0 },
    otherClientFeedback: 0,
    byIndicator: { ...noCards, info: counts.served },
    silent: { cards: 0, byIndicator: noCards },
    suppressed: { cards: 0, byIndicator: noCards },
  };
}

describe('byRule', () => {
  it('adds the counts of one reason given on the cards of several services', () => {
    const select = stats(
      'emd-imaging-order-select',
      { served: 5, accepted: 1, overridden: 4, unanswered: 0 },
      [
        { system: REASONS, code: 'already-aware', count: 2 },
        { system: REASONS, code: 'not-relevant-now', count: 1 },
        { system: undefined, code: '(none)', count: 1 },
      ],
    );
    const sign = stats(
      'emd-imaging-order-sign',
      { served: 4, accepted: 0, overridden: 3, unanswered: 1 },
      [
        { system: REASONS, code: 'already-aware', count: 2 },
        { system: undefined, code: '(none)', count: 1 },
      ],
    );
    const before = JSON.stringify([select, sign]);

    const [rule, ...others] = byRule([select, sign]);

    expect(others).toEqual([]);
    expect(rule).toMatchObject({
      ruleId: 'emd-imaging-order',
      served: 9,
      accepted: 1,
      overridden: 7,
      unanswered: 1,
    });
    expect(rule?.overrideReasons).toEqual([
      { system: REASONS, code: 'already-aware', count: 4 },
      { system: REASONS, code: 'not-relevant-now', count: 1 },
      { system: undefined, code: '(none)', count: 2 },
    ]);
    // The reasons add up to the overrides, as they do per service.
    expect(rule?.overrideReasons.reduce((n, r) => n + r.count, 0)).toBe(7);
    // The API's answer is left as it came.
    expect(JSON.stringify([select, sign])).toBe(before);
  });

  it('adds every count of the services: cards by level, silent, suppressed, other clients', () => {
    const select: RuleStats = {
      ...stats(
        'emd-imaging-order-select',
        { served: 3, accepted: 1, overridden: 1, unanswered: 1 },
        [],
      ),
      otherClientFeedback: 2,
      byIndicator: { info: 1, warning: 2, critical: 0 },
      silent: { cards: 4, byIndicator: { info: 0, warning: 3, critical: 1 } },
      suppressed: { cards: 5, byIndicator: { info: 5, warning: 0, critical: 0 } },
    };
    const sign: RuleStats = {
      ...stats(
        'emd-imaging-order-sign',
        { served: 2, accepted: 0, overridden: 0, unanswered: 2 },
        [],
      ),
      otherClientFeedback: 1,
      byIndicator: { info: 0, warning: 1, critical: 1 },
      silent: { cards: 6, byIndicator: { info: 2, warning: 0, critical: 4 } },
      suppressed: { cards: 7, byIndicator: { info: 0, warning: 3, critical: 4 } },
    };
    const before = JSON.stringify([select, sign]);

    expect(byRule([select, sign])).toEqual([
      {
        ruleId: 'emd-imaging-order',
        serviceId: 'emd-imaging-order-select',
        served: 5,
        accepted: 1,
        overridden: 1,
        unanswered: 3,
        overrideReasons: [],
        acceptance: { couldAccept: 0, accepted: 0, noSuggestion: 0, unknown: 5 },
        reasonsNotOffered: { reasons: [], others: 0 },
        otherClientFeedback: 3,
        byIndicator: { info: 1, warning: 3, critical: 1 },
        silent: { cards: 10, byIndicator: { info: 2, warning: 3, critical: 5 } },
        suppressed: { cards: 12, byIndicator: { info: 5, warning: 3, critical: 4 } },
      },
    ]);
    // The API's answer is left as it came: the first service's counts are not added into.
    expect(JSON.stringify([select, sign])).toBe(before);
  });

  it('adds the cards that could be accepted, and the reasons no card offered, of the services', () => {
    const OWN = 'https://ehr.example/own';
    const select: RuleStats = {
      ...stats(
        'emd-imaging-order-select',
        { served: 4, accepted: 1, overridden: 3, unanswered: 0 },
        [{ system: undefined, code: '(not offered)', count: 3 }],
      ),
      acceptance: { couldAccept: 2, accepted: 1, noSuggestion: 1, unknown: 1 },
      reasonsNotOffered: { reasons: [{ system: OWN, code: 'busy', count: 2 }], others: 1 },
    };
    const sign: RuleStats = {
      ...stats('emd-imaging-order-sign', { served: 3, accepted: 0, overridden: 2, unanswered: 1 }, [
        { system: undefined, code: '(not offered)', count: 2 },
      ]),
      acceptance: { couldAccept: 1, accepted: 0, noSuggestion: 2, unknown: 0 },
      reasonsNotOffered: {
        reasons: [
          { system: OWN, code: 'busy', count: 1 },
          { system: OWN, code: 'later', count: 1 },
        ],
        others: 0,
      },
    };
    const before = JSON.stringify([select, sign]);

    const [rule] = byRule([select, sign]);

    expect(rule?.acceptance).toEqual({ couldAccept: 3, accepted: 1, noSuggestion: 3, unknown: 1 });
    expect(rule?.reasonsNotOffered).toEqual({
      reasons: [
        { system: OWN, code: 'busy', count: 3 },
        { system: OWN, code: 'later', count: 1 },
      ],
      others: 1,
    });
    expect(JSON.stringify([select, sign])).toBe(before);
  });

  it('keeps reasons of the same code in different systems apart', () => {
    const select = stats(
      'emd-imaging-order-select',
      { served: 1, accepted: 0, overridden: 1, unanswered: 0 },
      [{ system: REASONS, code: 'already-aware', count: 1 }],
    );
    const sign = stats(
      'emd-imaging-order-sign',
      { served: 1, accepted: 0, overridden: 1, unanswered: 0 },
      [{ system: 'https://ehr.example/reasons', code: 'already-aware', count: 1 }],
    );
    expect(byRule([select, sign])[0]?.overrideReasons).toEqual([
      { system: REASONS, code: 'already-aware', count: 1 },
      { system: 'https://ehr.example/reasons', code: 'already-aware', count: 1 },
    ]);
  });
});
