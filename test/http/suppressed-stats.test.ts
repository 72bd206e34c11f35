/**
 * The cards suppression hid, over HTTP against the embedded database: with emd-soft-tissue
 * suppressed for 30 days after an override, a clinician overrides its card, and the next two
 * calls for the patient do not show it. /admin/stats counts them beside the card served, per
 * 100 hook calls; /metrics counts them as mode "suppressed"; the store holds counts only.
 * Expected cards from the example patients' stories (test/examples-expected.ts): emd-and-cns
 * gets emd-cns critical and emd-soft-tissue warning. So: 3 calls, emd-cns 3 served (100 per
 * 100 calls), emd-soft-tissue 1 served and overridden, 2 suppressed (66.7 per 100 calls).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { pseudonymiser } from '../../src/cds/pseudonyms.js';
import { parseConfigText } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { createPrometheusMetrics } from '../../src/http/prometheus-metrics.js';
import { callTally, type CallTally } from '../../src/store/call-tally.js';
import { openStore } from '../../src/store/open-store.js';
import type { StatsReport } from '../../src/store/stats-report.js';
import type { Store } from '../../src/store/store.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';

const ADMIN = 'admin-token-for-tests-0123456789';
const SERVICE = '/cds-services/emd-patient-view';
const none = { info: 0, warning: 0, critical: 0 };

let file: string;
let store: Store;
let calls: CallTally;
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  file = join(mkdtempSync(join(tmpdir(), 'emd-cds-suppressed-')), 'audit.sqlite');
  store = openStore({ sqliteFile: file });
  await store.migrate();
  calls = callTally(store);
  const settings = buildSettings(
    parseConfigText('rules:\n  emd-soft-tissue:\n    suppressAfterOverrideDays: 30\n', 'site.yaml'),
    { file: undefined },
  );
  app = testApp({
    settings: () => settings,
    metrics: createPrometheusMetrics(),
    audit: { store, pseudonymise: pseudonymiser(randomBytes(32)), calls },
    adminToken: ADMIN,
  });
});
afterAll(async () => {
  await calls.close();
  await store.close();
});

async function callFor(example: string): Promise<Card[]> {
  const response = await request(app)
    .post(SERVICE)
    // A hook call of its own each time (a new hookInstance), as an EHR makes them.
    .send({ ...readExampleRequest(example), hookInstance: randomUUID() });
  expect(response.status).toBe(200);
  return expectValidHookResponse(response.body).cards;
}

const ruleOf = (card: Card) => card.extension?.[CARD_EXTENSION.ruleId];

describe('cards suppression hid, in the statistics', () => {
  it('counts them per rule, service and level beside the cards served, per 100 calls', async () => {
    const first = await callFor('emd-and-cns');
    expect(first.map(ruleOf)).toEqual(['emd-cns', 'emd-soft-tissue']);
    const feedback = await request(app)
      .post(`${SERVICE}/feedback`)
      .send({
        feedback: [
          { card: first[1]?.uuid, outcome: 'overridden', outcomeTimestamp: '2026-10-31T12:00:00Z' },
        ],
      });
    expect(feedback.status).toBe(200);
    expect((await callFor('emd-and-cns')).map(ruleOf)).toEqual(['emd-cns']);
    expect((await callFor('emd-and-cns')).map(ruleOf)).toEqual(['emd-cns']);

    const response = await request(app)
      .get('/admin/stats?from=2026-10-01&to=2026-12-01')
      .set('Authorization', `Bearer ${ADMIN}`);
    expect(response.status).toBe(200);
    const body = response.body as StatsReport;
    expect(body.hookCalls).toEqual({ 'emd-patient-view': 3 });
    expect(body.rules).toEqual([
      expect.objectContaining({
        ruleId: 'emd-cns',
        served: 3,
        suppressed: { cards: 0, byIndicator: none },
        perHundredCalls: {
          served: { all: 100, info: 0, warning: 0, critical: 100 },
          silent: { all: 0, info: 0, warning: 0, critical: 0 },
          suppressed: { all: 0, info: 0, warning: 0, critical: 0 },
        },
      }),
      expect.objectContaining({
        ruleId: 'emd-soft-tissue',
        served: 1,
        overridden: 1,
        unanswered: 0,
        suppressed: { cards: 2, byIndicator: { ...none, warning: 2 } },
        perHundredCalls: {
          served: { all: 33.3, info: 0, warning: 33.3, critical: 0 },
          silent: { all: 0, info: 0, warning: 0, critical: 0 },
          suppressed: { all: 66.7, info: 0, warning: 66.7, critical: 0 },
        },
      }),
    ]);
  });

  it('counts them in /metrics as mode "suppressed"', async () => {
    const text = (await request(app).get('/metrics')).text;
    expect(text).toMatch(
      /emd_cds_cards_total\{rule="emd-soft-tissue",indicator="warning",mode="suppressed",service="emd-patient-view"\} 2/,
    );
    expect(text).toMatch(
      /emd_cds_cards_total\{rule="emd-soft-tissue",indicator="warning",mode="live",service="emd-patient-view"\} 1/,
    );
  });

  it('stores counts only: hour, service, rule, level and number, nothing of the patient', () => {
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT * FROM suppressed_card_count').all()).toEqual([
        {
          hour_start: '2026-11-01T00:00:00.000Z',
          service_id: 'emd-patient-view',
          rule_id: 'emd-soft-tissue',
          indicator: 'warning',
          cards: 2,
        },
      ]);
    } finally {
      db.close();
    }
  });
});
