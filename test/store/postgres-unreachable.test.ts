/**
 * A PostgreSQL URL the service cannot use stops the start naming EMD_CDS_POSTGRES_URL and
 * store.postgresUrl, where it points and why (docs/security.md §3, "Misconfiguration": "a bad
 * one stops the start naming it"), and never the password it carries. The fatal line was
 * pg's own, `connect ECONNREFUSED 127.0.0.1:1`, naming no setting.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { runBuiltService } from '../support/built.js';

const DEADLINE_MS = 30_000;
const FATAL = 60;
const PASSWORD = 'pw-4f9d2c71e8';
/** Nothing listens on port 1 (a privileged port no test or service here binds). */
const UNREACHABLE = `postgres://emd_cds:${PASSWORD}@127.0.0.1:1/emd_cds`;

/**
 * A server that answers pg's startup message with a PostgreSQL ErrorResponse (protocol 3.0,
 * §55.7: 'E', Int32 length, then S, C, M fields each ending in a NUL, then a NUL), as a
 * server refusing the role's password does.
 */
function refusingServer(code: string, message: string): Promise<Server> {
  const server = createServer((socket) => {
    socket.once('data', () => {
      const fields = Buffer.from(`SFATAL\0C${code}\0M${message}\0\0`);
      const length = Buffer.alloc(4);
      length.writeInt32BE(fields.length + 4);
      socket.end(Buffer.concat([Buffer.from('E'), length, fields]));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      resolve(server);
    }),
  );
}

describe('the built service with a PostgreSQL URL it cannot use', () => {
  for (const workers of ['1', '2'])
    it(
      `stops the start (WORKERS=${workers}) naming the setting, host and port, not the password`,
      async () => {
        const { code, output, lines } = await runBuiltService(
          {
            PORT: '0',
            HOST: '127.0.0.1',
            WORKERS: workers,
            EMD_CDS_POSTGRES_URL: UNREACHABLE,
            EMD_CDS_AUDIT_SECRET: Buffer.alloc(32, 9).toString('base64'),
          },
          DEADLINE_MS,
        );
        expect(code).toBe(1);
        const fatal = lines.filter((line) => line.level === FATAL).map((line) => line.msg);
        expect(fatal).toHaveLength(1);
        expect(fatal[0]).toMatch(
          /^EMD_CDS_POSTGRES_URL \(store\.postgresUrl\): 127\.0\.0\.1:1 cannot be reached \(ECONNREFUSED\): /,
        );
        expect(output).not.toContain(PASSWORD);
      },
      DEADLINE_MS,
    );
});

describe('the store with a PostgreSQL URL it cannot use', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    // A server that quotes the password back: the service's line must still not carry it.
    server = await refusingServer('28P01', `password authentication failed (${PASSWORD})`);
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('names a server that refuses the login, with its code, and hides the password', async () => {
    const store = openPostgresStore(`postgresql://emd_cds:${PASSWORD}@127.0.0.1:${String(port)}/x`);
    try {
      const failure = await store.migrate().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(Error);
      const { message } = failure as Error;
      expect(message).toMatch(
        new RegExp(
          `^EMD_CDS_POSTGRES_URL \\(store\\.postgresUrl\\): 127\\.0\\.0\\.1:${String(port)} refused the connection: password authentication failed \\(\\*\\*\\*\\)`,
        ),
      );
      expect(message).not.toContain(PASSWORD);
    } finally {
      await store.close();
    }
  });

  it('names a host that does not resolve (RFC 6761: .invalid never does)', async () => {
    const store = openPostgresStore(`postgres://emd_cds:${PASSWORD}@db.invalid/emd_cds`);
    try {
      await expect(store.migrate()).rejects.toThrow(
        /^EMD_CDS_POSTGRES_URL \(store\.postgresUrl\): db\.invalid:5432 cannot be reached \((ENOTFOUND|EAI_AGAIN)\): /,
      );
    } finally {
      await store.close();
    }
  });
});
