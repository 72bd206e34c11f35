/**
 * Reading prefetch values (CDS Hooks 2.0 §Prefetch). Each key is in one of these states:
 * provided; `null` (the client has no data); or missing — absent, an OperationOutcome, not a
 * valid FHIR resource, a read holding another resource than the one its template names, only
 * the first page of a paginated search, fewer results than the Bundle's own `total`
 * declares, a resource or a search Bundle sent only in part (marked SUBSETTED, H108), or a search
 * answer with a result that carries no resource or whose server says it may be incomplete (H131).
 * Missing data is fetched from the FHIR server when one is usable; otherwise required data
 * means 412.
 */
import {
  parseResourceOf,
  parseSearchPage,
  undeclaredShortfall,
  type LeaveOut,
  type Parsed,
} from '../fhir/parse-fhir-data.js';
import { subsettedBundle, subsettedPage, subsettedResources } from '../fhir/subsetted.js';
import { isBundle, isOperationOutcome } from '../rules/fhir-resource-type.js';
import type { SourcedResource } from '../rules/patient-record.js';
import { readTarget } from './prefetch-template.js';
import type { DataNeed } from './service-definition.js';

/**
 * `setAside`: the value was sent and looked usable; the trace says why it was not used.
 * `withheld`: the search answer (or the first page that `partial` continues) says the server
 * withheld results by its rules (H131); `redacted`: that Bundle is itself marked REDACTED
 * (H141). Either is read all the same, and the trace says so.
 */
export type PrefetchState =
  | { kind: 'provided'; resources: SourcedResource[]; withheld?: true; redacted?: true }
  | { kind: 'no-data' }
  | {
      kind: 'missing';
      reason: string;
      partial?: {
        resources: SourcedResource[];
        next: string;
        withheld?: true;
        redacted?: true;
      };
      setAside?: true;
    };

/**
 * `context` fills a read template to name the resource it reads; `leaveOut`: which malformed
 * search results may be left out (none without).
 */
export function readPrefetch(
  need: DataNeed,
  prefetch: Readonly<Record<string, unknown>> | undefined,
  context: Readonly<Record<string, unknown>>,
  leaveOut?: LeaveOut,
): PrefetchState {
  if (!prefetch || !Object.hasOwn(prefetch, need.key))
    return { kind: 'missing', reason: 'not sent' };
  const value = prefetch[need.key];
  if (value === null) return { kind: 'no-data' };
  if (isOperationOutcome(value))
    return { kind: 'missing', reason: 'the client sent an OperationOutcome' };
  if (need.interaction === 'read') {
    // A read sent as a search Bundle (H118) that is itself sent in part (H108): as for a search.
    const bundleInPart = isBundle(value) ? subsettedBundle(value) : undefined;
    if (bundleInPart !== undefined)
      return {
        kind: 'missing',
        reason: `it was sent as a search Bundle that ${bundleInPart}`,
        setAside: true,
      };
    const parsed = isBundle(value)
      ? onlyResultOf(need, value, leaveOut)
      : parseResourceOf(need.resourceType, value);
    if (!parsed.ok) return { kind: 'missing', reason: parsed.problem };
    return asTheNamedRead(need, parsed.value, context);
  }
  const page = parseSearchPage(value, leaveOut);
  if (!page.ok) return { kind: 'missing', reason: page.problem };
  const { resources, next } = page.value;
  // What the answer says was held back (H131) or removed (H141): carried to the trace.
  const heldBack = {
    ...(page.value.withheld ? ({ withheld: true } as const) : {}),
    ...(page.value.redacted ? ({ redacted: true } as const) : {}),
  };
  // Before the `next` link: a first page sent in part is not continued, but searched afresh.
  const inPart = subsettedPage(value, resources);
  if (inPart !== undefined)
    return {
      kind: 'missing',
      reason: `the ${need.resourceType} search Bundle ${inPart}`,
      setAside: true,
    };
  if (next)
    return {
      kind: 'missing',
      reason: `only the first page of ${need.resourceType} results was sent`,
      partial: { resources, next, ...heldBack },
    };
  const shortfall = undeclaredShortfall(page.value);
  if (shortfall)
    return { kind: 'missing', reason: `the ${need.resourceType} search Bundle ${shortfall}` };
  return { kind: 'provided', resources, ...heldBack };
}

/**
 * Why a read's value is not the resource its template names, or undefined when it is (or the
 * template names none). CDS Hooks 2.0 §Prefetch: "It is the CDS Service's responsibility to
 * check prefetched data against its template". The study under review sent as another study
 * was read as that study, and the imaging-review rules found the one under review "not among
 * this patient's studies": no card (docs/clinical-safety.md H95).
 */
function anotherResourceThan(
  need: DataNeed,
  resource: fhir4.Resource,
  context: Readonly<Record<string, unknown>>,
): string | undefined {
  const named = readTarget(need.template, context);
  if (named === undefined || resource.id === named.id) return undefined;
  const held =
    resource.id === undefined
      ? `a ${need.resourceType} with no id`
      : `${need.resourceType}/${resource.id}`;
  return `it holds ${held}, not the ${named.reference} its template names`;
}

/** The read's resource, if it is the one its template names (H95) and sent whole (H108). */
function asTheNamedRead(
  need: DataNeed,
  read: SourcedResource,
  context: Readonly<Record<string, unknown>>,
): PrefetchState {
  const otherResource = anotherResourceThan(need, read.resource, context);
  if (otherResource !== undefined)
    return { kind: 'missing', reason: otherResource, setAside: true };
  const inPart = subsettedResources([read]);
  return inPart === undefined
    ? { kind: 'provided', resources: [read] }
    : { kind: 'missing', reason: `it holds ${inPart}`, setAside: true };
}

/**
 * A read's key sent as a search Bundle (H118): clients that run every prefetch as a search send
 * `prefetch.study` as a searchset holding the study. CDS Hooks 2.0 §Prefetch asks the service
 * to check prefetched data against its template, not to refuse it for its form: a whole Bundle
 * whose results are exactly one resource of the read's type is that read (its id is checked
 * next, as any read's). Any other Bundle (none or several results, a first page, a shortfall)
 * is missing, read afresh from the FHIR server when one is usable, as before.
 */
function onlyResultOf(
  need: DataNeed,
  value: unknown,
  leaveOut?: LeaveOut,
): Parsed<SourcedResource> {
  const page = parseSearchPage(value, leaveOut);
  if (!page.ok) return page;
  const { resources, next, sent } = page.value;
  const results = resources.filter(({ resource }) => resource.resourceType === need.resourceType);
  const [only] = results;
  if (next || sent !== 1 || results.length !== 1 || !only || undeclaredShortfall(page.value))
    return {
      ok: false,
      problem: `a read of one ${need.resourceType} was sent as a search Bundle not holding exactly one`,
    };
  return { ok: true, value: only };
}
