/**
 * Issue #17, silent mode over HTTP against the embedded database: a silent rule returns no
 * card, writes one audit row marked silent, and the stats show it beside the live cards per
 * 100 hook calls; feedback naming a silent card is for an unknown card and suppresses
 * nothing. Expected cards are typed from the example patients' stories and the rules page §4
 * (test/examples-expected.ts): emd-and-cns gets emd-cns critical and emd-soft-tissue warning,
 * emd-skin-at-diagnosis emd-soft-tissue warning, cns-parenchymal emd-cns critical,
 * no-myeloma nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import type { DryRunAnswer } from '../../src/cds/dry-run-request.js';
import { pseudonymiser } from '../../src/cds/pseudonyms.js';
import { parseConfigText } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';
import type { ServiceSettings } from '../../src/cds/service-settings.js';
import { callTally, type CallTally } from '../../src/store/call-tally.js';
import { openStore } from '../../src/store/open-store.js';
import type { StatsReport } from '../../src/store/stats-report.js';
import type { Store } from '../../src/store/store.js';
import {
  expectValidHookResponse,
  readExampleBundle,
  readExampleRequest,
  testApp,
} from '../support/app.js';

const ADMIN = 'admin-token-for-tests-0123456789';
const SILENT_SOFT_TISSUE = 'rules:\n  emd-soft-tissue:\n    mode: silent\n';
let toClose: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of toClose.reverse()) await close();
  toClose = [];
});

/** The real app on a real SQLite file; `use` swaps the configuration, as a reload does. */
async function auditedApp(configText: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'emd-cds-silent-')), 'audit.sqlite');
  const store: Store = openStore({ sqliteFile: file });
  await store.migrate();
  const calls: CallTally = callTally(store);
  toClose.push(
    () => store.close(),
    () => calls.close(),
  );
  const build = (text: string) =>
    buildSettings(parseConfigText(text, 'site.yaml'), { file: undefined });
  let settings: ServiceSettings = build(configText);
  const app = testApp({
    settings: () => settings,
    audit: { store, pseudonymise: pseudonymiser(randomBytes(32)), calls },
    adminToken: ADMIN,
  });
  const use = (text: string) => {
    settings = build(text);
  };
  return { app, file, use };
}

type App = Awaited<ReturnType<typeof auditedApp>>['app'];

async function cardsFor(app: App, example: string): Promise<string[]> {
  const response = await request(app)
    .post('/cds-services/emd-patient-view')
    // A hook call of its own each time (a new hookInstance), as an EHR makes them.
    .send({ ...readExampleRequest(example), hookInstance: randomUUID() });
  expect(response.status).toBe(200);
  return expectValidHookResponse(response.body).cards.map(
    (card) => `${String(card.extension?.[CARD_EXTENSION.ruleId])} ${card.indicator}`,
  );
}

function auditRows(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare('SELECT card_uuid, rule_id, indicator, silent FROM card_audit ORDER BY rule_id')
      .all() as { card_uuid: string; rule_id: string; indicator: string; silent: number }[];
  } finally {
    db.close();
  }
}

describe('silent mode over HTTP', () => {
  it('returns no card for a silent rule and audits it once, marked silent', async () => {
    const { app, file } = await auditedApp(SILENT_SOFT_TISSUE);
    expect(await cardsFor(app, 'emd-and-cns')).toEqual(['emd-cns critical']);
    expect(
      auditRows(file).map(({ rule_id, indicator, silent }) => [rule_id, indicator, silent]),
    ).toEqual([
      ['emd-cns', 'critical', 0],
      ['emd-soft-tissue', 'warning', 1],
    ]);
  });

  it('shows silent next to live per rule in /admin/stats, per 100 hook calls', async () => {
    const { app } = await auditedApp(SILENT_SOFT_TISSUE);
    expect(await cardsFor(app, 'emd-and-cns')).toEqual(['emd-cns critical']);
    expect(await cardsFor(app, 'emd-skin-at-diagnosis')).toEqual([]);
    expect(await cardsFor(app, 'cns-parenchymal')).toEqual(['emd-cns critical']);
    expect(await cardsFor(app, 'no-myeloma')).toEqual([]);

    const response = await request(app)
      .get('/admin/stats?from=2000-01-01&to=2100-01-01')
      .set('Authorization', `Bearer ${ADMIN}`);
    expect(response.status).toBe(200);
    const body = response.body as StatsReport;
    expect(body.hookCalls).toEqual({ 'emd-patient-view': 4 });
    const none = { info: 0, warning: 0, critical: 0 };
    expect(body.rules).toEqual([
      expect.objectContaining({
        ruleId: 'emd-cns',
        served: 2,
        unanswered: 2,
        byIndicator: { ...none, critical: 2 },
        silent: { cards: 0, byIndicator: none },
        perHundredCalls: {
          served: { all: 50, info: 0, warning: 0, critical: 50 },
          silent: { all: 0, info: 0, warning: 0, critical: 0 },
          suppressed: { all: 0, info: 0, warning: 0, critical: 0 },
        },
      }),
      expect.objectContaining({
        ruleId: 'emd-soft-tissue',
        served: 0,
        unanswered: 0,
        byIndicator: none,
        silent: { cards: 2, byIndicator: { ...none, warning: 2 } },
        perHundredCalls: {
          served: { all: 0, info: 0, warning: 0, critical: 0 },
          silent: { all: 50, info: 0, warning: 50, critical: 0 },
          suppressed: { all: 0, info: 0, warning: 0, critical: 0 },
        },
      }),
    ]);
  });

  it('says in a dry run why a silent rule that fired has no card', async () => {
    const { app, file } = await auditedApp(SILENT_SOFT_TISSUE);
    const response = await request(app)
      .post('/admin/dry-run')
      .set('Authorization', `Bearer ${ADMIN}`)
      .send({ bundle: readExampleBundle('emd-and-cns'), hook: 'patient-view', now: '2026-11-01' });
    expect(response.status).toBe(200);
    const answer = response.body as DryRunAnswer;
    expect(answer.cards.map((card) => card.extension?.[CARD_EXTENSION.ruleId])).toEqual([
      'emd-cns',
    ]);
    const softTissue = answer.outcomes.find((outcome) => outcome.ruleId === 'emd-soft-tissue');
    expect(softTissue).toMatchObject({ fired: true, indicator: 'warning' });
    expect(softTissue?.explain.at(-1)).toBe(
      'silent mode: the card is built and audited, never returned (docs/go-live.md)',
    );
    expect(auditRows(file)).toEqual([]); // a dry run audits nothing
  });

  it('answers feedback on a silent card as for an unknown card, and it suppresses nothing once live', async () => {
    const suppressing = 'emd-soft-tissue:\n    suppressAfterOverrideDays: 30\n';
    const { app, file, use } = await auditedApp(`rules:\n  ${suppressing}    mode: silent\n`);
    expect(await cardsFor(app, 'emd-skin-at-diagnosis')).toEqual([]);
    const [silentCard] = auditRows(file);
    expect(silentCard?.silent).toBe(1);
    const feedback = await request(app)
      .post('/cds-services/emd-patient-view/feedback')
      .send({
        feedback: [
          {
            card: silentCard?.card_uuid,
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
    expect(feedback.body).toEqual({
      stored: 1,
      duplicates: 0,
      unknownCards: 1,
      otherClient: 0,
      unofferedReasons: 0,
    });

    use(`rules:\n  ${suppressing}`);
    expect(await cardsFor(app, 'emd-skin-at-diagnosis')).toEqual(['emd-soft-tissue warning']);
  });
});
