/**
 * The key servers' connections close at shutdown. With FHIR_CA_FILES set, an issuer's remote
 * JWKS is read through an undici agent of the verifier's own (src/auth/jwks-fetch.ts), which
 * keeps its connection alive for as long as the key server's keep-alive hint allows (here ten
 * minutes); the service's close() closes that agent as it closes the FHIR servers' agents, so
 * the key server sees the connection end at once rather than minutes later. A real https key
 * server on loopback under a test CA, and the service as `npm start` builds it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callPatientViewAs, serviceTrustingIssuers } from '../support/issuers-file-service.js';
import { makeTestCa, type TestCa } from '../support/test-ca.js';
import { makeKey } from '../support/tokens.js';

const EHR = 'https://ehr.hospital.example';
/** The key server's keep-alive hint: far longer than the test may take. */
const KEEP_ALIVE_MS = 10 * 60_000;
/** A generous bound for "the connection has ended" after close(). */
const ENDS_WITHIN_MS = 30_000;

let dir: string;
let ca: TestCa;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'emd-cds-jwks-shutdown-'));
  ca = makeTestCa(dir);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Resolves true when `socket` closes within `ms`, false otherwise. */
function closesWithin(socket: Socket, ms: number): Promise<boolean> {
  if (socket.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      resolve(false);
    }, ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

describe('shutdown with FHIR_CA_FILES set', () => {
  it(
    "closes the kept-alive connection to an issuer's key server",
    async () => {
      const key = await makeKey('ES384');
      const sockets: Socket[] = [];
      const keyServer: Server = createServer(ca.server, (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: [key.publicJwk] }));
      });
      keyServer.keepAliveTimeout = KEEP_ALIVE_MS;
      keyServer.on('secureConnection', (socket) => sockets.push(socket));
      await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
      const jwksUrl = `https://127.0.0.1:${String((keyServer.address() as AddressInfo).port)}/jwks.json`;
      try {
        const service = await serviceTrustingIssuers(dir, [{ iss: EHR, jwksUrl }], {
          FHIR_CA_FILES: ca.caFile,
        });
        const answer = await callPatientViewAs(service, EHR, key);
        expect(answer.status).toBe(200);
        expect(sockets).toHaveLength(1);
        const [connection] = sockets;
        if (!connection) throw new Error('no connection to the key server');
        expect(connection.destroyed).toBe(false);

        await service.close();

        expect(await closesWithin(connection, ENDS_WITHIN_MS)).toBe(true);
      } finally {
        keyServer.closeAllConnections();
        await new Promise((resolve) => keyServer.close(resolve));
      }
    },
    ENDS_WITHIN_MS + 20_000,
  );
});
