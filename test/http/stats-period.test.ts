/**
 * The period of GET /admin/stats and /admin/stats/daily on the real app: [from, to) in UTC,
 * never in the server's time zone; anything else is a 400 naming the field. The app's clock
 * is 2026-11-01T00:00:00Z (test/support/app.ts).
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { BEARER, consoleApp, firstIssue } from '../support/console-app.js';

const ROUTES = ['/admin/stats', '/admin/stats/daily'] as const;

describe('the statistics period', () => {
  it('answers 400 naming `from` for a date-time without offset, on both routes', async () => {
    const { app } = await consoleApp();
    for (const route of ROUTES)
      for (const from of ['2026-10-31T00:00', '10/31/2026', '2026-02-30']) {
        const response = await request(app)
          .get(`${route}?from=${encodeURIComponent(from)}&to=2026-11-01`)
          .set('Authorization', BEARER);
        expect([route, from, response.status]).toEqual([route, from, 400]);
        expect(firstIssue(response.body).expression).toEqual(['from']);
      }
  });

  it('answers 400 naming `to` when it is not later than `from`', async () => {
    const { app } = await consoleApp();
    for (const route of ROUTES) {
      const response = await request(app)
        .get(`${route}?from=2026-11-01&to=2026-10-01`)
        .set('Authorization', BEARER);
      expect([route, response.status]).toEqual([route, 400]);
      expect(firstIssue(response.body).expression).toEqual(['to']);
    }
  });

  it('reads a date as 00:00 UTC, an offset as written, and `to` alone as the 30 days before it', async () => {
    const { app } = await consoleApp();
    const cases: [string, { from: string; to: string }][] = [
      [
        'from=2026-10-01&to=2026-10-02',
        { from: '2026-10-01T00:00:00.000Z', to: '2026-10-02T00:00:00.000Z' },
      ],
      [
        `from=${encodeURIComponent('2026-10-01T00:00:00+08:00')}&to=2026-10-02T00:00:00Z`,
        { from: '2026-09-30T16:00:00.000Z', to: '2026-10-02T00:00:00.000Z' },
      ],
      ['to=2026-10-01', { from: '2026-09-01T00:00:00.000Z', to: '2026-10-01T00:00:00.000Z' }],
      ['', { from: '2026-10-02T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' }],
    ];
    for (const route of ROUTES)
      for (const [query, period] of cases) {
        const response = await request(app).get(`${route}?${query}`).set('Authorization', BEARER);
        expect([route, query, response.status]).toEqual([route, query, 200]);
        expect([route, query, response.body]).toMatchObject([route, query, period]);
      }
  });
});
