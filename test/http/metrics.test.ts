/** GET /metrics: Prometheus text with per-rule timings, prefetch sources, FHIR reads and 4xx reasons — and no patient data. */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createPrometheusMetrics } from '../../src/http/prometheus-metrics.js';
import { readExampleRequest, testApp } from '../support/app.js';

describe('GET /metrics', () => {
  it('counts rules, prefetch sources and client errors without patient data', async () => {
    const app = testApp({ metrics: createPrometheusMetrics() });
    const body = readExampleRequest('leptomeningeal-with-cns');
    (body.prefetch as Record<string, unknown>).imagingReports = null;
    await request(app).post('/cds-services/emd-patient-view').send(body).expect(200);
    await request(app)
      .post('/cds-services/emd-patient-view')
      .send({ hook: 'patient-view' })
      .expect(400);
    await request(app).post('/cds-services/nope').send({}).expect(404);

    const response = await request(app).get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/plain/);
    const text = response.text;
    expect(text).toMatch(/emd_cds_rule_evaluation_seconds_count\{rule="emd-leptomeningeal"\} 1/);
    expect(text).toMatch(/emd_cds_prefetch_keys_total\{key="conditions",source="prefetch"\} 1/);
    expect(text).toMatch(/emd_cds_prefetch_keys_total\{key="imagingReports",source="no-data"\} 1/);
    expect(text).toMatch(/emd_cds_client_errors_total\{status="400",reason="invalid-request"\} 1/);
    expect(text).toMatch(/emd_cds_client_errors_total\{status="404",reason="unknown-service"\} 1/);
    expect(text).not.toMatch(/leptomeningeal-with-cns|Patient\//);
  });
});
