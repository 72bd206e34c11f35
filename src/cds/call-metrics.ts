/**
 * What one hook call reports to the operations metrics (./metrics.ts): how long each rule
 * and each FHIR read took, where each prefetch key's data came from, whether the call's
 * FHIR time budget ran out, and the cards it issued. Kept apart so src/cds/hook-service.ts
 * reads as the call itself.
 */
import type { CardMode, ServiceMetrics } from './metrics.js';
import {
  FhirBudgetExhausted,
  FhirNodeReadBoundReached,
  type FhirAccess,
} from '../fhir/fhir-query.js';
import type { DataProvenance } from './patient-data.js';
import { ruleIdOf } from './cards/build-card.js';
import type { Card } from './response-schema.js';

/** Runs one rule, timing it. */
export function timedRule(metrics: ServiceMetrics) {
  return <T>(ruleId: string, run: () => T): T => {
    const started = performance.now();
    try {
      return run();
    } finally {
      metrics.ruleEvaluated(ruleId, (performance.now() - started) / 1000);
    }
  };
}

/**
 * One answered call of `serviceId`, and its cards by rule and indicator: live (answered),
 * silent (held back by silent mode) or suppressed (hidden after an override:
 * ./suppression.ts).
 */
export function countAnsweredCall(
  metrics: ServiceMetrics,
  serviceId: string,
  cards: { served: readonly Card[]; silent: readonly Card[]; suppressed: readonly Card[] },
): void {
  metrics.hookCallAnswered(serviceId);
  const count = (list: readonly Card[], mode: CardMode) => {
    for (const card of list) metrics.cardIssued(serviceId, ruleIdOf(card), card.indicator, mode);
  };
  count(cards.served, 'live');
  count(cards.silent, 'silent');
  count(cards.suppressed, 'suppressed');
}

export function countProvenance(
  metrics: ServiceMetrics,
  provenance: Readonly<Record<string, DataProvenance>>,
): void {
  for (const [key, source] of Object.entries(provenance)) metrics.prefetchKey(key, source);
}

/** The FHIR runner, timing each query for the metrics and noting when the budget ran out. */
export function timedAccess(
  access: FhirAccess,
  metrics: ServiceMetrics,
  budget: { exhausted: boolean },
): FhirAccess {
  if (!('runner' in access)) return access;
  const { runner } = access;
  return {
    runner: {
      async run(need, query, continueFrom, leaveOut, onWithheld) {
        const started = performance.now();
        const seconds = () => (performance.now() - started) / 1000;
        try {
          const resources = await runner.run(need, query, continueFrom, leaveOut, onWithheld);
          metrics.fhirRead(need.resourceType, 'ok', seconds());
          return resources;
        } catch (error) {
          metrics.fhirRead(need.resourceType, 'error', seconds());
          if (error instanceof FhirBudgetExhausted) budget.exhausted = true;
          if (error instanceof FhirNodeReadBoundReached) metrics.fhirAnswerBytesBoundReached();
          throw error;
        }
      },
    },
  };
}
