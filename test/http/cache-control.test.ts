/**
 * What the running service answers may be kept by a cache only when it holds no patient data.
 * Cards, feedback answers and everything under /admin (dry-run cards, audit statistics) carry
 * `Cache-Control: no-store` (RFC 9111 §5.2.2.5), error answers included, since an error may
 * quote the request; discovery, which holds only the services, is `no-cache` (RFC 9111
 * §5.2.2.4: a copy is checked each time, as a reload changes it). Real HTTP calls to the
 * service as `npm start` starts it.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optionsFromEnvironment } from '../../src/config/environment.js';
import { startService, type RunningService } from '../../src/service.js';
import { readExampleBundle, readExampleRequest } from '../support/app.js';
import { testServiceEnv } from '../support/service-env.js';

const ADMIN = 'cache-control-test-admin-token-0123456789';
let service: RunningService;
let origin: string;

beforeAll(async () => {
  const env = testServiceEnv({ HOST: '127.0.0.1', EMD_CDS_ADMIN_TOKEN: ADMIN });
  service = await startService(optionsFromEnvironment(env), pino({ level: 'silent' }));
  origin = new URL(service.discoveryUrl).origin;
});
afterAll(async () => {
  await service.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${origin}${path}`, { headers });
const admin = { authorization: `Bearer ${ADMIN}` };

describe('Cache-Control', () => {
  it('is no-store on a hook call’s cards and on the feedback answer for one of them', async () => {
    const call = await post('/cds-services/emd-patient-view', readExampleRequest('emd-and-cns'));
    expect(call.status).toBe(200);
    const { cards } = (await call.json()) as { cards: { uuid: string }[] };
    expect(cards.length).toBeGreaterThan(0);
    expect(call.headers.get('cache-control')).toBe('no-store');

    const feedback = await post('/cds-services/emd-patient-view/feedback', {
      feedback: [
        {
          card: cards[0]?.uuid,
          outcome: 'overridden',
          overrideReason: {
            reason: {
              system: 'https://fhir.emd-cds.org/CodeSystem/override-reason',
              code: 'already-aware',
            },
          },
          outcomeTimestamp: '2026-11-01T00:00:00Z',
        },
      ],
    });
    expect(feedback.status).toBe(200);
    expect(feedback.headers.get('cache-control')).toBe('no-store');
  });

  it('is no-store on the error answers of hook calls and feedback', async () => {
    const answers = [
      await post('/cds-services/emd-patient-view', { hook: 'patient-view' }),
      await post('/cds-services/no-such-service', readExampleRequest('emd-and-cns')),
      await post('/cds-services/emd-patient-view/feedback', { feedback: [] }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([400, 404, 400]);
    for (const answer of answers) expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('is no-store on the console’s dry run, statistics, fleet and refusals under /admin', async () => {
    const dryRun = await post(
      '/admin/dry-run',
      { bundle: readExampleBundle('emd-and-cns'), hook: 'patient-view', now: '2026-11-01' },
      admin,
    );
    expect(dryRun.status).toBe(200);
    expect(((await dryRun.json()) as { cards: unknown[] }).cards.length).toBeGreaterThan(0);
    const answers = [
      dryRun,
      await get('/admin/stats', admin),
      await get('/admin/stats/daily', admin),
      await get('/admin/nodes', admin),
      await get('/admin/config'),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 401]);
    for (const answer of answers) expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('is no-cache on discovery, which holds no patient data but changes on a reload', async () => {
    const discovery = await get('/cds-services');
    expect(discovery.status).toBe(200);
    expect(discovery.headers.get('cache-control')).toBe('no-cache');
  });
});
