/**
 * Issue #9, the console's dry run and alert series over HTTP: a dry run of an example
 * patient gives the cards of the scenario table (test/scenarios/patient-view-scenarios.ts)
 * with the explain trace, in the chosen locale, and audits nothing; bad input is a 400
 * naming the field; the per-day series counts cards served and feedback posted.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { expectValidHookResponse, readExampleBundle, readExampleRequest } from '../support/app.js';
import type { DryRunAnswer } from '../../src/cds/dry-run-request.js';
import type { DailyRuleStats } from '../../src/store/store.js';
import { BEARER, consoleApp, firstIssue } from '../support/console-app.js';
import { parseConfigText } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';

type App = Awaited<ReturnType<typeof consoleApp>>['app'];

async function dryRun(app: App, body: object): Promise<{ status: number; body: DryRunAnswer }> {
  const response = await request(app)
    .post('/admin/dry-run')
    .set('Authorization', BEARER)
    .send(body);
  return { status: response.status, body: response.body as DryRunAnswer };
}

const cardsOf = (body: { cards: Card[] }) =>
  body.cards.map((card) => [card.extension?.[CARD_EXTENSION.ruleId], card.indicator]);

describe('POST /admin/dry-run', () => {
  it('shows the cards of a silent rule apart from those an EHR would show (issue #17)', async () => {
    // Scenario table: emd-and-cns gets emd-cns critical and emd-soft-tissue warning; with
    // emd-soft-tissue silent, its card is one an EHR never sees, shown apart for review.
    const settings = buildSettings(
      parseConfigText('rules:\n  emd-soft-tissue:\n    mode: silent\n', 'site.yaml'),
      { file: undefined },
    );
    const { app, store } = await consoleApp({ settings });
    const answer = await dryRun(app, {
      bundle: readExampleBundle('emd-and-cns'),
      hook: 'patient-view',
      now: '2026-11-01',
    });
    expect(answer.status).toBe(200);
    expect(cardsOf(answer.body)).toEqual([['emd-cns', 'critical']]);
    expect(cardsOf({ cards: answer.body.silentCards })).toEqual([['emd-soft-tissue', 'warning']]);
    expect(await store.stats('2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z')).toEqual([]);
  });

  it('gives the scenario cards of two example patients, with the trace, and audits nothing', async () => {
    const { app, store } = await consoleApp();
    const lepto = await dryRun(app, {
      bundle: readExampleBundle('leptomeningeal-with-cns'),
      hook: 'patient-view',
      now: '2026-11-01',
    });
    expect(lepto.status).toBe(200);
    expect(cardsOf(lepto.body)).toEqual([['emd-leptomeningeal', 'critical']]);
    expectValidHookResponse({ cards: lepto.body.cards });
    expect(lepto.body.now).toBe('2026-11-01T00:00:00.000Z');
    expect(lepto.body.patientId).toBe('leptomeningeal-with-cns');
    expect(lepto.body.outcomes.map((o) => [o.ruleId, o.fired])).toContainEqual(['emd-cns', false]);
    expect(lepto.body.trace.length).toBeGreaterThan(0);

    const skin = await dryRun(app, {
      bundle: readExampleBundle('emd-skin-at-diagnosis'),
      hook: 'patient-view',
      now: '2026-11-01T00:00:00Z',
    });
    expect(cardsOf(skin.body)).toEqual([['emd-soft-tissue', 'warning']]);

    expect(await store.stats('2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z')).toEqual([]);
  });

  it('writes the cards in the chosen locale', async () => {
    const { app } = await consoleApp();
    const response = await dryRun(app, {
      bundle: readExampleBundle('leptomeningeal-with-cns'),
      hook: 'patient-view',
      locale: 'zh-CN',
    });
    expect(response.status).toBe(200);
    expect(response.body.locale).toBe('zh-CN');
    expect(response.body.cards[0]?.summary).toContain('软脑膜骨髓瘤');
  });

  it('runs the imaging-review hook on the study in the Bundle', async () => {
    const { app } = await consoleApp();
    const response = await dryRun(app, {
      bundle: readExampleBundle('cns-parenchymal'),
      hook: 'imaging-review',
      now: '2026-11-01',
    });
    expect(response.status).toBe(200);
    // Rules page §4: an MR brain (the Bundle's only study) of a relapsed patient with a CNS
    // finding raises emd-cns-imaging-review (warning); it is no PET or whole-body study, so
    // emd-imaging-review does not fire.
    expect(cardsOf(response.body)).toEqual([['emd-cns-imaging-review', 'warning']]);
    const outcomes = response.body.outcomes;
    expect(outcomes.filter((o) => o.fired).map((o) => [o.ruleId, o.indicator])).toEqual([
      ['emd-cns-imaging-review', 'warning'],
    ]);
    expect(outcomes.map((o) => [o.ruleId, o.fired])).toContainEqual(['emd-imaging-review', false]);
  });

  it('shows the trace line naming a code that extends a value-set code (H109)', async () => {
    // Rules page §2: C90.200x001 (the national edition's extension of C90.20, sent under the
    // ICD-10-CM URI) is in no value set, so it is no finding and the cards are the example
    // patient's own (scenario table: emd-soft-tissue warning); §6: the trace says why.
    const { app } = await consoleApp();
    const bundle = readExampleBundle('emd-skin-at-diagnosis');
    const extension = {
      fullUrl: 'urn:uuid:5a0c1f3e-2f7d-4d6e-9b1a-8e2f4c6d0a11',
      resource: {
        resourceType: 'Condition',
        id: 'emd-skin-at-diagnosis-ext',
        subject: { reference: 'urn:uuid:832f882a-9fa0-4846-b2d3-c040521b26a9' },
        code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'C90.200x001' }] },
      },
    };
    const response = await dryRun(app, {
      bundle: { ...bundle, entry: [...(bundle.entry ?? []), extension] },
      hook: 'patient-view',
      now: '2026-11-01',
    });
    expect(response.status).toBe(200);
    expect(cardsOf(response.body)).toEqual([['emd-soft-tissue', 'warning']]);
    const line = response.body.trace.find(
      (l) => l.reference === 'Condition/emd-skin-at-diagnosis-ext',
    );
    expect(line?.message).toContain('ICD-10-CM C90.200x001 extends value-set code C90.20 ');
    expect(line?.message).toContain('or have the feed send C90.20');
  });

  // H131, FHIR R4 IssueType `suppressed`: "not returned due to business rules, consent or
  // privacy rules, or access permission constraints". The console's trace says so; not what.
  it('shows the trace line saying the server withheld results, beside the critical card', async () => {
    const { app } = await consoleApp();
    const bundle = readExampleBundle('leptomeningeal-with-cns');
    const outcome: fhir4.OperationOutcome = {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'warning', code: 'suppressed', diagnostics: 'Condition/hidden-hiv' }],
    };
    const withheld: fhir4.BundleEntry = { resource: outcome, search: { mode: 'outcome' } };
    const response = await dryRun(app, {
      bundle: { ...bundle, entry: [...(bundle.entry ?? []), withheld] },
      hook: 'patient-view',
      now: '2026-11-01',
    });
    expect(response.status).toBe(200);
    expect(cardsOf(response.body)).toEqual([['emd-leptomeningeal', 'critical']]);
    const messages = response.body.trace.map((l) => l.message);
    expect(messages).toContain(
      'prefetch.conditions: the FHIR server says it withheld some results (OperationOutcome issue suppressed: consent, privacy or access rules); a finding among them cannot raise a card',
    );
    expect(JSON.stringify(response.body)).not.toContain('hidden-hiv');
  });

  it('answers 400 naming the field for each bad input', async () => {
    const { app } = await consoleApp();
    const bundle = readExampleBundle('emd-skin-at-diagnosis');
    const cases: [object, string][] = [
      [{ hook: 'patient-view' }, 'bundle'],
      [{ bundle: { resourceType: 'Patient' }, hook: 'patient-view' }, 'bundle.resourceType'],
      [{ bundle, hook: 'medication-prescribe' }, 'hook'],
      [{ bundle }, 'hook'],
      [{ bundle, hook: 'patient-view', locale: 'fr' }, 'locale'],
      [{ bundle, hook: 'patient-view', now: 'yesterday' }, 'now'],
      [{ bundle, hook: 'patient-view', patientId: 7 }, 'patientId'],
      [{ bundle, hook: 'patient-view', audit: true }, ''],
      [
        { bundle: { resourceType: 'Bundle', type: 'collection' }, hook: 'patient-view' },
        'patientId',
      ],
      [{ bundle, hook: 'imaging-review', studyId: 'no-such-study' }, 'studyId'],
      [{ bundle, hook: 'order-sign' }, 'bundle'],
    ];
    for (const [body, field] of cases) {
      const response = await dryRun(app, body);
      expect([field, response.status]).toEqual([field, 400]);
      const issue = firstIssue(response.body);
      if (field) expect([field, issue.expression]).toEqual([field, [field]]);
      else expect(issue.diagnostics).toContain('audit');
    }
  });

  // H110: the hook reads `context.patientId` and `imagingStudyId` as FHIR's characters, `_`
  // and `~`, 1 to 256 of them; the dry run reads its own fields by the same rule, and names
  // them, not the hook call's fields it builds from them.
  it('answers 400 naming patientId or studyId for an id the hook would refuse', async () => {
    const { app } = await consoleApp();
    const bundle = readExampleBundle('cns-parenchymal');
    const ids = ['', ' ', 'p1 x', 'a/b', 'p?x', 'p#x', 'p%2Fx', 'p&x', '患者1', 'x'.repeat(257)];
    for (const [field, hook] of [
      ['patientId', 'patient-view'],
      ['studyId', 'imaging-review'],
    ] as const)
      for (const id of ids) {
        const response = await dryRun(app, { bundle, hook, now: '2026-11-01', [field]: id });
        const issue = firstIssue(response.body);
        expect([field, id, response.status, issue.expression]).toEqual([field, id, 400, [field]]);
        expect(issue.diagnostics).toMatch(new RegExp(`^${field}: must be an id: `));
      }
    // The same ids as the Bundle names them are read: the scenario's warning, as without them.
    const named = await dryRun(app, {
      bundle,
      hook: 'imaging-review',
      now: '2026-11-01',
      patientId: 'cns-parenchymal',
      studyId: 'cns-parenchymal-mr1',
    });
    expect(named.status).toBe(200);
    expect(cardsOf(named.body)).toEqual([['emd-cns-imaging-review', 'warning']]);
  });

  // The Bundle is what the console's user gave: an id taken from it is named where the Bundle
  // has it, not as `context.patientId` or `imagingStudyId` of the hook call built from it.
  it("answers 400 naming the Bundle's Patient, its id or its ImagingStudy for an id the hook would refuse", async () => {
    const { app } = await consoleApp();
    const must = 'must be an id: letters, digits, "-", ".", "_" or "~"';
    const patient = { resource: { resourceType: 'Patient', id: 'p 1' } };
    const study = {
      resource: { resourceType: 'ImagingStudy', id: 's#1', status: 'available' },
    };
    const cases: [object, string, string][] = [
      [
        { bundle: { resourceType: 'Bundle', type: 'collection', entry: [patient] } },
        'bundle.entry[0].resource.id',
        "the Bundle's Patient",
      ],
      [
        { bundle: { resourceType: 'Bundle', id: 'p/1', type: 'collection' } },
        'bundle.id',
        "the Bundle's id, taken as the patient's as it holds no single Patient",
      ],
      [
        {
          bundle: { resourceType: 'Bundle', type: 'collection', entry: [study] },
          patientId: 'p1',
        },
        'bundle.entry[0].resource.id',
        "the Bundle's ImagingStudy",
      ],
    ];
    for (const [body, field, what] of cases) {
      const hook = 'patientId' in body ? 'imaging-review' : 'patient-view';
      const response = await dryRun(app, { ...body, hook, now: '2026-11-01' });
      const issue = firstIssue(response.body);
      expect([field, response.status, issue.expression]).toEqual([field, 400, [field]]);
      expect(issue.diagnostics).toBe(`${field}, ${what}: ${must}`);
    }
  });

  it('says what `now` must be: an ISO date or date-time, for a day that does not exist too', async () => {
    const { app } = await consoleApp();
    const bundle = readExampleBundle('emd-skin-at-diagnosis');
    for (const now of ['2026-11-31', '2026-02-29', 'yesterday', '2026-11-30T09:00:00', 20261130]) {
      const response = await dryRun(app, { bundle, hook: 'patient-view', now });
      expect([now, response.status]).toEqual([now, 400]);
      const issue = firstIssue(response.body);
      expect([now, issue.expression]).toEqual([now, ['now']]);
      expect(issue.diagnostics).toMatch(/^now: must be an ISO 8601 date \(2026-11-30/);
      expect(issue.diagnostics).toContain('date-time with a time zone');
    }
  });

  it('accepts a Bundle larger than express’s default 100 kB body limit', async () => {
    const { app } = await consoleApp();
    const bundle = readExampleBundle('emd-skin-at-diagnosis');
    const padding = { resourceType: 'Basic', id: 'padding', text: { div: 'x'.repeat(300_000) } };
    const response = await dryRun(app, {
      bundle: { ...bundle, entry: [...(bundle.entry ?? []), { resource: padding }] },
      hook: 'patient-view',
      now: '2026-11-01',
    });
    expect(response.status).toBe(200);
    expect(cardsOf(response.body)).toEqual([['emd-soft-tissue', 'warning']]);
  });
});

describe('GET /admin/stats/daily', () => {
  it('counts the cards served and the feedback posted, per day and rule', async () => {
    const { app } = await consoleApp();
    const served = await request(app)
      .post('/cds-services/emd-patient-view')
      .send(readExampleRequest('emd-and-cns'));
    const [cns, softTissue] = expectValidHookResponse(served.body).cards;
    const feedback = await request(app)
      .post('/cds-services/emd-patient-view/feedback')
      .send({
        feedback: [
          {
            card: cns?.uuid,
            outcome: 'accepted',
            acceptedSuggestions: [{ id: cns?.suggestions?.[0]?.uuid }],
            outcomeTimestamp: '2026-11-01T00:00:00Z',
          },
          {
            card: softTissue?.uuid,
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
    expect(feedback.body).toEqual({
      stored: 2,
      duplicates: 0,
      unknownCards: 0,
      otherClient: 0,
      unofferedReasons: 0,
    });

    const response = await request(app)
      .get('/admin/stats/daily?from=2026-10-01&to=2026-11-02')
      .set('Authorization', BEARER);
    expect(response.status).toBe(200);
    expect((response.body as { days: DailyRuleStats[] }).days).toEqual([
      {
        day: '2026-11-01',
        ruleId: 'emd-cns',
        served: 1,
        accepted: 1,
        overridden: 0,
        unanswered: 0,
      },
      {
        day: '2026-11-01',
        ruleId: 'emd-soft-tissue',
        served: 1,
        accepted: 0,
        overridden: 1,
        unanswered: 0,
      },
    ]);
  });

  it('answers 400 naming from or to when it is not a date', async () => {
    const { app } = await consoleApp();
    for (const field of ['from', 'to']) {
      const response = await request(app)
        .get(`/admin/stats/daily?${field}=last-week`)
        .set('Authorization', BEARER);
      expect([field, response.status, firstIssue(response.body).expression]).toEqual([
        field,
        400,
        [field],
      ]);
    }
  });
});
