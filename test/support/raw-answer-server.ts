/**
 * An HTTP server on 127.0.0.1 whose every answer a test writes itself, byte by byte (a body
 * padded past a cap, a gzip bomb, a body without end, no answer at all), closed after each
 * test; over https when given a key and certificate (./test-ca.ts). For answers a
 * FHIR-shaped stub cannot give: ./stub-fhir-server.ts sends whole JSON bodies.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/** Registers the server's closing after each test; `serve` starts one and gives its URL. */
export function rawAnswerServer(path: string) {
  let server: Server | undefined;
  afterEach(async () => {
    const closing = server;
    server = undefined;
    if (!closing) return;
    closing.closeAllConnections();
    await new Promise((resolve) => closing.close(resolve));
  });
  return async function serve(
    answer: (res: ServerResponse, req: IncomingMessage) => void,
    tls?: { key: string; cert: string },
  ): Promise<string> {
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      answer(res, req);
    };
    server = tls ? createTlsServer(tls, handler) : createServer(handler);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const scheme = tls ? 'https' : 'http';
    return `${scheme}://127.0.0.1:${String((server.address() as AddressInfo).port)}${path}`;
  };
}
