/**
 * Issue #7 over HTTP against the embedded database: every card served is audited before the
 * answer; feedback round-trips to the statistics; repeats are idempotent; bad feedback gets a
 * 400 naming the field; suppression after an override works both ways; and nothing that
 * identifies the patient is stored.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { pseudonymiser } from '../../src/cds/pseudonyms.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { parseConfigText } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { override } from '../store/records.js';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';

const ADMIN = 'admin-token-for-tests-0123456789';
let stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.map((s) => s.close()));
  stores = [];
});

async function auditedApp(configText = '') {
  const file = join(mkdtempSync(join(tmpdir(), 'emd-cds-audit-')), 'audit.sqlite');
  const store = openStore({ sqliteFile: file });
  stores.push(store);
  await store.migrate();
  const settings = buildSettings(parseConfigText(configText, 'site.yaml'), { file: undefined });
  const app = testApp({
    settings: () => settings,
    audit: { store, pseudonymise: pseudonymiser(randomBytes(32)) },
    adminToken: ADMIN,
  });
  return { app, store, file };
}

async function serve(app: Parameters<typeof request>[0], body: object): Promise<Card[]> {
  const response = await request(app).post('/cds-services/emd-patient-view').send(body);
  expect(response.status).toBe(200);
  return expectValidHookResponse(response.body).cards;
}

const ruleOf = (card: Card | undefined) => card?.extension?.[CARD_EXTENSION.ruleId];
const overridden = (card: string, code = 'already-aware') => ({
  card,
  outcome: 'overridden',
  overrideReason: {
    reason: { system: 'https://fhir.emd-cds.org/CodeSystem/override-reason', code },
  },
  outcomeTimestamp: '2026-11-01T00:00:00Z',
});

describe('feedback round-trip', () => {
  it('stores accepted and overridden feedback once, and counts it per rule', async () => {
    const { app } = await auditedApp();
    const cards = await serve(app, readExampleRequest('emd-and-cns'));
    const [cns, softTissue] = cards;
    expect([ruleOf(cns), ruleOf(softTissue)]).toEqual(['emd-cns', 'emd-soft-tissue']);
    const feedback = {
      feedback: [
        {
          card: cns?.uuid,
          outcome: 'accepted',
          acceptedSuggestions: [{ id: cns?.suggestions?.[0]?.uuid }],
          outcomeTimestamp: '2026-11-01T00:00:00Z',
        },
        overridden(softTissue?.uuid ?? ''),
      ],
    };
    const first = await request(app).post('/cds-services/emd-patient-view/feedback').send(feedback);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      stored: 2,
      duplicates: 0,
      unknownCards: 0,
      otherClient: 0,
      unofferedReasons: 0,
    });
    const again = await request(app).post('/cds-services/emd-patient-view/feedback').send(feedback);
    expect(again.body).toEqual({
      stored: 0,
      duplicates: 2,
      unknownCards: 0,
      otherClient: 0,
      unofferedReasons: 0,
    });

    const stats = await request(app)
      .get('/admin/stats?from=2026-10-01&to=2026-12-01')
      .set('Authorization', `Bearer ${ADMIN}`);
    expect(stats.status).toBe(200);
    const rules = (
      stats.body as {
        rules: {
          ruleId: string;
          served: number;
          accepted: number;
          overridden: number;
          unanswered: number;
          overrideReasons: { code: string; count: number }[];
        }[];
      }
    ).rules;
    expect(rules.find((r) => r.ruleId === 'emd-cns')).toMatchObject({
      served: 1,
      accepted: 1,
      overridden: 0,
      unanswered: 0,
    });
    expect(rules.find((r) => r.ruleId === 'emd-soft-tissue')).toMatchObject({
      served: 1,
      accepted: 0,
      overridden: 1,
      unanswered: 0,
      overrideReasons: [{ code: 'already-aware', count: 1 }],
    });
  });

  it('keeps feedback for a card it never served, marked unknown', async () => {
    const { app } = await auditedApp();
    const response = await request(app)
      .post('/cds-services/emd-patient-view/feedback')
      .send({ feedback: [overridden('f2a36c4e-8a35-4a8e-9a30-0c1f7f5c0b11')] });
    expect(response.body).toEqual({
      stored: 1,
      duplicates: 0,
      unknownCards: 1,
      otherClient: 0,
      unofferedReasons: 0,
    });
  });

  it('guards the statistics with the admin credential', async () => {
    const { app } = await auditedApp();
    const refused = await request(app).get('/admin/stats');
    expect(refused.status).toBe(401);
    // RFC 9110 §15.5.2: a 401 carries a challenge; RFC 6750 §3.1: no error code without a token.
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="admin"');
    expect(
      (
        await request(app)
          .get('/admin/stats')
          .set('Authorization', 'Bearer wrong-token-wrong-token')
      ).status,
    ).toBe(401);
    expect(
      (
        await request(app)
          .get('/admin/stats?from=yesterday')
          .set('Authorization', `Bearer ${ADMIN}`)
      ).status,
    ).toBe(400);
  });

  it('stores no patient identifier, name or record text', async () => {
    const { app, file } = await auditedApp();
    const body = readExampleRequest('emd-and-cns');
    const cards = await serve(app, body);
    await request(app)
      .post('/cds-services/emd-patient-view/feedback')
      .send({ feedback: [overridden(cards[0]?.uuid ?? '')] });
    const bytes =
      readFileSync(file).toString('latin1') +
      readFileSync(`${file}-wal`, { flag: 'a+' }).toString('latin1');
    for (const secret of ['emd-and-cns', 'Pericardial', 'Spinal cord', 'Condition/'])
      expect(bytes).not.toContain(secret);
  });
});

describe('feedback validation', () => {
  const cases: [string, object, string][] = [
    ['no feedback array', {}, 'feedback'],
    ['an empty feedback array', { feedback: [] }, 'feedback'],
    [
      'an unknown outcome',
      { feedback: [{ card: 'c1', outcome: 'ignored', outcomeTimestamp: '2026-11-01T00:00:00Z' }] },
      'feedback[0].outcome',
    ],
    [
      'accepted without acceptedSuggestions',
      { feedback: [{ card: 'c1', outcome: 'accepted', outcomeTimestamp: '2026-11-01T00:00:00Z' }] },
      'feedback[0].acceptedSuggestions',
    ],
    [
      'an override reason with neither reason nor comment',
      {
        feedback: [
          {
            card: 'c1',
            outcome: 'overridden',
            overrideReason: {},
            outcomeTimestamp: '2026-11-01T00:00:00Z',
          },
        ],
      },
      'feedback[0].overrideReason',
    ],
    // CDS Hooks 2.0 §1.1: "JSON elements SHALL NOT be null or empty" ("", [] and {}): an
    // empty comment is no comment (and alone leaves overrideReason empty, against cds-fb-3).
    ...(
      [
        ['an override reason whose only comment is empty', { userComment: '' }, 'userComment'],
        [
          'an override reason with an empty comment beside its reason',
          { reason: { code: 'already-aware', system: 'https://x.example' }, userComment: '' },
          'userComment',
        ],
        [
          'a reason Coding with an empty display',
          { reason: { code: 'already-aware', system: 'https://x.example', display: '' } },
          'reason.display',
        ],
      ] as const
    ).map(([name, overrideReason, field]): [string, object, string] => [
      name,
      {
        feedback: [
          {
            card: 'c1',
            outcome: 'overridden',
            overrideReason,
            outcomeTimestamp: '2026-11-01T00:00:00Z',
          },
        ],
      },
      `feedback[0].overrideReason.${field}`,
    ]),
    [
      'an empty acceptedSuggestions array on an override',
      {
        feedback: [
          {
            card: 'c1',
            outcome: 'overridden',
            acceptedSuggestions: [],
            outcomeTimestamp: '2026-11-01T00:00:00Z',
          },
        ],
      },
      'feedback[0].acceptedSuggestions',
    ],
    [
      'a timestamp that is not RFC 3339',
      { feedback: [{ card: 'c1', outcome: 'overridden', outcomeTimestamp: '01/11/2026' }] },
      'feedback[0].outcomeTimestamp',
    ],
    [
      'no card',
      { feedback: [{ outcome: 'overridden', outcomeTimestamp: '2026-11-01T00:00:00Z' }] },
      'feedback[0].card',
    ],
  ];
  // RFC 3339 §5.7's ranges; V8's Date.parse reads the first as 2 March.
  for (const outcomeTimestamp of [
    '2026-02-30T15:10:00Z',
    '2026-02-29T15:10:00Z',
    '1900-02-29T15:10:00Z',
    '2026-04-31T15:10:00Z',
    '2026-00-10T15:10:00Z',
    '2026-13-10T15:10:00Z',
    '2026-11-00T15:10:00Z',
    '2026-11-01T24:00:00Z',
    '2026-11-01T10:60:00Z',
    '2026-11-01T10:05:60Z',
    '2026-11-01T10:05:31+24:00',
    '2026-11-01T10:05:31+05:60',
  ])
    cases.push([
      `an impossible date-time ${outcomeTimestamp}`,
      { feedback: [{ card: 'c1', outcome: 'overridden', outcomeTimestamp }] },
      'feedback[0].outcomeTimestamp',
    ]);
  // Every case is refused before anything is stored, so they share one app (each costs ~0.3 s).
  let refusing: ReturnType<typeof auditedApp> | undefined;
  it.each(cases)('answers 400 naming the field for %s', async (_name, body, expression) => {
    const { app } = await (refusing ??= auditedApp());
    const response = await request(app).post('/cds-services/emd-patient-view/feedback').send(body);
    expect(response.status).toBe(400);
    expect(
      (response.body as { issue: { expression?: string[] }[] }).issue.flatMap(
        (i) => i.expression ?? [],
      ),
    ).toContain(expression);
  });

  // cds-fb-2: acceptedSuggestions is required when accepted. Sent empty, it is there but too
  // short: one issue saying so, not a second one calling it absent.
  it('says of an empty acceptedSuggestions on an acceptance only that it needs one', async () => {
    const { app } = await (refusing ??= auditedApp());
    const response = await request(app)
      .post('/cds-services/emd-patient-view/feedback')
      .send({
        feedback: [
          {
            card: 'c1',
            outcome: 'accepted',
            acceptedSuggestions: [],
            outcomeTimestamp: '2026-11-01T00:00:00Z',
          },
        ],
      });
    expect(response.status).toBe(400);
    const issues = (
      response.body as { issue: { expression?: string[]; diagnostics: string }[] }
    ).issue.filter((i) => i.expression?.includes('feedback[0].acceptedSuggestions'));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.diagnostics).not.toMatch(/is required/);
  });

  it('says of a timestamp with no offset only that it is not RFC 3339', async () => {
    const { app } = await (refusing ??= auditedApp());
    const response = await request(app)
      .post('/cds-services/emd-patient-view/feedback')
      .send({ feedback: [{ ...overridden('c1'), outcomeTimestamp: '2026-11-01T17:00:00' }] });
    expect(response.status).toBe(400);
    const said = (
      response.body as { issue: { expression?: string[]; diagnostics: string }[] }
    ).issue
      .filter((i) => i.expression?.includes('feedback[0].outcomeTimestamp'))
      .map((i) => i.diagnostics);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/must be an RFC 3339 date-time/);
  });

  it('tells a field of the wrong type from an absent one', async () => {
    const { app } = await auditedApp();
    const response = await request(app)
      .post('/cds-services/emd-patient-view/feedback')
      .send({
        feedback: [{ card: 42, outcome: 'overridden' }],
      });
    expect(response.status).toBe(400);
    expect((response.body as { issue: unknown[] }).issue).toEqual([
      {
        severity: 'error',
        code: 'value',
        diagnostics: 'feedback[0].card: must be a string',
        expression: ['feedback[0].card'],
      },
      {
        severity: 'error',
        code: 'required',
        diagnostics: 'feedback[0].outcomeTimestamp: is required',
        expression: ['feedback[0].outcomeTimestamp'],
      },
    ]);
  });

  it('accepts real date-times, leap days and offsets included', async () => {
    const { app } = await auditedApp();
    // All before the test clock, 2026-11-01T00:00:00Z (later ones are refused, below).
    for (const outcomeTimestamp of [
      '2024-02-29T10:05:31Z',
      '2000-02-29T10:05:31Z',
      '2025-12-31T23:59:59.999+14:00',
      '2026-10-31T00:00:00-05:30',
    ]) {
      const response = await request(app)
        .post('/cds-services/emd-patient-view/feedback')
        .send({ feedback: [{ ...overridden('c1'), outcomeTimestamp }] });
      expect([outcomeTimestamp, response.status]).toEqual([outcomeTimestamp, 200]);
    }
  });

  it('refuses an outcome dated more than five minutes after its clock, and stores nothing', async () => {
    // The test clock is 2026-11-01T00:00:00Z (test/support/app.ts).
    const { app } = await auditedApp();
    const send = (outcomeTimestamp: string) =>
      request(app)
        .post('/cds-services/emd-patient-view/feedback')
        .send({ feedback: [overridden('c1'), { ...overridden('c2'), outcomeTimestamp }] });
    for (const late of [
      '2026-11-01T00:05:01Z',
      '2026-11-01T00:04:00-05:00',
      '2099-01-01T00:00:00Z',
    ]) {
      const response = await send(late);
      expect([late, response.status]).toEqual([late, 400]);
      expect((response.body as { issue: unknown[] }).issue).toEqual([
        {
          severity: 'error',
          code: 'invalid',
          diagnostics:
            "feedback[1].outcomeTimestamp: is later than this service's clock (2026-11-01T00:00:00.000Z) by more than 5 minutes: check the client's clock",
          expression: ['feedback[1].outcomeTimestamp'],
        },
      ]);
    }
    // Within the five minutes a client's clock may run ahead: taken, with the first item.
    expect((await send('2026-11-01T05:05:00+05:00')).body).toMatchObject({
      stored: 2,
      duplicates: 0,
    });
  });

  it('answers 404 for feedback to an unknown service', async () => {
    const { app } = await auditedApp();
    expect(
      (
        await request(app)
          .post('/cds-services/nope/feedback')
          .send({ feedback: [overridden('c1')] })
      ).status,
    ).toBe(404);
  });
});

describe('feedback checked against the card it answers (docs/integrating.md §4)', () => {
  const FEEDBACK = '/cds-services/emd-patient-view/feedback';
  const expressionsOf = (body: unknown) =>
    (body as { issue: { expression?: string[] }[] }).issue.flatMap((i) => i.expression ?? []);
  const statsOf = async (app: Parameters<typeof request>[0]) =>
    (
      (
        await request(app)
          .get('/admin/stats?from=2026-10-01&to=2026-12-01')
          .set('Authorization', `Bearer ${ADMIN}`)
      ).body as {
        rules: { ruleId: string; overridden: number; accepted: number; overrideReasons: unknown }[];
      }
    ).rules;

  it('keeps an override reason the card did not offer, counts it apart, and never as the card’s', async () => {
    const { app } = await auditedApp();
    const [card] = await serve(app, readExampleRequest('emd-liver-kidney-relapse'));
    expect(ruleOf(card)).toBe('emd-soft-tissue');
    const response = await request(app)
      .post(FEEDBACK)
      .send({
        feedback: [
          {
            card: card?.uuid,
            outcome: 'overridden',
            overrideReason: { reason: { code: 'made-up', system: 'http://evil' } },
            outcomeTimestamp: '2026-11-01T00:00:00Z',
          },
        ],
      });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      stored: 1,
      duplicates: 0,
      unknownCards: 0,
      otherClient: 0,
      unofferedReasons: 1,
    });
    expect((await statsOf(app)).find((r) => r.ruleId === 'emd-soft-tissue')).toMatchObject({
      overridden: 1,
      overrideReasons: [{ code: '(not offered)', count: 1 }],
    });
  });

  it('takes a reason of the card sent without display, as the CDS Hooks Sandbox sends it', async () => {
    const { app } = await auditedApp();
    const [card] = await serve(app, readExampleRequest('emd-liver-kidney-relapse'));
    // §3.1 of the spec notes: {reason: {code, system}}, no display.
    const response = await request(app)
      .post(FEEDBACK)
      .send({ feedback: [overridden(card?.uuid ?? '', 'data-incorrect')] });
    expect(response.body).toEqual({
      stored: 1,
      duplicates: 0,
      unknownCards: 0,
      otherClient: 0,
      unofferedReasons: 0,
    });
    expect((await statsOf(app)).find((r) => r.ruleId === 'emd-soft-tissue')).toMatchObject({
      overridden: 1,
      overrideReasons: [
        {
          system: 'https://fhir.emd-cds.org/CodeSystem/override-reason',
          code: 'data-incorrect',
          count: 1,
        },
      ],
    });
  });

  it('refuses with 400 a suggestion the card never offered, and stores nothing of the request', async () => {
    const { app } = await auditedApp();
    const [cns, softTissue] = await serve(app, readExampleRequest('emd-and-cns'));
    expect([ruleOf(cns), ruleOf(softTissue)]).toEqual(['emd-cns', 'emd-soft-tissue']);
    expect(softTissue?.suggestions).toBeUndefined();
    const good = overridden(cns?.uuid ?? '');
    const cases: [object, string][] = [
      [
        {
          card: cns?.uuid,
          outcome: 'accepted',
          acceptedSuggestions: [{ id: cns?.suggestions?.[0]?.uuid }, { id: 'not-a-suggestion' }],
          outcomeTimestamp: '2026-11-01T00:00:00Z',
        },
        'feedback[1].acceptedSuggestions[1].id',
      ],
      [
        // A card without suggestions can only be overridden (§4).
        {
          card: softTissue?.uuid,
          outcome: 'accepted',
          acceptedSuggestions: [{ id: cns?.suggestions?.[0]?.uuid }],
          outcomeTimestamp: '2026-11-01T00:00:00Z',
        },
        'feedback[1].acceptedSuggestions[0].id',
      ],
    ];
    for (const [bad, expression] of cases) {
      const response = await request(app)
        .post(FEEDBACK)
        .send({ feedback: [good, bad] });
      expect([expression, response.status]).toEqual([expression, 400]);
      expect(expressionsOf(response.body)).toEqual([expression]);
    }
    // Nothing half-written: the good item alone is stored now, not a duplicate.
    expect(
      (
        await request(app)
          .post(FEEDBACK)
          .send({ feedback: [good] })
      ).body,
    ).toMatchObject({
      stored: 1,
      duplicates: 0,
    });
    expect((await statsOf(app)).find((r) => r.ruleId === 'emd-cns')).toMatchObject({
      accepted: 0,
      overridden: 1,
    });
  });

  it('refuses with 400 feedback sent to a service other than the one that served the card', async () => {
    const { app } = await auditedApp();
    const [card] = await serve(app, readExampleRequest('emd-liver-kidney-relapse'));
    const body = { feedback: [overridden(card?.uuid ?? '')] };
    const wrong = await request(app)
      .post('/cds-services/emd-imaging-order-sign/feedback')
      .send(body);
    expect(wrong.status).toBe(400);
    expect(expressionsOf(wrong.body)).toEqual(['feedback[0].card']);
    expect(JSON.stringify(wrong.body)).toContain('/cds-services/emd-patient-view/feedback');
    expect((await request(app).post(FEEDBACK).send(body)).body).toMatchObject({
      stored: 1,
      duplicates: 0,
      unknownCards: 0,
    });
  });
});

describe('suppression after an override', () => {
  const config =
    'rules:\n  emd-soft-tissue:\n    suppressAfterOverrideDays: 30\n  emd-cns:\n    suppressAfterOverrideDays: 30\n';

  it('hides an overridden warning until its evidence changes', async () => {
    const { app } = await auditedApp(config);
    const body = readExampleRequest('emd-liver-kidney-relapse');
    const [card] = await serve(app, body);
    expect(ruleOf(card)).toBe('emd-soft-tissue');
    await request(app)
      .post('/cds-services/emd-patient-view/feedback')
      .send({ feedback: [overridden(card?.uuid ?? '')] })
      .expect(200);
    expect(await serve(app, body)).toEqual([]);

    const changed = structuredClone(body) as { prefetch: { conditions: fhir4.Bundle } };
    const liver = changed.prefetch.conditions.entry
      ?.map((e) => e.resource as fhir4.Condition)
      .find((c) => c.bodySite?.[0]?.coding?.[0]?.code === '10200004');
    if (!liver) throw new Error('example changed: no liver finding');
    const breast: fhir4.Condition = {
      ...liver,
      id: 'new-breast-finding',
      bodySite: [
        {
          coding: [
            { system: 'http://snomed.info/sct', code: '76752008', display: 'Breast structure' },
          ],
        },
      ],
    };
    changed.prefetch.conditions.entry?.push({ resource: breast });
    expect((await serve(app, changed)).map(ruleOf)).toEqual(['emd-soft-tissue']);
  });

  it('never lets an override dated after now hide a card, as one stored before the 400 could', async () => {
    const { app, store } = await auditedApp(config);
    const body = readExampleRequest('emd-liver-kidney-relapse');
    const [card] = await serve(app, body);
    expect(ruleOf(card)).toBe('emd-soft-tissue');
    // Written to the store directly: the feedback endpoint refuses it (above).
    await store.recordFeedback([override(card?.uuid ?? '', '2099-01-01T00:00:00Z')]);
    expect((await serve(app, body)).map(ruleOf)).toEqual(['emd-soft-tissue']);
  });

  it('never hides a critical card unless the configuration says so', async () => {
    const { app } = await auditedApp(config);
    const body = readExampleRequest('cns-parenchymal');
    const [card] = await serve(app, body);
    expect(card?.indicator).toBe('critical');
    await request(app)
      .post('/cds-services/emd-patient-view/feedback')
      .send({ feedback: [overridden(card?.uuid ?? '')] })
      .expect(200);
    expect((await serve(app, body)).map(ruleOf)).toEqual(['emd-cns']);
  });
});
