/**
 * Runs prefetch queries the client did not satisfy against its FHIR server, with
 * fhir-kit-client (CDS Hooks 2.0 §FHIR Resource Access). One client per hook call, holding
 * that call's access token, over the server's pooled connections (src/fhir/fhir-connections.ts);
 * one time budget for the whole call, each read aborted when it runs out;
 * `next` links followed up to a page cap, and only on the same server (a client's paginated
 * prefetch whose `next` leads elsewhere, or that this server no longer knows, is searched
 * afresh here). Errors say what failed (status, resource type, timeout) but never the URL or
 * the server's error body: both can hold patient identifiers.
 */
import type { Dispatcher } from 'undici';
import { isOperationOutcome } from '../rules/fhir-resource-type.js';
import type { SourcedResource } from '../rules/patient-record.js';
import { withoutTrailingSlashes } from '../rules/text-end.js';
import {
  FhirBudgetExhausted,
  FhirNodeReadBoundReached,
  type FhirQueryRunner,
  type FhirQueryTarget,
  type WithheldBy,
} from './fhir-query.js';
import {
  parseResourceOf,
  parseSearchPage,
  undeclaredShortfall,
  type LeaveOut,
} from './parse-fhir-data.js';
import { fhirClient } from './fhir-client.js';
import { subsettedPage, subsettedResources } from './subsetted.js';
import { withQueryEncoded } from './query-on-the-wire.js';
import { linkOnServer, offServerLink } from './server-links.js';
import { ResponseTooDeep, ResponseTooLarge, ResponseTooManyContainers } from './response-limit.js';
import { NodeReadBoundReached, sizeText } from './bytes-in-flight.js';

export interface FhirFetchLimits {
  /** The time budget for all FHIR reads of one hook call. */
  timeoutMs: number;
  /** Most pages read per search; more means the data are incomplete, which is an error. */
  maxPages: number;
  /**
   * `_count` added to a search that does not set one: servers page at 10–50 by default, so
   * a long problem list would otherwise take many round trips, or more pages than allowed.
   */
  pageSize?: number;
}

/**
 * Where the runner says what an operator must fix on the FHIR server's side (pino's Logger is
 * one): a `next` link it refused, with where it led and where fhirServer is, never its query.
 */
export interface FhirRunnerLog {
  warn(fields: { resourceType: string; nextLink: string }, message: string): void;
}

