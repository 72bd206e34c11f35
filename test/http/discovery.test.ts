import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { cdsDiscovery } from '../support/cds-hooks-schema.js';
import { configSchema } from '../../src/config/config-schema.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { appTrustingNobody, patientViewRequest, testApp } from '../support/app.js';

const RULES = 'org.emd-cds.rules';

async function discover(app = testApp()) {
  const response = await request(app).get('/cds-services');
  expect(response.status).toBe(200);
  return cdsDiscovery.parse(response.body).services;
}

/** Auth on, trusting nobody: every checked call is refused, so what passes needs no token. */
function appWithAuth(openDiscovery: boolean) {
  return appTrustingNobody('https://cds.hospital.example', { openDiscovery });
}

describe('discovery ids (issue #14: the CDS Hooks Sandbox keeps services by id)', () => {
  it('gives every entry an id of its own, one service per hook', async () => {
    const services = await discover();
    expect(services.map((s) => [s.id, s.hook]).sort()).toEqual([
      ['emd-imaging-order-select', 'order-select'],
      ['emd-imaging-order-sign', 'order-sign'],
      ['emd-imaging-review', 'org.emd-cds.imagingstudy-review'],
      ['emd-patient-view', 'patient-view'],
    ]);
    expect(new Set(services.map((s) => s.id)).size).toBe(services.length);
  });

  it('returns 400 naming hook when a service is called with a hook it does not answer', async () => {
    const response = await request(testApp())
      .post('/cds-services/emd-imaging-order-sign')
      .send(
        patientViewRequest('p1', { conditions: { resourceType: 'Bundle', type: 'searchset' } }),
      );
    expect(response.status).toBe(400);
    expect((response.body as { issue: { expression: string[] }[] }).issue[0]?.expression).toEqual([
      'hook',
    ]);
  });
});

describe('discovery extension: the site tunables an EHR team may check', () => {
  it('carries the config hash and each rule the service runs with its level', async () => {
    const config = configSchema.parse({
      rules: {
        'emd-paraskeletal': { indicator: 'warning', suppressAfterOverrideDays: 30 },
        'emd-cns': {
          suppressAfterOverrideDays: 30,
          suppressCritical: true,
          acknowledgement: 'Tumour board, 2026-10-01: one CNS card a month is enough',
        },
        'emd-unclassified': { enabled: false, acknowledgement: 'Tumour board, 2026-10-01: trial' },
      },
    });
    const settings = buildSettings(config, { file: undefined });
    const services = await discover(testApp({ settings: () => settings }));
    const patientView = services.find((s) => s.id === 'emd-patient-view');
    expect(patientView?.extension?.['org.emd-cds.config-hash']).toBe(settings.configHash);
    expect(patientView?.extension?.[RULES]).toEqual([
      rule('emd-leptomeningeal', true, 'critical', 'critical'),
      // Critical CNS cards hidden for 30 days after an override: an EHR team must see it.
      rule('emd-cns', true, 'critical', 'critical', 30, true),
      rule('emd-soft-tissue', true, 'warning', 'warning'),
      rule('emd-paraskeletal', true, 'warning', 'info', 30),
      rule('emd-unclassified', false, 'info', 'info'),
      rule('emd-reported-not-listed', true, 'info', 'info'),
    ]);
    for (const id of ['emd-imaging-order-select', 'emd-imaging-order-sign'])
      expect(services.find((s) => s.id === id)?.extension?.[RULES]).toEqual([
        rule('emd-imaging-order', true, 'info', 'info'),
      ]);
  });
});

function rule(
  id: string,
  enabled: boolean,
  indicator: string,
  rulesPageIndicator: string,
  suppressAfterOverrideDays = 0,
  suppressCritical = false,
) {
  return {
    id,
    enabled,
    indicator,
    rulesPageIndicator,
    suppressAfterOverrideDays,
    suppressCritical,
  };
}

describe('discovery without a token (AUTH_DISCOVERY=off)', () => {
  it('needs a token by default', async () => {
    expect((await request(appWithAuth(false)).get('/cds-services')).status).toBe(401);
    expect((await request(appWithAuth(false)).head('/cds-services')).status).toBe(401);
  });

  it('answers HEAD as it answers GET when switched on: 200, with no body', async () => {
    const app = appWithAuth(true);
    const [get, head] = await Promise.all([
      request(app).get('/cds-services'),
      request(app).head('/cds-services'),
    ]);
    expect([get.status, head.status]).toEqual([200, 200]);
    expect(head.headers['www-authenticate']).toBeUndefined();
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.text).toBeUndefined();
  });

  it('answers without a token when switched on, and still refuses service calls', async () => {
    const app = appWithAuth(true);
    expect((await discover(app)).length).toBe(4);
    const call = await request(app)
      .post('/cds-services/emd-patient-view')
      .send(patientViewRequest('p1', { conditions: null }));
    expect(call.status).toBe(401);
  });
});

describe('GET /cds-services', () => {
  it('lists emd-patient-view on patient-view with its prefetch templates', async () => {
    const response = await request(testApp()).get('/cds-services');
    expect(response.status).toBe(200);
    const { services } = cdsDiscovery.parse(response.body);
    const service = services.find((s) => s.id === 'emd-patient-view');
    expect(service).toMatchObject({
      hook: 'patient-view',
      title: expect.any(String) as string,
      description: expect.stringContaining('extramedullary') as string,
    });
    expect(service?.prefetch).toEqual({
      patient: 'Patient/{{context.patientId}}',
      conditions: 'Condition?patient={{context.patientId}}',
      imagingStudies: 'ImagingStudy?patient={{context.patientId}}',
      imagingReports: expect.stringMatching(
        /^DiagnosticReport\?patient=\{\{context\.patientId\}\}&category=/,
      ) as string,
    });
  });

  it('answers a CORS preflight from the public CDS Hooks Sandbox', async () => {
    const response = await request(testApp())
      .options('/cds-services/emd-patient-view')
      .set('Origin', 'https://sandbox.cds-hooks.org')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('https://sandbox.cds-hooks.org');
    expect(response.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(response.headers['access-control-allow-headers']).toMatch(/Content-Type/);
  });

  it("grants Chrome's private-network preflight to an allowed origin only", async () => {
    const preflight = (origin: string) =>
      request(testApp())
        .options('/cds-services')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Private-Network', 'true');
    expect(
      (await preflight('https://sandbox.cds-hooks.org')).headers[
        'access-control-allow-private-network'
      ],
    ).toBe('true');
    expect(
      (await preflight('https://evil.example')).headers['access-control-allow-private-network'],
    ).toBeUndefined();
  });

  it('gives no CORS grant to an origin that is not allowed', async () => {
    const response = await request(testApp())
      .get('/cds-services')
      .set('Origin', 'https://evil.example');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});
