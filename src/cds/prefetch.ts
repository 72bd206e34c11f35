/**
 * Reading prefetch values (CDS Hooks 2.0 §Prefetch). Each key is in one of these states:
 * provided; `null` (the client has no data); or missing — absent, an OperationOutcome, not a
 * valid FHIR resource, or only the first page of a paginated search. Missing data is fetched
 * from the FHIR server when one is usable; otherwise required data means 412.
 */
import { bundleSchema, checkResource } from '../fhir/resource-schemas.js';
import type { SourcedResource } from '../rules/patient-record.js';
import type { DataNeed } from './service-definition.js';
import { pathToExpression } from './zod-issues.js';

export type PrefetchState =
  | { kind: 'provided'; resources: SourcedResource[] }
  | { kind: 'no-data' }
  | { kind: 'missing'; reason: string; partial?: { resources: SourcedResource[]; next: string } };

export function readPrefetch(
  need: DataNeed,
  prefetch: Readonly<Record<string, unknown>> | undefined,
): PrefetchState {
  if (!prefetch || !Object.hasOwn(prefetch, need.key))
    return { kind: 'missing', reason: 'not sent' };
  const value = prefetch[need.key];
  if (value === null) return { kind: 'no-data' };
  if (isOperationOutcome(value))
    return { kind: 'missing', reason: 'the client sent an OperationOutcome' };
  return need.interaction === 'read' ? readResource(need, value) : readSearchBundle(need, value);
}

function readResource(need: DataNeed, value: unknown): PrefetchState {
  const checked = checkResource(value);
  if (!checked.success)
    return {
      kind: 'missing',
      reason: `not a valid FHIR resource (${firstProblem(checked.error.issues)})`,
    };
  if ((value as fhir4.Resource).resourceType !== need.resourceType) {
    return {
      kind: 'missing',
      reason: `expected a ${need.resourceType}, got a ${(value as fhir4.Resource).resourceType}`,
    };
  }
  return { kind: 'provided', resources: [{ resource: value as fhir4.Resource }] };
}

function readSearchBundle(need: DataNeed, value: unknown): PrefetchState {
  const bundle = bundleSchema.safeParse(value);
  if (!bundle.success)
    return { kind: 'missing', reason: `not a FHIR Bundle (${firstProblem(bundle.error.issues)})` };
  const resources: SourcedResource[] = [];
  for (const [index, entry] of (bundle.data.entry ?? []).entries()) {
    if (!entry.resource || entry.search?.mode === 'outcome') continue;
    const checked = checkResource(entry.resource);
    if (!checked.success) {
      return {
        kind: 'missing',
        reason: `entry[${String(index)}].resource is not valid (${firstProblem(checked.error.issues)})`,
      };
    }
    resources.push({ resource: entry.resource, fullUrl: entry.fullUrl });
  }
  const next = bundle.data.link?.find((link) => link.relation === 'next')?.url;
  if (next)
    return {
      kind: 'missing',
      reason: `only the first page of ${need.resourceType} results was sent`,
      partial: { resources, next },
    };
  return { kind: 'provided', resources };
}

function isOperationOutcome(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { resourceType?: unknown }).resourceType === 'OperationOutcome'
  );
}

function firstProblem(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string {
  const issue = issues[0];
  if (!issue) return 'unknown problem';
  const where = pathToExpression(issue.path);
  return where ? `${where}: ${issue.message}` : issue.message;
}
