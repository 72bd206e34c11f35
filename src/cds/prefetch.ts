/**
 * Reading prefetch values (CDS Hooks 2.0 §Prefetch). Each key is in one of these states:
 * provided; `null` (the client has no data); or missing — absent, an OperationOutcome, not a
 * valid FHIR resource, only the first page of a paginated search, or fewer results than the
 * Bundle's own `total` declares. Missing data is fetched
 * from the FHIR server when one is usable; otherwise required data means 412.
 */
import {
  parseResourceOf,
  parseSearchPage,
  undeclaredShortfall,
  type LeaveOut,
} from '../fhir/parse-fhir-data.js';
import { isOperationOutcome } from '../rules/fhir-resource-type.js';
import type { SourcedResource } from '../rules/patient-record.js';
import type { DataNeed } from './service-definition.js';

export type PrefetchState =
  | { kind: 'provided'; resources: SourcedResource[] }
  | { kind: 'no-data' }
  | { kind: 'missing'; reason: string; partial?: { resources: SourcedResource[]; next: string } };

/** `leaveOut`: which malformed search results may be left out (none without). */
export function readPrefetch(
  need: DataNeed,
  prefetch: Readonly<Record<string, unknown>> | undefined,
  leaveOut?: LeaveOut,
): PrefetchState {
  if (!prefetch || !Object.hasOwn(prefetch, need.key))
    return { kind: 'missing', reason: 'not sent' };
  const value = prefetch[need.key];
  if (value === null) return { kind: 'no-data' };
  if (isOperationOutcome(value))
    return { kind: 'missing', reason: 'the client sent an OperationOutcome' };
  if (need.interaction === 'read') {
    const parsed = parseResourceOf(need.resourceType, value);
    return parsed.ok
      ? { kind: 'provided', resources: [parsed.value] }
      : { kind: 'missing', reason: parsed.problem };
  }
  const page = parseSearchPage(value, leaveOut);
  if (!page.ok) return { kind: 'missing', reason: page.problem };
  const { resources, next } = page.value;
  if (next)
    return {
      kind: 'missing',
      reason: `only the first page of ${need.resourceType} results was sent`,
      partial: { resources, next },
    };
  const shortfall = undeclaredShortfall(page.value);
  if (shortfall)
    return { kind: 'missing', reason: `the ${need.resourceType} search Bundle ${shortfall}` };
  return { kind: 'provided', resources };
}
