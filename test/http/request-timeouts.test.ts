/**
 * Slow-loris protection (docs/security.md §3): the service's HTTP server gives a client
 * 15 s to send a request's headers and 15 s to send the whole request, checked every second
 * (src/service.ts), where Node's defaults are 60 s, 300 s and a check every 30 s. A client
 * that keeps its connection busy with a byte a second, in its headers or in its body, is
 * answered 408 and cut off; Node's defaults would hold it for a minute or more, so "within
 * 40 s" is a generous bound that still tells them apart. The service as `npm start` builds it,
 * real sockets on loopback.
 */
import { connect, type Socket } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { optionsFromEnvironment } from '../../src/config/environment.js';
import { startService, type RunningService } from '../../src/service.js';
import { testServiceEnv } from '../support/service-env.js';

const SERVICE_PATH = '/cds-services/emd-patient-view';
const CUT_OFF_WITHIN_MS = 40_000;

let service: RunningService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

/**
 * Opens a connection, writes `start`, then `drip` once a second until the server closes the
 * connection or `CUT_OFF_WITHIN_MS` pass. Resolves with what the server sent, and whether it
 * closed the connection in time.
 */
function slowClient(port: number, start: string, drip: string) {
  return new Promise<{ closed: boolean; answer: string }>((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let answer = '';
    const timer = setInterval(() => socket.write(drip), 1000);
    const giveUp = setTimeout(() => {
      clearInterval(timer);
      socket.destroy();
      resolve({ closed: false, answer });
    }, CUT_OFF_WITHIN_MS);
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ closed: true, answer });
    });
    socket.write(start);
  });
}

describe('a client that sends its request slowly', () => {
  it(
    'is answered 408 and cut off, whether it drips its headers or its body',
    async () => {
      service = await startService(
        optionsFromEnvironment(testServiceEnv({ HOST: '127.0.0.1', LOG_LEVEL: 'silent' })),
        pino({ level: 'silent' }),
      );
      const port = Number(new URL(service.discoveryUrl).port);

      const [headers, body] = await Promise.all([
        slowClient(port, `POST ${SERVICE_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n`, 'X-Slow: a\r\n'),
        slowClient(
          port,
          `POST ${SERVICE_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
            'Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"hook":"',
          'a',
        ),
      ]);

      expect(headers.closed).toBe(true);
      expect(headers.answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(body.closed).toBe(true);
      expect(body.answer).toMatch(/^HTTP\/1\.1 408 /);
    },
    CUT_OFF_WITHIN_MS + 20_000,
  );
});
