/**
 * CORS for browser CDS clients (CDS Hooks 2.0 §Cross-Origin Resource Sharing: "CDS Services
 * and browser-based CDS Clients will require CORS support"), on discovery and on a service id
 * the service does not have.
 *
 * A preflight to `/cds-services/{id}` is answered the same, 204, whether `{id}` is a service
 * or not, on purpose: the Fetch standard's CORS-preflight fetch fails unless the response's
 * status is an ok status (2xx), and a browser then reports only a network error, so a 404 to
 * the preflight would hide the service's own 404 OperationOutcome ("no CDS Service with id")
 * from the page; and a preflight carries no token, so answering it by id would tell anyone
 * which services exist while discovery needs one. The actual request then gets its 404 (or,
 * with authentication on, its 401) with the CORS grant, which the page can read.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { appTrustingNobody, patientViewRequest, testApp } from '../support/app.js';

const SANDBOX = 'https://sandbox.cds-hooks.org';
const BASE = 'https://cds.hospital.example';

const corsHeaders = (headers: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.startsWith('access-control-')),
  );

describe('discovery from a browser client', () => {
  it('grants GET /cds-services to an allowed origin', async () => {
    const response = await request(testApp()).get('/cds-services').set('Origin', SANDBOX);
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe(SANDBOX);
  });
});

describe('a preflight to a service id the service does not have', () => {
  const preflight = (app: ReturnType<typeof testApp>, path: string) =>
    request(app)
      .options(path)
      .set('Origin', SANDBOX)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');

  for (const path of ['/cds-services/no-such-service', '/cds-services/no-such-service/feedback'])
    it(`answers OPTIONS ${path} as it answers a known id's, naming no service`, async () => {
      const app = appTrustingNobody(BASE);
      const known = await preflight(app, path.replace('no-such-service', 'emd-patient-view'));
      const unknown = await preflight(app, path);
      expect([known.status, unknown.status]).toEqual([204, 204]);
      expect(corsHeaders(unknown.headers)).toEqual(corsHeaders(known.headers));
      expect(unknown.headers['access-control-allow-origin']).toBe(SANDBOX);
    });

  it('lets the page read the 404 of the call that follows', async () => {
    const response = await request(testApp())
      .post('/cds-services/no-such-service')
      .set('Origin', SANDBOX)
      .send(patientViewRequest('p1', { conditions: null }));
    expect(response.status).toBe(404);
    expect(response.headers['access-control-allow-origin']).toBe(SANDBOX);
    expect((response.body as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });

  it('lets the page read the 401 of the call that follows when authentication is on', async () => {
    const response = await request(appTrustingNobody(BASE))
      .post('/cds-services/no-such-service')
      .set('Origin', SANDBOX)
      .send(patientViewRequest('p1', { conditions: null }));
    expect(response.status).toBe(401);
    expect(response.headers['access-control-allow-origin']).toBe(SANDBOX);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="cds-services"');
  });
});

/**
 * W3C Trace Context (§3 "traceparent", "tracestate"): a browser client that traces its calls
 * sends both headers, and a preflight that does not allow them fails the call (Fetch §4.8:
 * every requested header must be in Access-Control-Allow-Headers). A fixed list: a header
 * the service does not name is never allowed because a page asked for it.
 */
describe('a preflight asking for the W3C Trace Context headers', () => {
  const allowed = async (origin: string, requested: string) => {
    const response = await request(testApp())
      .options('/cds-services/emd-patient-view')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', requested);
    return {
      status: response.status,
      origin: response.headers['access-control-allow-origin'],
      headers: (response.headers['access-control-allow-headers'] ?? '')
        .split(',')
        .map((name) => name.trim().toLowerCase())
        .filter((name) => name !== ''),
    };
  };

  it('allows traceparent and tracestate beside Authorization and Content-Type', async () => {
    const answer = await allowed(SANDBOX, 'authorization,content-type,traceparent,tracestate');
    expect(answer.status).toBe(204);
    expect(answer.origin).toBe(SANDBOX);
    expect(answer.headers.sort()).toEqual([
      'authorization',
      'content-type',
      'traceparent',
      'tracestate',
    ]);
  });

  it('does not reflect a header it does not name', async () => {
    const answer = await allowed(SANDBOX, 'traceparent,x-evil-header');
    expect(answer.headers).not.toContain('x-evil-header');
    expect(answer.headers).toContain('traceparent');
  });

  it('gives an origin not configured no grant', async () => {
    const answer = await allowed('https://evil.example', 'traceparent,tracestate');
    expect(answer.origin).toBeUndefined();
  });
});
