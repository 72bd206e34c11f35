/**
 * An HTTP server on 127.0.0.1 whose every answer a test writes itself, byte by byte (a body
 * padded past a cap, a gzip bomb, a body without end, no answer at all), closed after each
 * test, however many it started; over https when given a key and certificate (./test-ca.ts).
 * For answers a FHIR-shaped stub cannot give: ./stub-fhir-server.ts sends whole JSON bodies.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/** Registers the servers' closing after each test; `serve` starts one and gives its URL. */
export function rawAnswerServer(path: string) {
  let servers: Server[] = [];
  afterEach(async () => {
    const closing = servers;
    servers = [];
    await Promise.all(
      closing.map(async (server) => {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }),
    );
  });
  return async function serve(
    answer: (res: ServerResponse, req: IncomingMessage) => void,
    tls?: { key: string; cert: string },
  ): Promise<string> {
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      answer(res, req);
    };
    const server = tls ? createTlsServer(tls, handler) : createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const scheme = tls ? 'https' : 'http';
    return `${scheme}://127.0.0.1:${String((server.address() as AddressInfo).port)}${path}`;
  };
}
