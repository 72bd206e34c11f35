/**
 * Checking FHIR data as it arrives, from prefetch or from a FHIR server: a resource of the
 * expected type, or one page of search results, each resource checked against the shapes
 * the rules read. A problem is described by where it is, never by the data itself.
 */
import type { SourcedResource } from '../rules/patient-record.js';
import { pathText } from '../path-text.js';
import { readResource } from './read-resource.js';
import { checkBundle } from './resource-schemas.js';
import {
  bundleTypeProblem,
  deletionEntryProblem,
  entryFailure,
  withholdsResults,
} from './search-failures.js';
import { isRedactedBundle } from './subsetted.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * Whether a search result's malformed resource may be left out of the page rather than
 * failing it: given the resource and where and why it is malformed. The caller decides (only
 * it knows what the rules read); without one, any malformed resource fails the page.
 */
export type LeaveOut = (resource: unknown, problem: string) => boolean;

export interface SearchPage {
  resources: SourcedResource[];
  /** The Bundle's `next` link, when the results continue on another page. */
  next: string | undefined;
  /** `Bundle.total`: how many results the whole search has, when the Bundle says. */
  total: number | undefined;
  /** The entries sent as results (not `include` or `outcome`), those left out included. */
  sent: number;
  /**
   * Whether an entry says the server withheld results by its rules (issue type `suppressed`,
   * ./search-failures.ts): the page is read all the same, and the trace says so (H131).
   */
  withheld: boolean;
  /**
   * Whether the Bundle itself is marked REDACTED (./subsetted.ts `isRedactedBundle`, H141):
   * entries may have been removed by the sender's policy. Read all the same, and said in the
   * trace, as `withheld` is.
   */
  redacted: boolean;
}

export function parseResourceOf(resourceType: string, value: unknown): Parsed<SourcedResource> {
  const read = readResource(value);
  if (!read.success)
    return {
      ok: false,
      problem: `not a valid FHIR resource (${firstProblem(read.error.issues)})`,
    };
  const resource = read.resource as fhir4.Resource;
  if (resource.resourceType !== resourceType)
    return { ok: false, problem: `expected a ${resourceType}, got a ${resource.resourceType}` };
  return {
    ok: true,
    value: read.readings ? { resource, readings: read.readings } : { resource },
  };
}

export function parseSearchPage(value: unknown, leaveOut?: LeaveOut): Parsed<SearchPage> {
  const bundle = checkBundle(value);
  if (!bundle.success)
    return { ok: false, problem: `not a FHIR Bundle (${firstProblem(bundle.error.issues)})` };
  const entries = bundle.data.entry ?? [];
  const typeProblem = bundleTypeProblem(bundle.data.type, entries.length);
  if (typeProblem) return { ok: false, problem: typeProblem };
  const resources: SourcedResource[] = [];
  let sent = 0;
  let withheld = false;
  // An index, not `entries()`: a pair per entry of a 2,000-resource page (issue #15).
  for (let index = 0; index < entries.length; index += 1) {
    const entry = entries[index];
    if (!entry) continue;
    // Its type, read once for the checks below (checkBundle vouched that it is a string).
    const type = entry.resource?.resourceType;
    // A page that reports an error counts as not had, never as fewer data: only an
    // OperationOutcome or an entry with a `response` (a batch's answer) is looked into.
    if (type === 'OperationOutcome' || entry.response !== undefined) {
      const failure = entryFailure(entry, index);
      if (failure) return { ok: false, problem: failure };
      if (withholdsResults(entry)) withheld = true;
    }
    // H145: a history's DELETE among the results: the page is no search's result.
    const deleted = deletionEntryProblem(entry, index);
    if (deleted) return { ok: false, problem: deleted };
    // Search Bundles may carry an OperationOutcome with search.mode "outcome": not data.
    if (entry.search?.mode === 'outcome') continue;
    if (!entry.resource) {
      const kind = resourcelessEntry(entry);
      if (kind === 'no-data') continue;
      return { ok: false, problem: resultWithoutResource(kind, index) };
    }
    if (entry.search?.mode !== 'include') sent += 1;
    // A search lists resources, never Bundles: one here is a batch's answer passed on whole,
    // whose Conditions would go unread, so the page counts as not had rather than as empty.
    if (type === 'Bundle')
      return {
        ok: false,
        problem: `entry[${String(index)}].resource is a Bundle, not a search's resource`,
      };
    const read = readResource(entry.resource);
    if (!read.success) {
      const problem = `entry[${String(index)}].resource is not valid (${firstProblem(read.error.issues)})`;
      if (leaveOut?.(read.resource, problem)) continue;
      return { ok: false, problem };
    }
    // Read leniently (H102, H103): its copy as read, and what was read so, for the trace.
    if (read.readings)
      resources.push({
        resource: read.resource as fhir4.Resource,
        fullUrl: entry.fullUrl,
        readings: read.readings,
      });
    else resources.push({ resource: entry.resource, fullUrl: entry.fullUrl });
  }
  return {
    ok: true,
    value: {
      resources,
      next: bundle.data.link?.find((link) => link.relation === 'next')?.url,
      total: declaredTotal((value as { total?: unknown }).total),
      sent,
      withheld,
      redacted: isRedactedBundle(value),
    },
  };
}

