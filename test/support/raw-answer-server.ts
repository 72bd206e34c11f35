/**
 * An HTTP server on 127.0.0.1 whose every answer a test writes itself, byte by byte (a body
 * padded past a cap, a gzip bomb, a body without end), closed after each test. For answers
 * a FHIR-shaped stub cannot give: ./stub-fhir-server.ts sends whole JSON bodies.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
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
  return async function serve(answer: (res: ServerResponse) => void): Promise<string> {
    server = createServer((_req, res) => {
      answer(res);
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}${path}`;
  };
}
