/** GET /metrics: Prometheus text with per-rule timings, prefetch sources, FHIR reads and 4xx reasons — and no patient data. */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createPrometheusMetrics } from '../../src/http/prometheus-metrics.js';
import {
  MAX_REQUEST_BYTES_IN_FLIGHT,
  requestBytesInFlight,
} from '../../src/http/request-bytes-in-flight.js';
import { readExampleRequest, testApp } from '../support/app.js';
import { fhirAccessFor } from '../../src/fhir/fhir-access.js';
import { fhirBytesInFlight } from '../../src/fhir/fhir-client.js';
import { fhirKitRunner } from '../../src/fhir/fhir-kit-runner.js';
import { MAX_FHIR_BYTES_IN_FLIGHT } from '../../src/fhir/response-limit.js';
import { serveExamplePatient } from '../support/stub-fhir-server.js';
import { parseConfigText } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';

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
    // Scenario table: leptomeningeal-with-cns gets one emd-leptomeningeal critical card.
    expect(text).toMatch(
      /emd_cds_cards_total\{rule="emd-leptomeningeal",indicator="critical",mode="live",service="emd-patient-view"\} 1/,
    );
    // The 200 is a hook call answered; the 400 and the 404 are not (docs/go-live.md).
    expect(text).toMatch(/^emd_cds_hook_calls_total\{service="emd-patient-view"\} 1$/m);
    expect(text).not.toMatch(/emd_cds_hook_calls_total\{service="nope"\}/);
    expect(text).not.toMatch(/leptomeningeal-with-cns|Patient\//);
  });

  it('counts the cards of a silent rule apart from those answered (issue #17)', async () => {
    // Scenario table: emd-and-cns gets emd-cns critical and emd-soft-tissue warning.
    const settings = buildSettings(
      parseConfigText('rules:\n  emd-soft-tissue:\n    mode: silent\n', 'site.yaml'),
      { file: undefined },
    );
    const app = testApp({ metrics: createPrometheusMetrics(), settings: () => settings });
    await request(app)
      .post('/cds-services/emd-patient-view')
      .send(readExampleRequest('emd-and-cns'))
      .expect(200);
    const text = (await request(app).get('/metrics')).text;
    expect(text).toMatch(
      /emd_cds_cards_total\{rule="emd-cns",indicator="critical",mode="live",service="emd-patient-view"\} 1/,
    );
    expect(text).toMatch(
      /emd_cds_cards_total\{rule="emd-soft-tissue",indicator="warning",mode="silent",service="emd-patient-view"\} 1/,
    );
    expect(text).not.toMatch(/emd_cds_cards_total\{rule="emd-soft-tissue"[^}]*mode="live"/);
  });

  // docs/security.md §3, "Oversized input": a body that comes while the node already reads
  // 128 MiB of request bodies is refused 503 with Retry-After; an operator must see how often.
  it('counts a call refused because the node already reads its most request bodies at once', async () => {
    const app = testApp({ metrics: createPrometheusMetrics() });
    // The node's count as five large bodies read at once would hold it, all of the bound.
    expect(requestBytesInFlight.take(MAX_REQUEST_BYTES_IN_FLIGHT)).toBe(true);
    try {
      const refused = await request(app)
        .post('/cds-services/emd-patient-view')
        .send(readExampleRequest('leptomeningeal-with-cns'));
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    } finally {
      requestBytesInFlight.give(MAX_REQUEST_BYTES_IN_FLIGHT);
    }
    const text = (await request(app).get('/metrics')).text;
    expect(text).toMatch(/^emd_cds_request_bytes_bound_reached_total 1$/m);
    // Not a client error: the client sent nothing wrong.
    expect(text).not.toMatch(/emd_cds_client_errors_total\{status="503"/);
    expect(text).not.toMatch(/^emd_cds_hook_calls_total\{service="emd-patient-view"\} 1$/m);
  });

  // docs/security.md §3, "Many FHIR answers read at once": a read that comes while the node
  // already reads 128 MiB of FHIR answers is cut off, and a call that needed its Conditions is
  // 412. Neither the EHR nor its FHIR server did wrong: an operator must see how often.
  it('counts a FHIR read cut off because the node already reads its most FHIR answers at once', async () => {
    const server = await serveExamplePatient('emd-and-cns');
    try {
      const app = testApp({
        metrics: createPrometheusMetrics(),
        fhirAccess: fhirAccessFor({
          allowedServers: [server.url],
          runnerFor: (url, token) => fhirKitRunner(url, token, { timeoutMs: 5000, maxPages: 5 }),
        }),
      });
      const body = readExampleRequest('emd-and-cns');
      delete body.prefetch;
      // The node's count as the reads of other calls would hold it, all of the bound.
      expect(fhirBytesInFlight.take(MAX_FHIR_BYTES_IN_FLIGHT)).toBe(true);
      try {
        const refused = await request(app)
          .post('/cds-services/emd-patient-view')
          .send({ ...body, fhirServer: server.url });
        expect(refused.status).toBe(412);
      } finally {
        fhirBytesInFlight.give(MAX_FHIR_BYTES_IN_FLIGHT);
      }
      const text = (await request(app).get('/metrics')).text;
      expect(text).toMatch(/^emd_cds_fhir_answer_bytes_bound_reached_total [1-9]\d*$/m);
      // A read the bound did not stop is not counted: this call now reads what it needs.
      const before = /^emd_cds_fhir_answer_bytes_bound_reached_total (\d+)$/m.exec(text)?.[1];
      await request(app)
        .post('/cds-services/emd-patient-view')
        .send({ ...body, fhirServer: server.url })
        .expect(200);
      const after = (await request(app).get('/metrics')).text;
      expect(after).toMatch(
        new RegExp(`^emd_cds_fhir_answer_bytes_bound_reached_total ${String(before)}$`, 'm'),
      );
    } finally {
      await server.close();
    }
  });

  it('needs the admin token as a Bearer credential when one guards it on the service port', async () => {
    const token = 'a-metrics-credential-of-32-chars!';
    const app = testApp({
      metrics: createPrometheusMetrics(),
      publicMetrics: { credential: token },
    });
    const refused = await request(app).get('/metrics');
    expect(refused.status).toBe(401);
    expect(refused.text).toBe('');
    expect((await request(app).get('/metrics').set('Authorization', 'Bearer wrong')).status).toBe(
      401,
    );
    const allowed = await request(app).get('/metrics').set('Authorization', `Bearer ${token}`);
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain('emd_cds_client_errors_total');
  });

  it('is not on the service port when it has a listener of its own', async () => {
    const app = testApp({ metrics: createPrometheusMetrics(), publicMetrics: false });
    expect((await request(app).get('/metrics')).status).toBe(404);
  });
});