/**
 * What an entry that carries no resource stands for (H131). FHIR R4 bdl-5: an entry "must be a
 * resource unless there's a request or response". An `include` or `outcome` entry with nothing
 * in it is no data; one with only a `response` is a batch's or transaction's answer naming what
 * it read without holding it; one with only a `request` is a batch not yet run (or, in a
 * transaction, a DELETE); any other is a search result whose resource was not sent. Shared by
 * the search reader here and the backtest's reader of Bundle files.
 */
export type ResourcelessEntry = 'no-data' | 'response' | 'request' | 'result';

export function resourcelessEntry(entry: {
  search?: { mode?: unknown } | null;
  request?: unknown;
  response?: unknown;
}): ResourcelessEntry {
  const mode = entry.search?.mode;
  if (mode === 'include' || mode === 'outcome') return 'no-data';
  if (entry.response !== undefined) return 'response';
  return entry.request !== undefined ? 'request' : 'result';
}

/**
 * Why a search answer with such an entry is not had: skipped, each would be read as a Condition
 * the patient does not have (a whole page of them, a patient with none, and a 200 with no
 * card). An entry's index only: its `fullUrl`, `location` or `url` holds an id.
 */
function resultWithoutResource(kind: ResourcelessEntry, index: number): string {
  const at = `entry[${String(index)}]`;
  if (kind === 'response')
    return `${at} holds a response and no resource (a batch's or transaction's answer names what it read, not its data)`;
  if (kind === 'request')
    return `${at} holds a request and no resource (a batch's or transaction's request, not its answer)`;
  return `${at} is a search result with no resource (FHIR R4 bdl-5): the resource it stands for was not sent`;
}

/** FHIR R4 Bundle.total, an unsignedInt; anything else says nothing. */
function declaredTotal(total: unknown): number | undefined {
  return typeof total === 'number' && Number.isInteger(total) && total >= 0 ? total : undefined;
}

/**
 * Why a search result that ends on this one page lacks results its own `total` declares, if
 * it does: a client that capped its prefetch and dropped the `next` link, or sent a count
 * (`_summary=count`, `total` and no entries). CDS Hooks 2.0 §Prefetch: prefetched data "MUST
 * be equivalent to the data the CDS Service would receive if it were making its own call";
 * read as complete, a patient's missing Conditions would be "no EMD". Only fewer results than
 * declared count: includes sent without a search mode count as results, so a page may seem
 * fuller than it is, never emptier.
 */
export function undeclaredShortfall(page: SearchPage): string | undefined {
  if (page.next !== undefined || page.total === undefined || page.sent >= page.total)
    return undefined;
  return `holds ${String(page.sent)} of the ${String(page.total)} results its total declares, and no next link`;
}

function firstProblem(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string {
  const issue = issues[0];
  if (!issue) return 'unknown problem';
  const where = pathText(issue.path);
  return where ? `${where}: ${issue.message}` : issue.message;
}
