/**
 * The admin routes' 401 (RFC 9110 §15.5.2: a 401 "MUST send a WWW-Authenticate header
 * field containing at least one challenge"; RFC 6750 §3.1: no error code when the request
 * lacks authentication). The expected header is typed from those texts.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';

const ADMIN = 'admin-token-admin-token-admin-token';
const CHALLENGE = 'Bearer realm="admin"';

describe('the admin routes refuse a caller without the admin token with a Bearer challenge', () => {
  const app = testApp({ adminToken: ADMIN, fleet: () => Promise.resolve([]) });

  it.each([
    ['GET', '/admin/config'],
    ['GET', '/admin/examples'],
    ['GET', '/admin/stats/daily'],
    ['POST', '/admin/dry-run'],
    ['GET', '/admin/nodes'],
    ['GET', '/admin/instances'],
  ])('%s %s: 401 with the challenge and an empty body', async (method, path) => {
    for (const authorization of [
      undefined,
      'Bearer not-the-admin-token',
      'Basic YWRtaW46YWRtaW4=',
    ]) {
      const call = method === 'GET' ? request(app).get(path) : request(app).post(path).send({});
      const response = await (authorization ? call.set('Authorization', authorization) : call);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe(CHALLENGE);
      expect(response.text).toBe('');
    }
  });

  it('answers the admin token', async () => {
    const response = await request(app)
      .get('/admin/config')
      .set('Authorization', `Bearer ${ADMIN}`);
    expect(response.status).toBe(200);
    expect(response.headers['www-authenticate']).toBeUndefined();
  });
});