export function fhirKitRunner(
  fhirServer: string,
  accessToken: string | undefined,
  limits: FhirFetchLimits,
  dispatcher?: Dispatcher,
  log?: FhirRunnerLog,
): FhirQueryRunner {
  const base = withoutTrailingSlashes(fhirServer);
  const client = fhirClient(base, accessToken, dispatcher);
  // One budget for the call: every read of this hook call shares the same deadline.
  const deadline = performance.now() + limits.timeoutMs;
  const get = async (url: string, need: FhirQueryTarget): Promise<unknown> => {
    const read = readSignal(deadline - performance.now());
    try {
      return await client.request(withQueryEncoded(url), {
        options: { signal: read.signal, headers: { accept: 'application/fhir+json' } },
      });
    } catch (error) {
      throw describeFailure(error, need, limits.timeoutMs);
    } finally {
      read.done();
    }
  };

  return {
    async run(need, query, continueFrom, leaveOut, onWithheld) {
      if (need.interaction === 'read') {
        const value = await get(query, need).catch((error: unknown) => {
          if (error instanceof FhirReadError && error.status === 404) return null; // no such resource: no data
          throw error;
        });
        if (value === null) return [];
        const parsed = parseResourceOf(need.resourceType, value);
        if (!parsed.ok)
          throw new Error(`the FHIR server's ${need.resourceType} is ${parsed.problem}`);
        const inPart = subsettedResources([parsed.value]);
        if (inPart !== undefined)
          throw new Error(
            `the FHIR server's answer to the ${need.resourceType} read holds ${inPart}`,
          );
        return [parsed.value];
      }
      // A client's first page whose `next` leads to another server: the token never goes
      // there, so the search runs afresh here (docs/integrating.md §2), as for any prefetch
      // key that is missing. Only this server's own `next` links are refused below.
      const resume =
        continueFrom && linkOnServer(continueFrom.next, base) !== undefined
          ? continueFrom
          : undefined;
      if (resume) {
        try {
          const resources = await readPages(
            need,
            resume.next,
            resume.resources,
            leaveOut,
            onWithheld,
          );
          // Said only once the client's first page is used: expired, it is dropped, and so is
          // what it said.
          if (resume.withheld) onWithheld?.('suppressed');
          if (resume.redacted) onWithheld?.('redacted');
          return resources;
        } catch (error) {
          // A search's `next` link lives as long as the server keeps the search: HAPI FHIR
          // answers an expired one 410 Gone ("Search ID … may have expired"), others 404. The
          // client's first page is then no use (page 2 of a new search is another slicing),
          // so the search runs afresh from its first page.
          if (!(error instanceof ExpiredPage)) throw error;
        }
      }
      return readPages(need, withPageSize(query, limits.pageSize), undefined, leaveOut, onWithheld);
    },
  };

  /**
   * Every page from `firstUrl` on: the search itself, whose one-page answer is checked against
   * its total, or the `next` link of a client's first page (`resumed`, its resources first).
   */
  async function readPages(
    need: FhirQueryTarget,
    firstUrl: string,
    resumed: readonly SourcedResource[] | undefined,
    leaveOut: LeaveOut | undefined,
    onWithheld: ((why: WithheldBy) => void) | undefined,
  ): Promise<SourcedResource[]> {
    const isResumed = resumed !== undefined;
    const resources: SourcedResource[] = [...(resumed ?? [])];
    let url: string | undefined = firstUrl;
    for (let page = 1; url !== undefined; page += 1) {
      if (page > limits.maxPages)
        throw new Error(
          `${need.resourceType} search has more than ${String(limits.maxPages)} pages; the data would be incomplete`,
        );
      const target = linkOnServer(url, base);
      if (target === undefined) {
        // The 412 and the log say where the link led: a server that spells its own base
        // otherwise (localhost for 127.0.0.1, /FHIR for /fhir, http behind a TLS proxy) gives
        // this for every patient with more than one page, and only its settings can fix it.
        const where = offServerLink(url, base);
        log?.warn(
          { resourceType: need.resourceType, nextLink: where },
          `a FHIR server's next link was not followed, as it leads off fhirServer: ${where}`,
        );
        throw new Error(
          `${need.resourceType} search continues on another server, which is not called (the token would go with it): ${where}`,
        );
      }
      const value = await get(target, need).catch((error: unknown) => {
        const isGone =
          error instanceof FhirReadError && (error.status === 410 || error.status === 404);
        throw isGone && page === 1 && isResumed ? new ExpiredPage(error.message) : error;
      });
      if (isOperationOutcome(value))
        throw new Error(
          `the FHIR server answered the ${need.resourceType} search with an OperationOutcome`,
        );
      const parsed = parseSearchPage(value, leaveOut);
      if (!parsed.ok)
        throw new Error(
          `the FHIR server's ${need.resourceType} search result is ${parsed.problem}`,
        );
      // A whole result on one page is checked against its total; over several pages the
      // total may move as the server's data does, and each page is read as it comes.
      const shortfall = page === 1 && !isResumed ? undeclaredShortfall(parsed.value) : undefined;
      if (shortfall)
        throw new Error(`the FHIR server's ${need.resourceType} search result ${shortfall}`);
      // Any page: a page or a resource sent in part is not the patient's data, whichever page.
      const inPart = subsettedPage(value, parsed.value.resources);
      if (inPart !== undefined)
        throw new Error(`the FHIR server's ${need.resourceType} search result ${inPart}`);
      if (parsed.value.withheld) onWithheld?.('suppressed');
      if (parsed.value.redacted) onWithheld?.('redacted');
      resources.push(...parsed.value.resources);
      url = parsed.value.next;
    }
    return resources;
  }
}

