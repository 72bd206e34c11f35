/**
 * A start that fails half-way closes what it had opened (standards: nothing left
 * half-done). Here the service port is taken: startService rejects with EADDRINUSE, and the
 * metrics listener it had already opened on METRICS_PORT is closed again, so that port can
 * be bound at once; a second start on free ports then works in the same process.
 */
import { createServer, type Server } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { optionsFromEnvironment } from '../src/config/environment.js';
import { startService } from '../src/service.js';
import { testServiceEnv } from './support/service-env.js';

const listening: Server[] = [];
afterEach(async () => {
  await Promise.all(
    listening.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => {
            resolve();
          });
        }),
    ),
  );
});

/** Listens on 127.0.0.1 (port 0: any free one); rejects with the listen error. */
async function listen(port = 0): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  listening.push(server);
  return server;
}

const portOf = (server: Server) => (server.address() as { port: number }).port;

async function freePort(): Promise<number> {
  const server = await listen();
  const port = portOf(server);
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  listening.splice(listening.indexOf(server), 1);
  return port;
}

const options = (env: Record<string, string>) =>
  optionsFromEnvironment(testServiceEnv({ HOST: '127.0.0.1', ...env }));

describe('a start that fails', () => {
  it('closes the metrics listener it had opened when the service port is taken', async () => {
    const taken = portOf(await listen());
    const metricsPort = await freePort();
    await expect(
      startService(
        options({ PORT: String(taken), METRICS_PORT: String(metricsPort) }),
        pino({ level: 'silent' }),
      ),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    // Still open, this listen would fail with EADDRINUSE.
    await expect(listen(metricsPort)).resolves.toBeDefined();

    const service = await startService(
      options({ PORT: '0', METRICS_PORT: '0' }),
      pino({ level: 'silent' }),
    );
    expect((await fetch(service.metricsUrl)).status).toBe(200);
    await service.close();
  });
});
