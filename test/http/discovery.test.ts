import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { cdsDiscovery } from '../support/cds-hooks-schema.js';
import { testApp } from '../support/app.js';

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
