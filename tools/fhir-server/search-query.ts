/**
 * What our HTTP layer does to a search before and after Medplum's in-memory repository runs
 * it (FHIR R4 search.html). The repository matches a reference parameter only against
 * the full `Type/id` string, applies no default page size and returns no `link`s, so we
 * rewrite bare ids, fix the page size and add the paging links here. It also treats an
 * unknown parameter as "matches nothing", which would hide a typo in a prefetch template:
 * we answer 400 instead (FHIR leaves strict or lenient handling to the server).
 */
import type { getSearchParameter } from '@medplum/core';
import {
  getExpressionForResourceType,
  globalSchema,
  isResourceType,
  splitSearchOnComma,
} from '@medplum/core';

type SearchParameter = NonNullable<ReturnType<typeof getSearchParameter>>;

/** Largest page we serve; FHIR lets a server return fewer than `_count` asks for. */
export const MAX_COUNT = 1000;

/** Result parameters we accept; the repository ignores `_elements`/`_summary=true`, which a server may do. */
const RESULT_PARAMETERS = new Set([
  '_count',
  '_offset',
  '_sort',
  '_total',
  '_summary',
  '_elements',
]);
/** Asking for JSON is all these can do here: we only speak JSON. */
const FORMAT_PARAMETERS = new Set(['_format', '_pretty']);
/** Reference modifiers the repository's matcher implements (besides a type name). */
const REFERENCE_MODIFIERS = new Set(['', 'missing']);

export interface PreparedSearch {
  /** The query Medplum runs: bare ids rewritten, one `_count` and one `_offset`. */
  query: URLSearchParams;
  count: number;
  offset: number;
}

export type SearchPreparation =
  { ok: true; search: PreparedSearch } | { ok: false; problem: string };

/** Checks a search's parameters and rewrites them for the repository. */
export function prepareSearch(
  resourceType: string,
  params: URLSearchParams,
  base: string,
  defaultCount: number,
): SearchPreparation {
  const query = new URLSearchParams();
  for (const [key, value] of params) {
    const [code = '', modifier = ''] = key.split(':', 2);
    if (code === '_count' || code === '_offset' || FORMAT_PARAMETERS.has(code)) continue;
    if (RESULT_PARAMETERS.has(code)) {
      query.append(key, value);
      continue;
    }
    const param = searchParameterFor(resourceType, code);
    if (!param || key.includes('.'))
      return {
        ok: false,
        problem: `${resourceType} search parameter '${key}' is unknown or not supported here`,
      };
    if (param.type !== 'reference') {
      query.append(key, value);
      continue;
    }
    const rewritten = rewriteReferenceParameter(param, code, modifier, value, base);
    if (typeof rewritten === 'string') return { ok: false, problem: rewritten };
    query.append(...rewritten);
  }
  const count = readCount(params, defaultCount);
  const offset = readNonNegative(params, '_offset') ?? 0;
  if (count === undefined || Number.isNaN(offset))
    return { ok: false, problem: '_count and _offset must be non-negative integers' };
  query.set('_count', String(count));
  query.set('_offset', String(offset));
  return { ok: true, search: { query, count, offset } };
}

const narrowed = new WeakSet<SearchParameter>();

/**
 * The repository's matcher parses a parameter's whole expression again for every resource
 * it tests, and `patient` is a union over some 60 resource types (about 90 ms for one
 * Condition search over the examples). So, the first time a parameter is used, the entry
 * Medplum looks up (globalSchema) gets the expression cut to this type's branches, with
 * Medplum's own `getExpressionForResourceType`: about 20 times faster.
 */
function searchParameterFor(resourceType: string, code: string): SearchParameter | undefined {
  const params = globalSchema.types[resourceType]?.searchParams;
  const param = params?.[code];
  if (!params || !param || narrowed.has(param)) return param;
  const expression =
    param.expression && getExpressionForResourceType(resourceType, param.expression);
  const own = expression ? { ...param, expression } : param;
  narrowed.add(own);
  params[code] = own;
  return own;
}

function readCount(params: URLSearchParams, defaultCount: number): number | undefined {
  if (params.getAll('_summary').includes('count')) return 0;
  const count = readNonNegative(params, '_count') ?? defaultCount;
  return Number.isNaN(count) ? undefined : Math.min(count, MAX_COUNT);
}

/** The last value wins, as in Medplum's parser; NaN when it is not a non-negative integer. */
function readNonNegative(params: URLSearchParams, name: string): number | undefined {
  const value = params.getAll(name).at(-1);
  if (value === undefined) return undefined;
  return /^\d+$/.test(value) ? Number(value) : Number.NaN;
}

/**
 * `patient=123` becomes `patient=Patient/123`; `subject=123` becomes
 * `subject=Group/123,Patient/123` (every target type, OR-ed: in FHIR R4 search a bare id
 * may stand for any type the parameter targets); `subject:Patient=123` becomes
 * `subject=Patient/123`; an absolute URL on this server becomes relative.
 */
function rewriteReferenceParameter(
  param: SearchParameter,
  code: string,
  modifier: string,
  value: string,
  base: string,
): [string, string] | string {
  if (modifier === 'missing') return [`${code}:missing`, value];
  const typed = modifier !== '' && isResourceType(modifier);
  if (!typed && !REFERENCE_MODIFIERS.has(modifier))
    return `the :${modifier} modifier is not supported by this test server`;
  const targets: readonly string[] = typed ? [modifier] : (param.target ?? []);
  const values = splitSearchOnComma(value).flatMap((raw) => {
    const reference = raw.startsWith(`${base}/`) ? raw.slice(base.length + 1) : raw;
    if (/[/:]/.test(reference) || targets.length === 0) return [reference];
    return targets.map((type) => `${type}/${reference}`);
  });
  return [code, values.map((v) => v.replaceAll(',', '\\,')).join(',')];
}

/**
 * Adds what the repository leaves out of a searchset: `self`, `next` and `previous` links
 * on the base URL the client used, and each entry's `fullUrl` and `search.mode`.
 * `clientParams` are the client's own parameters (not the rewritten ones), so a link reads
 * like the request that produced it.
 */
export function completeSearchset(
  bundle: fhir4.Bundle,
  resourceType: string,
  clientParams: URLSearchParams,
  search: PreparedSearch,
  base: string,
): fhir4.Bundle {
  const { count, offset } = search;
  const pageUrl = (pageOffset: number): string => {
    const params = new URLSearchParams(clientParams);
    params.set('_count', String(count));
    params.set('_offset', String(pageOffset));
    return `${base}/${resourceType}?${params.toString()}`;
  };
  const total = bundle.total ?? 0;
  const link: fhir4.BundleLink[] = [{ relation: 'self', url: pageUrl(offset) }];
  if (count > 0 && offset + count < total)
    link.push({ relation: 'next', url: pageUrl(offset + count) });
  if (count > 0 && offset > 0)
    link.push({ relation: 'previous', url: pageUrl(Math.max(0, offset - count)) });
  const entry = bundle.entry?.map((e) => ({
    fullUrl: `${base}/${e.resource?.resourceType ?? resourceType}/${e.resource?.id ?? ''}`,
    ...e,
    search: { mode: 'match' as const },
  }));
  return { ...bundle, link, ...(entry ? { entry } : {}) };
}
