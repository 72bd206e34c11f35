/**
 * A tiny FHIR-shaped HTTP server on 127.0.0.1 whose answers, delays and statuses each test
 * sets, for the failure paths a real server will not produce on demand.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { storedResources } from '../../scripts/example-requests.js';
import { PATHS } from '../../src/config/project-paths.js';

export interface StubAnswer {
  status?: number;
  /** Further response headers (a redirect's Location). */
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent as it is instead of `body` as JSON (a proxy's HTML page); set its content-type in `headers`. */
  text?: string;
  delayMs?: number;
  /** Answer only once this settles (after `delayMs`): lets a test hold a call in flight. */
  until?: Promise<unknown>;
}

export interface StubFhirServer {
  /** Base URL, e.g. http://127.0.0.1:PORT/fhir */
  url: string;
  requests: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** `answer` gets the path with its query (relative to the server root) and decides the reply. */
export async function startStubFhirServer(
  answer: (path: string) => StubAnswer,
): Promise<StubFhirServer> {
  const requests: StubFhirServer['requests'] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    const { status = 200, headers = {}, body = {}, text, delayMs = 0, until } = answer(path);
    let closed = false;
    const send = () => {
      if (closed) return;
      res.writeHead(status, { 'content-type': 'application/fhir+json', ...headers });
      res.end(text ?? JSON.stringify(body));
    };
    const timer = setTimeout(() => {
      if (until) void until.then(send, send);
      else send();
    }, delayMs);
    res.on('close', () => {
      closed = true;
      clearTimeout(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}/fhir`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

export function searchset(resources: object[], next?: string): object {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(resources.length > 0 ? { entry: resources.map((resource) => ({ resource })) } : {}),
    ...(next ? { link: [{ relation: 'next', url: next }] } : {}),
  };
}

const NOT_FOUND = {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'not-found' }],
};

/** A stub serving one example patient's stored resources, with per-type overrides. */
export function serveExamplePatient(
  patientId: string,
  overrides: Record<string, StubAnswer> = {},
): Promise<StubFhirServer> {
  const bundle = JSON.parse(
    readFileSync(join(PATHS.examples, `${patientId}.json`), 'utf8'),
  ) as fhir4.Bundle;
  const resources = storedResources(bundle);
  return startStubFhirServer((path) => {
    const type = /^\/fhir\/([A-Za-z]+)/.exec(path)?.[1] ?? '';
    const override = overrides[type];
    if (override) return override;
    if (path.startsWith(`/fhir/Patient/`))
      return { body: resources.find((r) => r.resourceType === 'Patient' && r.id === patientId) };
    // A read of another type (`ImagingStudy/{id}`): that resource, or 404 as FHIR answers.
    const read = /^\/fhir\/[A-Za-z]+\/([^/?]+)$/.exec(path)?.[1];
    if (read !== undefined) {
      const found = resources.find((r) => r.resourceType === type && r.id === read);
      return found ? { body: found } : { status: 404, body: NOT_FOUND };
    }
    return {
      body: searchset(
        resources.filter(
          (r) =>
            r.resourceType === type &&
            (r as { subject?: { reference?: string } }).subject?.reference ===
              `Patient/${patientId}`,
        ),
      ),
    };
  });
}

/**
 * A FHIR server that answers every read at once but holds its Conditions search until the
 * test calls `release()`: a hook call without prefetch stays in flight, and `reached` settles
 * when the call has got there, so a test needs no sleep whatever the machine's speed.
 */
export async function startHeldConditionsServer(): Promise<{
  fhir: StubFhirServer;
  reached: Promise<void>;
  release: () => void;
}> {
  let markReached = () => {};
  const reached = new Promise<void>((resolve) => (markReached = resolve));
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const fhir = await startStubFhirServer((path) => {
    // Other requests (the connection warm-up at start) are answered at once.
    if (!path.includes('/Condition')) return { body: searchset([]) };
    markReached();
    return { body: searchset([]), until: released };
  });
  return { fhir, reached, release };
}
