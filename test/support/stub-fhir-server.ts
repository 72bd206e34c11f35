/**
 * A tiny FHIR-shaped HTTP server on 127.0.0.1 whose answers, delays and statuses each test
 * sets, for the failure paths a real server will not produce on demand.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubAnswer {
  status?: number;
  body?: unknown;
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
    const { status = 200, body = {}, delayMs = 0, until } = answer(path);
    let closed = false;
    const send = () => {
      if (closed) return;
      res.writeHead(status, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify(body));
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
