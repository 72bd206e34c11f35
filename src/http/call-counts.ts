/**
 * Hook calls per service, and cards per service, rule, level and mode: the two counters whose
 * ratio is "cards per 100 hook calls" in Prometheus (docs/go-live.md), as `emd-cds stats`
 * gives it from the audit. Issue #15: on the hook path a count is one addition to a number
 * found through Maps keyed by the label values. prom-client's `inc()` builds a key string
 * from the labels on every call (a `labels()` child too), so it is handed the totals only
 * when /metrics is scraped (`collect`).
 */
import { Counter, type Registry } from 'prom-client';
import type { CardMode } from '../cds/metrics.js';

export interface CallCounts {
  hookCallAnswered(serviceId: string): void;
  cardIssued(serviceId: string, ruleId: string, indicator: string, mode: CardMode): void;
}

/** Cards by service, rule, indicator and mode. */
type CardTree = Map<string, Map<string, Map<string, Map<CardMode, number>>>>;

/**
 * `serviceIds` start at 0, so a service no one has called yet has a series to divide by
 * (Prometheus: initialise the label values you know of).
 */
export function callCounts(registry: Registry, serviceIds: readonly string[]): CallCounts {
  const calls = new Map<string, number>(serviceIds.map((id) => [id, 0]));
  const cards: CardTree = new Map();
  registry.registerMetric(
    new Counter({
      name: 'emd_cds_hook_calls_total',
      help: 'Hook calls answered (200) by service, counted as emd-cds stats counts them; refused calls (400, 401, 404, 412, 429, 503) are not',
      labelNames: ['service'],
      registers: [],
      collect() {
        this.reset();
        for (const [service, n] of calls) this.inc({ service }, n);
      },
    }),
  );
  registry.registerMetric(
    new Counter({
      name: 'emd_cds_cards_total',
      help: 'Cards by service, rule and indicator: mode "live" were answered, "silent" were audited and never shown (silent mode), "suppressed" were hidden after an override',
      labelNames: ['rule', 'indicator', 'mode', 'service'],
      registers: [],
      collect() {
        this.reset();
        for (const [service, rules] of cards)
          for (const [rule, levels] of rules)
            for (const [indicator, modes] of levels)
              for (const [mode, n] of modes) this.inc({ rule, indicator, mode, service }, n);
      },
    }),
  );
  return {
    hookCallAnswered: (serviceId) => {
      calls.set(serviceId, (calls.get(serviceId) ?? 0) + 1);
    },
    cardIssued: (serviceId, ruleId, indicator, mode) => {
      const modes = branch(branch(branch(cards, serviceId), ruleId), indicator);
      modes.set(mode, (modes.get(mode) ?? 0) + 1);
    },
  };
}

/** The Map under `key`, made on first use. */
function branch<K, V extends Map<unknown, unknown>>(tree: Map<K, V>, key: K): V {
  let found = tree.get(key);
  if (found === undefined) {
    found = new Map() as V;
    tree.set(key, found);
  }
  return found;
}
