/**
 * Where GET /metrics is answered. Its counters say nothing about patients, but they do say
 * how the service is used and failing, so it is not for the public side: either a listener
 * of its own (METRICS_PORT, on loopback by default) or the admin token as a Bearer
 * credential (../config/deployment-checks.ts decides which, and refuses neither in production).
 */
import express, { type RequestHandler } from 'express';
import type { AddressInfo } from 'node:net';
import { isAdmin, refuseAdmin } from './admin.js';

/** The metrics handler behind `credential` (Bearer, constant-time), or open without one. */
export function guardedMetrics(
  handler: RequestHandler,
  credential: string | undefined,
): RequestHandler {
  if (credential === undefined) return handler;
  return (req, res, next) => {
    // Returned, so express 5 sees a rejected promise as an error.
    if (isAdmin(req.headers.authorization, credential)) return handler(req, res, next);
    refuseAdmin(res, 'metrics');
  };
}

export interface MetricsListener {
  /** e.g. http://127.0.0.1:9464/metrics */
  url: string;
  close(): Promise<void>;
}

/** A listener serving only GET /metrics (in a cluster worker, node:cluster shares the port). */
export async function listenMetrics(args: {
  port: number;
  host: string;
  handler: RequestHandler;
  credential: string | undefined;
}): Promise<MetricsListener> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', guardedMetrics(args.handler, args.credential));
  app.use((_req, res) => {
    res.status(404).end();
  });
  const server = app.listen(args.port, args.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = args.host.includes(':') ? `[${args.host}]` : args.host;
  return {
    url: `http://${host}:${String(port)}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
