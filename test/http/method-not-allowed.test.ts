/**
 * RFC 9110 §15.5.6: "The 405 (Method Not Allowed) status code indicates that the method
 * received in the request-line is known by the origin server but not supported by the target
 * resource. The origin server MUST generate an Allow header field in a 405 response
 * containing a list of the target resource's currently supported methods." The methods are
 * those of CDS Hooks 2.0: GET /cds-services (§Discovery; HEAD with it, RFC 9110 §9.3.2), POST
 * /cds-services/{id} (§Calling a CDS Service) and POST /cds-services/{id}/feedback
 * (§Feedback), and OPTIONS on each for CORS preflights (§Cross-Origin Resource Sharing).
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { appTrustingNobody, patientViewRequest, testApp } from '../support/app.js';

const DISCOVERY_ALLOW = ['GET', 'HEAD', 'OPTIONS'];
const SERVICE_ALLOW = ['OPTIONS', 'POST'];

type Method = 'get' | 'head' | 'post' | 'put' | 'patch' | 'delete';

/** RFC 9110 §10.2.1: `Allow = #method`, a comma-separated list in no particular order. */
function allowSet(header: unknown): string[] {
  expect(typeof header).toBe('string');
  return String(header)
    .split(',')
    .map((method) => method.trim())
    .sort();
}

describe('a known path called with a method it does not take', () => {
  const cases: [Method, string, string[]][] = [
    ['get', '/cds-services/emd-patient-view', SERVICE_ALLOW],
    ['put', '/cds-services', DISCOVERY_ALLOW],
    ['delete', '/cds-services/emd-patient-view/feedback', SERVICE_ALLOW],
    ['post', '/cds-services', DISCOVERY_ALLOW],
    ['delete', '/cds-services', DISCOVERY_ALLOW],
    ['patch', '/cds-services/emd-patient-view', SERVICE_ALLOW],
    ['get', '/cds-services/emd-patient-view/feedback', SERVICE_ALLOW],
    ['put', '/cds-services/emd-patient-view/feedback', SERVICE_ALLOW],
    // An id escaped as a client may send it is the same id (express decodes it).
    ['get', '/cds-services/emd%2Dpatient%2Dview', SERVICE_ALLOW],
    // Matched as express matches the routes: a trailing slash, any letter case.
    ['get', '/cds-services/emd-patient-view/', SERVICE_ALLOW],
    ['put', '/CDS-Services/emd-patient-view/Feedback', SERVICE_ALLOW],
    ['put', '/cds-services/', DISCOVERY_ALLOW],
  ];
  for (const [method, path, allow] of cases)
    it(`answers ${method.toUpperCase()} ${path} with 405, Allow: ${allow.join(', ')} and an OperationOutcome`, async () => {
      const response = await request(testApp())[method](path);
      expect(response.status).toBe(405);
      expect(allowSet(response.headers.allow)).toEqual(allow);
      expect(response.headers['content-type']).toMatch(/^application\/fhir\+json/);
      const outcome = response.body as {
        resourceType: string;
        issue: { severity: string; code: string; diagnostics: string }[];
      };
      expect(outcome.resourceType).toBe('OperationOutcome');
      expect(outcome.issue).toHaveLength(1);
      expect(outcome.issue[0]).toMatchObject({ severity: 'error', code: 'not-supported' });
      expect(outcome.issue[0]?.diagnostics).toContain(`${method.toUpperCase()} is not allowed`);
    });

  it('answers HEAD /cds-services/{id} with 405 and Allow: OPTIONS, POST (no body to HEAD)', async () => {
    const response = await request(testApp()).head('/cds-services/emd-patient-view');
    expect(response.status).toBe(405);
    expect(allowSet(response.headers.allow)).toEqual(SERVICE_ALLOW);
  });

  it('lets a browser client read the 405 (the CORS grant comes with it)', async () => {
    const response = await request(testApp())
      .get('/cds-services/emd-patient-view')
      .set('Origin', 'https://sandbox.cds-hooks.org');
    expect(response.status).toBe(405);
    expect(response.headers['access-control-allow-origin']).toBe('https://sandbox.cds-hooks.org');
  });

  // Fetch §3.2.6: a browser script reads only the CORS-safelisted response headers (Allow is
  // not one) and those named in Access-Control-Expose-Headers (`#field-name`).
  it('exposes Allow to a browser client, so its script can read the methods', async () => {
    const response = await request(testApp())
      .put('/cds-services/emd-patient-view/feedback')
      .set('Origin', 'https://sandbox.cds-hooks.org');
    expect(response.status).toBe(405);
    const exposed = String(response.headers['access-control-expose-headers'])
      .split(',')
      .map((name) => name.trim().toLowerCase());
    expect(exposed).toContain('allow');
    expect(exposed).toContain('www-authenticate');
  });
});

