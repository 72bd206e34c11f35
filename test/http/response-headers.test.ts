/**
 * The headers every answer carries, now that helmet's are worked out once at start and CORS
 * is skipped for calls without an Origin (issue #15, src/http/security-headers.ts): the same
 * security headers as helmet with its defaults sets (helmet itself is the oracle, on a bare
 * express app), and CORS headers exactly when a browser asks.
 */
import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { readExampleRequest, testApp } from '../support/app.js';

/** What helmet with its defaults adds to an answer: a bare express app with it, and without. */
async function helmetDefaults(): Promise<Record<string, string>> {
  const headersOf = async (withHelmet: boolean) => {
    const app = express();
    if (withHelmet) app.use(helmet());
    app.get('/', (_req, res) => {
      res.json({});
    });
    return (await request(app).get('/')).headers as Record<string, string>;
  };
  const plain = await headersOf(false);
  return Object.fromEntries(
    Object.entries(await headersOf(true)).filter(([name]) => !(name in plain)),
  );
}

describe('security headers', () => {
  it('are helmet’s defaults, on discovery, a service call, health and an unknown path', async () => {
    const expected = await helmetDefaults();
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(10);
    const app = testApp();
    const answers = [
      await request(app).get('/cds-services'),
      await request(app)
        .post('/cds-services/emd-patient-view')
        .send(readExampleRequest('emd-skin-at-diagnosis')),
      await request(app).get('/healthz'),
      await request(app).get('/no-such-path'),
    ];
    for (const answer of answers) {
      for (const [name, value] of Object.entries(expected))
        expect(answer.headers[name], `${name} on ${answer.status}`).toBe(value);
      expect(answer.headers['x-powered-by']).toBeUndefined();
    }
  });
});

describe('CORS headers', () => {
  it('are absent from a call without an Origin, which still says it varies by Origin', async () => {
    const response = await request(testApp())
      .post('/cds-services/emd-patient-view')
      .send(readExampleRequest('emd-skin-at-diagnosis'));
    expect(response.status).toBe(200);
    expect(response.headers.vary).toMatch(/\bOrigin\b/);
    expect(
      Object.keys(response.headers).filter((name) => name.startsWith('access-control-')),
    ).toEqual([]);
  });

  it('grant an allowed browser origin and expose WWW-Authenticate and Allow to it', async () => {
    const response = await request(testApp())
      .post('/cds-services/emd-patient-view')
      .set('Origin', 'https://sandbox.cds-hooks.org')
      .send(readExampleRequest('emd-skin-at-diagnosis'));
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('https://sandbox.cds-hooks.org');
    expect(response.headers['access-control-expose-headers']).toBe('WWW-Authenticate,Allow');
    expect(response.headers.vary).toMatch(/\bOrigin\b/);
  });
});
