/**
 * A request body is read only where a route takes one, and only once its caller is known
 * (docs/security.md §3 "Oversized input": "the body is parsed only after authentication and
 * rate limiting"). A body that is not valid gzip tells whether it was read: read, it is a 400
 * ("could not be decoded"); left unread, the route answers as if it had none.
 */
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { consoleApp } from '../support/console-app.js';

/** Claims gzip, is not: reading it can only fail. */
const NOT_GZIP = Buffer.from('this is not gzip at all');

const diagnosticsOf = (body: unknown) =>
  (body as { issue: { diagnostics: string }[] }).issue.map((issue) => issue.diagnostics);

const post = (app: Parameters<typeof request>[0], path: string, body: Buffer) =>
  request(app)
    .post(path)
    .set('Content-Type', 'application/json')
    .set('Content-Encoding', 'gzip')
    .send(body);

describe('a body sent where no route takes one is never read', () => {
  for (const path of ['/x', '/healthz', '/readyz', '/metrics', '/timeline/settings.json'])
    it(`POST ${path}: answered without decoding it`, async () => {
      const response = await post(testApp(), path, NOT_GZIP);
      expect(response.status).not.toBe(400);
      expect(JSON.stringify(response.body)).not.toMatch(/could not be decoded/);
    });

  it('POST /x with a small gzip body that inflates to 4 MB of nesting: a plain 404', async () => {
    const bomb = gzipSync('['.repeat(4_000_000));
    expect(bomb.length).toBeLessThan(10_000);
    const response = await post(testApp(), '/x', bomb);
    expect(response.status).toBe(404);
  });
});

describe("the console's dry run reads its body only after the admin credential", () => {
  it('answers 401 to a caller without it, without decoding the body', async () => {
    const { app } = await consoleApp();
    const response = await post(app, '/admin/dry-run', NOT_GZIP);
    expect(response.status).toBe(401);
  });

  it('reads the body of an admin: a body that is not gzip is then a 400 saying so', async () => {
    const { app } = await consoleApp();
    const response = await post(app, '/admin/dry-run', NOT_GZIP).set(
      'Authorization',
      'Bearer console-admin-token-0123456789abcdef',
    );
    expect(response.status).toBe(400);
    expect(diagnosticsOf(response.body)).toEqual([
      'request body: could not be decoded as Content-Encoding "gzip"',
    ]);
  });
});

describe("the console's dry run reads its body as a hook call does", () => {
  it('refuses a body nested deeper than 128 levels with the same 400', async () => {
    const { app } = await consoleApp();
    const deep = `{"bundle":${'['.repeat(1000)}${']'.repeat(1000)},"hook":"patient-view"}`;
    const response = await request(app)
      .post('/admin/dry-run')
      .set('Content-Type', 'application/json')
      .set('Authorization', 'Bearer console-admin-token-0123456789abcdef')
      .send(deep);
    expect(response.status).toBe(400);
    expect(diagnosticsOf(response.body)).toEqual([
      'request body: nested deeper than 128 levels of objects and arrays, the most this service reads',
    ]);
  });
});

describe('a hook call still reads its body', () => {
  it('a body that is not gzip is a 400 saying so', async () => {
    const response = await post(testApp(), '/cds-services/emd-patient-view', NOT_GZIP);
    expect(response.status).toBe(400);
    expect(diagnosticsOf(response.body)).toEqual([
      'request body: could not be decoded as Content-Encoding "gzip"',
    ]);
  });
});