describe('the methods Allow lists are the ones served', () => {
  it('serves GET and HEAD /cds-services', async () => {
    expect((await request(testApp()).get('/cds-services')).status).toBe(200);
    expect((await request(testApp()).head('/cds-services')).status).toBe(200);
  });

  it('serves POST /cds-services/{id} and POST /cds-services/{id}/feedback', async () => {
    const call = await request(testApp())
      .post('/cds-services/emd-patient-view')
      .send(patientViewRequest('p1', { conditions: null }));
    expect(call.status).toBe(200);
    // testApp has no store: its feedback route answers, with a 404 saying feedback is not stored.
    const feedback = await request(testApp())
      .post('/cds-services/emd-patient-view/feedback')
      .send({ feedback: [] });
    expect(feedback.status).not.toBe(405);
    expect(feedback.headers.allow).toBeUndefined();
  });

  for (const path of [
    '/cds-services',
    '/cds-services/emd-patient-view',
    '/cds-services/emd-patient-view/feedback',
  ])
    it(`still answers the CORS preflight OPTIONS ${path} with 204`, async () => {
      const response = await request(testApp())
        .options(path)
        .set('Origin', 'https://sandbox.cds-hooks.org')
        .set('Access-Control-Request-Method', path === '/cds-services' ? 'GET' : 'POST');
      expect(response.status).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe('https://sandbox.cds-hooks.org');
    });
});

describe('a path the service does not have', () => {
  const unknown: [Method, string][] = [
    ['get', '/nowhere'],
    ['put', '/nowhere'],
    ['get', '/cds-services/emd-patient-view/feedback/more'],
    ['delete', '/cds-services/emd-patient-view/other'],
    ['get', '/cds-services//feedback'],
    ['put', '/cds-servicesx'],
    // docs/integrating.md §1: an id no service has is a path the service does not have, for
    // every method, as POST /cds-services/{unknown id} is (test/http/errors.test.ts).
    ['get', '/cds-services/no-such-service'],
    ['head', '/cds-services/no-such-service'],
    ['put', '/cds-services/no-such-service'],
    ['delete', '/cds-services/no-such-service/feedback'],
    ['get', '/cds-services/no-such-service/feedback'],
    // Ids are compared exactly, as the service routes compare them.
    ['get', '/cds-services/EMD-patient-view'],
  ];
  for (const [method, path] of unknown)
    it(`still answers ${method.toUpperCase()} ${path} with 404 and no Allow`, async () => {
      const response = await request(testApp())[method](path);
      expect(response.status).toBe(404);
      expect(response.headers.allow).toBeUndefined();
    });
});

describe('with authentication on', () => {
  const app = () => appTrustingNobody();

  // Before authentication (src/http/app.ts says why): the route table is public.
  it('answers a wrong method with 405 before asking for a token', async () => {
    const response = await request(app()).get('/cds-services/emd-patient-view');
    expect(response.status).toBe(405);
    expect(allowSet(response.headers.allow)).toEqual(SERVICE_ALLOW);
    expect(response.headers['www-authenticate']).toBeUndefined();
  });

  it('still asks for a token on a method the path takes', async () => {
    const response = await request(app())
      .post('/cds-services/emd-patient-view')
      .send(patientViewRequest('p1'));
    expect(response.status).toBe(401);
  });

  it('still asks for a token on an unknown path below /cds-services', async () => {
    const response = await request(app()).get('/cds-services/emd-patient-view/other');
    expect(response.status).toBe(401);
  });

  it('asks for a token on any method at an id no service has, as for a POST to it', async () => {
    for (const method of ['get', 'put', 'post'] as const) {
      const response = await request(app())[method]('/cds-services/no-such-service');
      expect([method, response.status, response.headers.allow]).toEqual([method, 401, undefined]);
    }
  });
});
