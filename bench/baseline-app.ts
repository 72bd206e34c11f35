/**
 * The ratio denominator: a bare express 5 app that parses the same JSON body with the same
 * limit as the service (5 mb, application/json) and answers a fixed card list. No CORS,
 * helmet, authentication, rate limit, validation, rules or audit. With `verify`, the "verify
 * baseline" (issue #15): the same plus one `jose` verification of the bearer token with the
 * given public key and algorithm, the least an authenticated call must cost (401 if it fails).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { jwtVerify, type CryptoKey } from 'jose';
import { HOST } from './services.js';

const FIXED_CARDS = {
  cards: [
    {
      uuid: '6a1c1f8e-6f1f-4c55-9a0e-0d3c3b6f2a11',
      summary: 'Extramedullary disease: poor prognosis',
      indicator: 'warning',
      detail: 'Fixed answer of the benchmark baseline.',
      source: { label: 'EMD CDS (benchmark baseline)' },
    },
  ],
};

export interface Baseline {
  baseUrl: string;
  close(): Promise<void>;
}

export async function startBaseline(
  verify?: { alg: 'ES384' | 'RS384'; key: CryptoKey },
  bodyLimit = '32mb',
): Promise<Baseline> {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: bodyLimit, type: ['application/json', 'application/fhir+json'] }));
  app.post('/cds-services/:id', async (req, res) => {
    if (verify) {
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      try {
        await jwtVerify(token, verify.key, { algorithms: [verify.alg] });
      } catch {
        res.status(401).end();
        return;
      }
    }
    res.json(FIXED_CARDS);
  });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(0, HOST, (error?: Error) => {
      if (error) reject(error);
      else resolve(listening);
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${HOST}:${String(port)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