/**
 * A signal that aborts the read when the call's budget runs out, and whose timer is cleared
 * once the read is over. One `AbortSignal.timeout` for the whole call would be simpler, but
 * its timer fires after every call, answered or not, and aborts each finished request and
 * fetch that still follows it: about 0.1 ms of main thread a call in a profile under load
 * (docs/performance-log.md §37.1).
 */
function readSignal(remainingMs: number): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const timeUp = () => {
    controller.abort(new DOMException('the FHIR time budget ran out', 'TimeoutError'));
  };
  if (remainingMs <= 0) {
    timeUp();
    return { signal: controller.signal, done: () => undefined };
  }
  const timer = setTimeout(timeUp, remainingMs);
  timer.unref();
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
    },
  };
}

function withPageSize(query: string, pageSize: number | undefined): string {
  if (pageSize === undefined || /(^|[?&])_count=/.test(query)) return query;
  return `${query}${query.includes('?') ? '&' : '?'}_count=${String(pageSize)}`;
}

/** A client's `next` link the server no longer knows (410, 404): the search runs afresh. */
class ExpiredPage extends Error {
  override readonly name = 'ExpiredPage';
}

export class FhirReadError extends Error {
  override readonly name = 'FhirReadError';
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.status = status;
  }
}

/** fhir-kit-client throws Errors whose message holds the full URL: keep only what is safe. */
function describeFailure(
  error: unknown,
  need: FhirQueryTarget,
  timeoutMs: number,
): FhirReadError | FhirBudgetExhausted | FhirNodeReadBoundReached {
  const name = (error as { name?: unknown } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new FhirBudgetExhausted(
      `the FHIR ${need.resourceType} ${need.interaction} did not finish within the ${String(timeoutMs)} ms budget`,
    );
  }
  // fetch rejects with its own TypeError, the cap's error as its cause.
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  // Not this answer's size but all the node's reads together: said, so that an integrator
  // who finds it in a 412 or the log does not look for a huge answer on their server.
  if (cause instanceof NodeReadBoundReached)
    return new FhirNodeReadBoundReached(
      `the FHIR server's answer to the ${need.resourceType} ${need.interaction} was cut off: the node's bound of ${sizeText(cause.maxBytes)} of FHIR answers read at once was reached`,
    );
  if (cause instanceof ResponseTooLarge)
    return new FhirReadError(
      `the FHIR server's answer to the ${need.resourceType} ${need.interaction} is larger than ${sizeText(cause.maxBytes)}, which is not read`,
    );
  if (cause instanceof ResponseTooDeep)
    return new FhirReadError(
      `the FHIR server's answer to the ${need.resourceType} ${need.interaction} nests objects and arrays deeper than ${String(cause.maxDepth)} levels, which is not read`,
    );
  if (cause instanceof ResponseTooManyContainers)
    return new FhirReadError(
      `the FHIR server's answer to the ${need.resourceType} ${need.interaction} holds more than ${cause.maxContainers.toLocaleString('en')} objects and arrays, which is not read`,
    );
  const status = (error as { response?: { status?: unknown } } | undefined)?.response?.status;
  if (typeof status === 'number' && status >= 300 && status < 400)
    return new FhirReadError(
      `the FHIR server answered the ${need.resourceType} ${need.interaction} with a redirect (HTTP ${String(status)}), which is not followed`,
      status,
    );
  // fhir-kit-client throws on a 2xx only when the body is not JSON (a login page, a proxy's
  // HTML error page): "answered with HTTP 200" alone would read as a success.
  if (typeof status === 'number' && status >= 200 && status < 300)
    return new FhirReadError(
      `the FHIR server answered the ${need.resourceType} ${need.interaction} with a body that is not JSON (HTTP ${String(status)})`,
      status,
    );
  if (typeof status === 'number')
    return new FhirReadError(
      `the FHIR server answered the ${need.resourceType} ${need.interaction} with HTTP ${String(status)}`,
      status,
    );
  return new FhirReadError(
    `the FHIR server could not be reached for the ${need.resourceType} ${need.interaction}`,
  );
}
