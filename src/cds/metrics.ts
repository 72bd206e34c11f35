/**
 * What the service counts and times, for operations (exported in Prometheus format by
 * src/http/). Labels are service ids, rule ids, prefetch keys, resource types and error
 * reasons only: never anything about a patient or a client.
 */
import type { DataProvenance } from './patient-data.js';

/**
 * What became of a card built for a call: answered (live); built, audited and held back
 * (silent, issue #17); or hidden after an override (suppressed: ./suppression.ts, not audited).
 */
export type CardMode = 'live' | 'silent' | 'suppressed';

export interface ServiceMetrics {
  ruleEvaluated(ruleId: string, seconds: number): void;
  prefetchKey(key: string, provenance: DataProvenance): void;
  fhirRead(resourceType: string, outcome: 'ok' | 'error', seconds: number): void;
  clientError(status: number, reason: string): void;
  /**
   * A request body refused 503 because this process was already reading its most request
   * bytes at once (../http/request-bytes-in-flight.ts): not the client's doing, so no client
   * error, but the call is lost all the same.
   */
  requestBytesBoundReached(): void;
  /**
   * A FHIR read cut off because this process was already reading its most FHIR answer bytes at
   * once, every call's together (../fhir/bytes-in-flight.ts): the call is 412 if it needed the
   * read, or loses its imaging checks, through no fault of the client or its FHIR server.
   */
  fhirAnswerBytesBoundReached(): void;
  /** A hook call's FHIR time budget ran out before its reads finished. */
  fhirBudgetExhausted(serviceId: string): void;
  /**
   * A hook call answered: counted where the statistics count it (./call-audit.ts, once its
   * cards are recorded), so "cards per 100 hook calls" reads the same in both.
   */
  hookCallAnswered(serviceId: string): void;
  /** A card built for a call of `serviceId`, and what became of it. */
  cardIssued(serviceId: string, ruleId: string, indicator: string, mode: CardMode): void;
}

export const NO_METRICS: ServiceMetrics = {
  ruleEvaluated: () => undefined,
  prefetchKey: () => undefined,
  fhirRead: () => undefined,
  clientError: () => undefined,
  requestBytesBoundReached: () => undefined,
  fhirAnswerBytesBoundReached: () => undefined,
  fhirBudgetExhausted: () => undefined,
  hookCallAnswered: () => undefined,
  cardIssued: () => undefined,
};
