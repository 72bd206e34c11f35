/**
 * Issue #19 ("one request must never stall the service") for the admin statistics on the
 * SQLite store: session 34's probe found /admin/stats and /admin/stats/daily scanning months
 * of audit on the main thread, 1.4–1.8 s at 101k cards, while every hook call waited. Now
 * they run in the reader thread (src/store/sqlite-thread-store.ts), so a hook call sent while
 * the statistics are being read is answered first, its audit committed by the writer thread
 * beside the read. The test checks the order in which the answers arrive, not how long
 * anything takes: the statistics read tens of thousands of cards, a hook call a few rows.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonymiser } from '../../src/cds/pseudonyms.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { card, feedback } from '../store/records.js';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';

const ADMIN = 'admin-token-for-tests-0123456789';
/** Cards of October 2026, one every 40 s; the app's clock is 2026-11-01 (test/support/app.ts). */
const CARDS = 40_000;
const OCTOBER = 'from=2026-10-01&to=2026-11-01';
const BATCH = 5_000;
/** Reads that may wait for the reader thread at once (docs/architecture.md: the store's threads) */
const WAITING_READS = 8;

/** The audit of a busy month, written through the store's own write path. */
async function fillOctober(store: Store): Promise<void> {
  for (let first = 0; first < CARDS; first += BATCH) {
    const cards = Array.from({ length: BATCH }, (_, i) => {
      const n = first + i;
      const servedAt = new Date(Date.UTC(2026, 9, 1) + n * 40_000).toISOString();
      return card({
        cardUuid: `october-${String(n)}`,
        servedAt,
        patientKey: `p-${String(n % 997)}`,
      });
    });
    await store.recordCards(cards);
    // Every third card answered, so the statistics join the feedback as on a real site.
    const answered = cards.filter((_, i) => i % 3 === 0);
    await store.recordFeedback(
      answered.map((c) => feedback({ cardUuid: c.cardUuid, outcomeTimestamp: c.servedAt })),
    );
  }
}

describe('the statistics on the SQLite store, off the event loop', () => {
  let dir: string;
  let store: Store;
  let statsAsked: () => void = () => undefined;
  let app: ReturnType<typeof testApp>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'emd-cds-stats-loop-'));
    store = openStore({ sqliteFile: join(dir, 'emd-cds.sqlite') });
    await store.migrate();
    await fillOctober(store);
    // The store as the app sees it, saying when a statistics read has been asked for.
    const told =
      <T>(read: (from: string, to: string) => Promise<T>) =>
      (from: string, to: string) => {
        const answer = read(from, to);
        statsAsked();
        return answer;
      };
    const watched: Store = {
      ...store,
      stats: told((from, to) => store.stats(from, to)),
      dailyStats: told((from, to) => store.dailyStats(from, to)),
    };
    app = testApp({
      audit: { store: watched, pseudonymise: pseudonymiser(randomBytes(32)) },
      adminToken: ADMIN,
    });
    // Warm: the first hook call loads what every later one reuses; each thread is started.
    expect((await hookCall()).status).toBe(200);
    expect((await statsOf('/admin/stats/daily')).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const hookCall = () =>
    request(app)
      .post('/cds-services/emd-patient-view')
      .send(readExampleRequest('emd-liver-kidney-relapse'));
  const statsOf = (route: string) =>
    request(app).get(`${route}?${OCTOBER}`).set('Authorization', `Bearer ${ADMIN}`);

  for (const route of ['/admin/stats', '/admin/stats/daily']) {
    it(`answers a hook call sent while ${route} is being read before the statistics`, async () => {
      const answered: string[] = [];
      const asked = new Promise<void>((resolve) => {
        statsAsked = resolve;
      });
      const stats = statsOf(route).then((response) => {
        answered.push('statistics');
        return response;
      });
      await asked;
      const hook = await hookCall();
      answered.push('hook call');
      const statsResponse = await stats;

      expect(answered).toEqual(['hook call', 'statistics']);
      expect(expectValidHookResponse(hook.body).cards).toHaveLength(1);
      expect(statsResponse.status).toBe(200);
      // Every card of October, each once, whichever thread read them.
      const body = statsResponse.body as {
        rules?: { served: number }[];
        days?: { served: number }[];
      };
      const rows = body.rules ?? body.days ?? [];
      expect(rows.reduce((sum, row) => sum + row.served, 0)).toBe(CARDS);
    }, 60_000);
  }

  it(`answers 503 with Retry-After while ${String(WAITING_READS)} statistics reads wait, and reads again after`, async () => {
    // The reads of admin clients that gave up, still queued for the one reader thread.
    const waiting = Array.from({ length: WAITING_READS }, () =>
      store.dailyStats('2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z'),
    );
    const refused = await statsOf('/admin/stats/daily');
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.body).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'transient' }],
    });
    const answers = await Promise.all(waiting);
    for (const days of answers) expect(days.reduce((sum, day) => sum + day.served, 0)).toBe(CARDS);
    expect((await statsOf('/admin/stats/daily')).status).toBe(200);
  }, 60_000);
});
