/**
 * The alert statistics as `GET /admin/stats` and `emd-cds stats --json` give them: per rule
 * and service, the cards served and how clinicians answered them (issue #7), and beside them
 * the cards of the rule while silent (issue #17) and the cards suppression hid after an
 * override; each also per 100 hook calls of the service, by indicator, which is how often a
 * clinician sees (or would have seen) the card.
 */
import type { CallTally } from './call-tally.js';
import type { IndicatorCounts, RuleStats, Store } from './store.js';

/** Cards per 100 hook calls: all cards, and each indicator's; one decimal. */
export interface CallRate extends IndicatorCounts {
  all: number;
}

export interface RuleStatsWithRates extends RuleStats {
  /**
   * Of the cards that could be accepted (`acceptance.couldAccept`, those offering a
   * suggestion), the share accepted, per 100, one decimal; null when none could be: a rule
   * whose cards offer no suggestion has no acceptance rate, not one of 0.
   */
  acceptedPercent: number | null;
  /** null when no hook calls of the service were counted in the period. */
  perHundredCalls: {
    served: CallRate | null;
    silent: CallRate | null;
    suppressed: CallRate | null;
  };
}

export interface StatsReport {
  from: string;
  to: string;
  /** Hook calls answered per service, over the hours that overlap the period. */
  hookCalls: Record<string, number>;
  rules: RuleStatsWithRates[];
}

export async function statsReport(
  store: Pick<Store, 'stats' | 'hookCalls'>,
  period: { from: string; to: string },
  calls?: CallTally,
): Promise<StatsReport> {
  // This node's latest calls first, so a stats read right after a call counts it.
  await calls?.flush();
  const [rules, counted] = await Promise.all([
    store.stats(period.from, period.to),
    store.hookCalls(period.from, period.to),
  ]);
  const hookCalls = Object.fromEntries(counted.map((c) => [c.serviceId, c.calls]));
  return {
    ...period,
    hookCalls,
    rules: rules.map((rule) => {
      const callCount = hookCalls[rule.serviceId] ?? 0;
      return {
        ...rule,
        acceptedPercent: acceptedPercent(rule.acceptance),
        perHundredCalls: {
          served: rateOf(rule.served, rule.byIndicator, callCount),
          silent: rateOf(rule.silent.cards, rule.silent.byIndicator, callCount),
          suppressed: rateOf(rule.suppressed.cards, rule.suppressed.byIndicator, callCount),
        },
      };
    }),
  };
}

/** Accepted per 100 cards that could be accepted, one decimal; null when none could be. */
export function acceptedPercent(acceptance: RuleStats['acceptance']): number | null {
  if (acceptance.couldAccept === 0) return null;
  return Math.round((1000 * acceptance.accepted) / acceptance.couldAccept) / 10;
}

function rateOf(cards: number, byIndicator: IndicatorCounts, calls: number): CallRate | null {
  if (calls === 0) return null;
  const per100 = (count: number) => Math.round((1000 * count) / calls) / 10;
  return {
    all: per100(cards),
    info: per100(byIndicator.info),
    warning: per100(byIndicator.warning),
    critical: per100(byIndicator.critical),
  };
}
