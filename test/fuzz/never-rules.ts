/**
 * Rules page §6 as a test oracle, written apart from src/rules/ so it can catch it: no
 * `warning` or `critical` card rests only on refuted, entered-in-error or history Conditions.
 * A Condition counts as groundless here only when every reading of it agrees (rules page §2
 * "Status"), so the oracle never blames the service for an ambiguous record.
 *
 * `npm run fuzz` runs 10,000 cases a property; `npm test` runs FUZZ_RUNS (default 200).
 */
import { expect } from 'vitest';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { evidenceOf, ruleIdOf } from './harness.js';

const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const EXCLUDED = new Set(['refuted', 'entered-in-error']);
const HISTORY = new Set(['inactive', 'remission', 'resolved']);
const ABATEMENT = ['abatementDateTime', 'abatementAge', 'abatementPeriod', 'abatementRange'];

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every coding of the concept has `system` (or none) and a code in `codes`. */
function allCodesIn(concept: unknown, system: string, codes: ReadonlySet<string>): boolean {
  const codings = isRecord(concept) ? concept.coding : undefined;
  return (
    Array.isArray(codings) &&
    codings.length > 0 &&
    codings.every(
      (c) =>
        isRecord(c) &&
        (c.system === undefined || c.system === system) &&
        typeof c.code === 'string' &&
        codes.has(c.code.trim().toLowerCase()),
    )
  );
}

/** Refuted or entered-in-error, or history (resolved, inactive, remission, abated). */
export function isGroundless(condition: Json): boolean {
  return (
    allCodesIn(condition.verificationStatus, VERIFICATION, EXCLUDED) ||
    allCodesIn(condition.clinicalStatus, CLINICAL, HISTORY) ||
    ABATEMENT.some((key) => condition[key] !== undefined) ||
    typeof condition.abatementString === 'string'
  );
}

/** The resources a request's prefetch carries, Bundle entries included. */
function resourcesIn(body: Json): { resource: Json; fullUrl: unknown }[] {
  const prefetch = isRecord(body.prefetch) ? Object.values(body.prefetch) : [];
  return prefetch.flatMap((value) => {
    if (!isRecord(value)) return [];
    if (value.resourceType !== 'Bundle') return [{ resource: value, fullUrl: undefined }];
    const entries = Array.isArray(value.entry) ? value.entry : [];
    return entries.flatMap((entry) =>
      isRecord(entry) && isRecord(entry.resource)
        ? [{ resource: entry.resource, fullUrl: entry.fullUrl }]
        : [],
    );
  });
}

/**
 * How the service may cite each Condition of the request (`Condition/id`, else its fullUrl),
 * and whether every Condition citable that way is groundless.
 */
export function conditionCitations(body: Json): Map<string, boolean> {
  const groundless = new Map<string, boolean>();
  for (const { resource, fullUrl } of resourcesIn(body)) {
    if (resource.resourceType !== 'Condition') continue;
    const id = resource.id;
    const citation =
      typeof id === 'string' && id ? `Condition/${id}` : typeof fullUrl === 'string' ? fullUrl : '';
    if (!citation) continue;
    groundless.set(citation, (groundless.get(citation) ?? true) && isGroundless(resource));
  }
  return groundless;
}

/** Rules page §6: a warning or critical card cites at least one Condition that is not groundless. */
export function expectNoGroundlessAlarm(cards: readonly Card[], body: Json): void {
  const citations = conditionCitations(body);
  for (const card of cards) {
    if (card.indicator === 'info') continue;
    const evidence = evidenceOf(card);
    expect(evidence.length, `${String(ruleIdOf(card))} has no evidence`).toBeGreaterThan(0);
    const conditions = evidence.filter((reference) => citations.has(reference));
    // A card citing no Condition rests on something else (e.g. the reviewed study of a relapsed patient).
    if (conditions.length === 0) continue;
    expect(
      conditions.some((reference) => citations.get(reference) === false),
      `${card.indicator} ${String(ruleIdOf(card))} rests only on groundless Conditions ${conditions.join(', ')}`,
    ).toBe(true);
  }
}
