/**
 * A local FHIR R4 server for integration tests and for trying the service with a CDS client
 * (the public CDS Hooks Sandbox, in a browser): Medplum's in-memory FHIR engine
 * (fhir-engine.ts) behind a small node:http layer.
 *
 * FOR LOCAL TESTING ONLY: no authentication, open CORS, no validation, data lost on exit,
 * transactions not atomic. It listens on 127.0.0.1 unless told otherwise.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  createFhirEngine,
  METHODS,
  problem,
  type FhirEngine,
  type FhirReply,
} from './fhir-engine.js';

export interface LocalFhirServer {
  /** Base URL, no trailing slash, e.g. `http://127.0.0.1:8080/fhir`. */
  url: string;
  close(): Promise<void>;
  /** Runs one transaction Bundle; throws when the server or any entry fails. */
  loadTransaction(bundle: fhir4.Bundle): Promise<fhir4.Bundle>;
  /** Connections (TLS handshakes, with `tls`) accepted so far: shows whether clients reuse them. */
  connectionCount(): number;
}

export interface FhirServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /**
   * Page size when a search has no `_count`. 100, above real servers' usual 20, so the
   * Sandbox's patient list (one `GET Patient`, no paging) shows every example patient.
   */
  defaultCount?: number;
  /** Serve https with this key and certificate (PEM), as a hospital server would. */
  tls?: { key: string; cert: string };
}

const BASE_PATH = '/fhir';
const MAX_BODY_BYTES = 20 * 1024 * 1024;
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export async function startFhirServer(options: FhirServerOptions = {}): Promise<LocalFhirServer> {
  const { port = 0, host = '127.0.0.1', defaultCount = 100 } = options;
  const engine = createFhirEngine({ defaultCount });
  let url = '';
  let connections = 0;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void serve(engine, req, res, url);
  };
  const server = options.tls ? createTlsServer(options.tls, handler) : createServer(handler);
  server.on(options.tls ? 'secureConnection' : 'connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = ['0.0.0.0', '::'].includes(host) ? '127.0.0.1' : host;
  url = `${options.tls ? 'https' : 'http'}://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${address.port}${BASE_PATH}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
    loadTransaction: (bundle) => loadTransaction(engine, bundle, url),
    connectionCount: () => connections,
  };
}

async function loadTransaction(
  engine: FhirEngine,
  bundle: fhir4.Bundle,
  base: string,
): Promise<fhir4.Bundle> {
  if (bundle.type !== 'transaction')
    throw new Error(`expected a transaction Bundle, got type ${bundle.type}`);
  const reply = await engine.handle({
    method: 'POST',
    path: [],
    query: new URLSearchParams(),
    body: bundle,
    headers: {},
    base,
  });
  if (reply.status !== 200)
    throw new Error(`transaction failed (HTTP ${reply.status}): ${JSON.stringify(reply.body)}`);
  const response = reply.body as fhir4.Bundle;
  const badEntry = response.entry?.find((e) => !e.response?.status.startsWith('2'));
  if (badEntry)
    throw new Error(`transaction entry failed: ${JSON.stringify(badEntry.response ?? badEntry)}`);
  return response;
}

async function serve(
  engine: FhirEngine,
  req: IncomingMessage,
  res: ServerResponse,
  defaultBase: string,
): Promise<void> {
  // Open CORS, so a CDS client in a browser (the Sandbox's page) may read this server.
  // Acceptable only because the server is for local testing and holds fictional data.
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'Location, ETag');
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', METHODS.join(', '));
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Accept, Prefer');
    res.setHeader('Access-Control-Max-Age', '600');
    // Chrome's Private Network Access preflight: a public page (the Sandbox) calling localhost.
    if (req.headers['access-control-request-private-network'] === 'true')
      res.setHeader('Access-Control-Allow-Private-Network', 'true');
    res.writeHead(204).end();
    return;
  }
  let reply: FhirReply;
  try {
    reply = await answer(engine, req, defaultBase);
  } catch (error) {
    console.error('local FHIR server: unexpected error', error);
    reply = problem(500, 'exception', 'Internal error');
  }
  send(res, reply);
}

async function answer(
  engine: FhirEngine,
  req: IncomingMessage,
  defaultBase: string,
): Promise<FhirReply> {
  const method = METHODS.find((m) => m === req.method);
  if (!method) return problem(405, 'not-supported', `${req.method ?? ''} is not supported`);
  const target = new URL(req.url ?? '/', 'http://localhost');
  const { pathname } = target;
  if (pathname !== BASE_PATH && !pathname.startsWith(`${BASE_PATH}/`))
    return problem(404, 'not-found', `The FHIR base is ${BASE_PATH}`);
  const body = await readBody(req);
  if (!body.ok) return body.reply;
  const path = pathname.slice(BASE_PATH.length).split('/').filter(Boolean);
  const base = baseFor(req, defaultBase);
  return engine.handle({
    method,
    path,
    query: target.searchParams,
    body: body.value,
    headers: req.headers,
    base,
  });
}

/**
 * The base the client used (its Host header), so `next` links keep the origin it called:
 * the service follows a link only on the origin it was given (src/fhir/fhir-kit-runner.ts).
 */
function baseFor(req: IncomingMessage, defaultBase: string): string {
  const host = req.headers.host;
  return host && /^[A-Za-z0-9.:[\]-]+$/.test(host) ? `http://${host}${BASE_PATH}` : defaultBase;
}

type BodyResult = { ok: true; value: unknown } | { ok: false; reply: FhirReply };

async function readBody(req: IncomingMessage): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      return { ok: false, reply: problem(413, 'too-costly', 'Request body too large') };
    chunks.push(chunk);
  }
  if (size === 0) return { ok: true, value: undefined };
  const text = Buffer.concat(chunks).toString('utf8');
  if (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
    return { ok: true, value: new URLSearchParams(text) };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reply: problem(400, 'structure', 'The request body is not valid JSON') };
  }
}

function send(res: ServerResponse, reply: FhirReply): void {
  const { resourceType, id, meta } = reply.body as Partial<fhir4.Resource>;
  if (meta?.versionId) res.setHeader('ETag', `W/"${meta.versionId}"`);
  if (reply.status === 201 && resourceType && id)
    res.setHeader('Location', `${resourceType}/${id}`);
  res.writeHead(reply.status, { 'Content-Type': FHIR_JSON });
  res.end(JSON.stringify(reply.body));
}
