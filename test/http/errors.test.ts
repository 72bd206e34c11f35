/**
 * Bad input gets a clear error, never a crash: 400 with an OperationOutcome naming the
 * field, 404 for unknown services, 412 when required data cannot be had, and no stack
 * trace in any body.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  patientViewRequest,
  readExampleBundle,
  readExampleRequest,
  testApp,
} from '../support/app.js';
import { BEARER, consoleApp } from '../support/console-app.js';

const SERVICE = '/cds-services/emd-patient-view';

interface Outcome {
  resourceType: string;
  issue: { severity: string; code: string; diagnostics: string; expression?: string[] }[];
}

function expectOutcome(body: unknown, expression?: string): Outcome {
  const outcome = body as Outcome;
  expect(outcome.resourceType).toBe('OperationOutcome');
  expect(outcome.issue.length).toBeGreaterThan(0);
  expect(JSON.stringify(outcome)).not.toMatch(/\n[\t ]+at |node_modules|\.ts:\d+/);
  if (expression) expect(outcome.issue.flatMap((i) => i.expression ?? [])).toContain(expression);
  return outcome;
}

const valid = () => patientViewRequest('emd-skin-at-diagnosis', { conditions: null });

describe('400: a malformed request names the field', () => {
  const cases: [string, (body: Record<string, unknown>) => void, string][] = [
    ['prefetch is not an object', (b) => (b.prefetch = 'yes'), 'prefetch'],
    ['prefetch is an array', (b) => (b.prefetch = []), 'prefetch'],
    ['hook is missing', (b) => delete b.hook, 'hook'],
    ['hookInstance is not a UUID', (b) => (b.hookInstance = 'not-a-uuid'), 'hookInstance'],
    ['context is missing', (b) => delete b.context, 'context'],
    ['context is a string', (b) => (b.context = 'Patient/1'), 'context'],
    [
      'patientId is a reference, not an id',
      (b) => (b.context = { userId: 'Practitioner/1', patientId: 'Patient/1' }),
      'context.patientId',
    ],
    [
      'patientId is missing',
      (b) => (b.context = { userId: 'Practitioner/1' }),
      'context.patientId',
    ],
    [
      'patientId is too long',
      (b) => (b.context = { userId: 'Practitioner/1', patientId: 'x'.repeat(257) }),
      'context.patientId',
    ],
    [
      'userId is a bare id',
      (b) => (b.context = { userId: '123', patientId: 'p1' }),
      'context.userId',
    ],
    [
      'userId names an unknown type',
      (b) => (b.context = { userId: 'Device/1', patientId: 'p1' }),
      'context.userId',
    ],
    [
      'fhirAuthorization without fhirServer',
      (b) =>
        (b.fhirAuthorization = {
          access_token: 't',
          token_type: 'Bearer',
          expires_in: 300,
          scope: 'patient/*.read',
          subject: 'emd',
        }),
      'fhirServer',
    ],
    [
      'fhirAuthorization with a wrong token_type',
      (b) =>
        Object.assign(b, {
          fhirServer: 'https://ehr.example/fhir',
          fhirAuthorization: {
            access_token: 't',
            token_type: 'MAC',
            expires_in: 300,
            scope: 's',
            subject: 'emd',
          },
        }),
      'fhirAuthorization.token_type',
    ],
    ['fhirServer is not a URL', (b) => (b.fhirServer = 'ehr.example'), 'fhirServer'],
    ['fhirServer is not http(s)', (b) => (b.fhirServer = 'ftp://ehr.example/fhir'), 'fhirServer'],
    ['hook is another hook', (b) => (b.hook = 'order-sign'), 'hook'],
  ];
  for (const [name, mutate, expression] of cases) {
    it(`returns 400 when ${name}`, async () => {
      const body = valid();
      mutate(body);
      const response = await request(testApp()).post(SERVICE).send(body);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/fhir\+json/);
      expectOutcome(response.body, expression);
    });
  }

  for (const body of ['null', '[]', '"text"', '42']) {
    it(`returns 400 for the JSON body ${body}`, async () => {
      const response = await request(testApp())
        .post(SERVICE)
        .set('Content-Type', 'application/json')
        .send(body);
      expect(response.status).toBe(400);
      expectOutcome(response.body);
    });
  }

  // Valid JSON, but not the object CDS Hooks requires: said as such, not as "not valid JSON".
  for (const body of ['null', '"text"', '42', ' true']) {
    it(`says the JSON body ${body} is not an object or array`, async () => {
      const response = await request(testApp())
        .post(SERVICE)
        .set('Content-Type', 'application/json')
        .send(body);
      expect(expectOutcome(response.body).issue[0]?.diagnostics).toBe(
        'request body: not a JSON object or array',
      );
    });
  }

  it('returns 400 for a body that is not JSON', async () => {
    const response = await request(testApp())
      .post(SERVICE)
      .set('Content-Type', 'application/json')
      .send('{"hook": ');
    expect(response.status).toBe(400);
    expect(expectOutcome(response.body).issue[0]?.diagnostics).toMatch(/not valid JSON/);
  });
});

// CDS Hooks Library: patient-view's user may be a Practitioner, PractitionerRole, Patient or
// RelatedPerson; order-select's and order-sign's "is expected to be of type Practitioner or
// PractitionerRole"; our imaging-review hook's is "`Practitioner/{id}` or
// `PractitionerRole/{id}`" (cds-hooks/hooks/org.emd-cds.imagingstudy-review.md).
describe('context.userId: the user types each hook allows', () => {
  const hooks: [string, string, string][] = [
    ['emd-imaging-review', 'imagingstudy-review', 'cns-parenchymal-mr1'],
    ['emd-imaging-order-select', 'order-select', 'cns-parenchymal'],
    ['emd-imaging-order-sign', 'order-sign', 'cns-parenchymal'],
  ];
  const withUser = (folder: string, name: string, userId: string) => {
    const body = readExampleRequest(name, folder);
    (body.context as Record<string, unknown>).userId = userId;
    return body;
  };
  for (const [serviceId, folder, name] of hooks) {
    for (const userId of ['Patient/cns-parenchymal', 'RelatedPerson/rp1'])
      it(`${folder}: 400 naming context.userId for ${userId}`, async () => {
        const response = await request(testApp())
          .post(`/cds-services/${serviceId}`)
          .send(withUser(folder, name, userId));
        expect(response.status).toBe(400);
        expect(expectOutcome(response.body, 'context.userId').issue).toContainEqual(
          expect.objectContaining({
            diagnostics: 'context.userId: must be Practitioner/{id} or PractitionerRole/{id}',
          }),
        );
      });
    it(`${folder}: 200 for PractitionerRole/r1`, async () => {
      const response = await request(testApp())
        .post(`/cds-services/${serviceId}`)
        .send(withUser(folder, name, 'PractitionerRole/r1'));
      expect(response.status).toBe(200);
    });
  }
  for (const userId of ['Patient/cns-parenchymal', 'RelatedPerson/rp1', 'PractitionerRole/r1'])
    it(`patient-view: 200 for ${userId}`, async () => {
      const response = await request(testApp())
        .post(SERVICE)
        .send(withUser('patient-view', 'cns-parenchymal', userId));
      expect(response.status).toBe(200);
    });
});

/** A field sent with the wrong JSON type, or absent: what the 400's one issue must say. */
describe('400: a wrong type says what was expected, an absent field that it is required', () => {
  const withServer = (authorization: Record<string, unknown>) => (b: Record<string, unknown>) =>
    Object.assign(b, {
      fhirServer: 'https://ehr.example/fhir',
      fhirAuthorization: {
        access_token: 't',
        token_type: 'Bearer',
        expires_in: 300,
        scope: 'patient/*.read',
        subject: 'emd',
        ...authorization,
      },
    });
  const context = (fields: Record<string, unknown>) => (b: Record<string, unknown>) =>
    (b.context = { userId: 'Practitioner/1', patientId: 'p1', ...fields });
  const cases: [string, (body: Record<string, unknown>) => void, string, string, string][] = [
    ['hook is a number', (b) => (b.hook = 123), 'value', 'hook', 'hook: must be a string'],
    ['hook is absent', (b) => delete b.hook, 'required', 'hook', 'hook: is required'],
    [
      'hookInstance is a number',
      (b) => (b.hookInstance = 5),
      'value',
      'hookInstance',
      'hookInstance: must be a UUID',
    ],
    [
      'hookInstance is absent',
      (b) => delete b.hookInstance,
      'required',
      'hookInstance',
      'hookInstance: is required',
    ],
    [
      'context is a string',
      (b) => (b.context = 'p1'),
      'value',
      'context',
      'context: must be an object',
    ],
    ['context is absent', (b) => delete b.context, 'required', 'context', 'context: is required'],
    [
      'context.patientId is a number',
      context({ patientId: 42 }),
      'value',
      'context.patientId',
      'context.patientId: must be a string',
    ],
    [
      'context.patientId is null',
      context({ patientId: null }),
      'value',
      'context.patientId',
      'context.patientId: must be a string',
    ],
    [
      'context.patientId is absent',
      (b) => (b.context = { userId: 'Practitioner/1' }),
      'required',
      'context.patientId',
      'context.patientId: is required',
    ],
    [
      'context.encounterId (optional) is null',
      context({ encounterId: null }),
      'value',
      'context.encounterId',
      'context.encounterId: must be a string',
    ],
    [
      'prefetch is null',
      (b) => (b.prefetch = null),
      'value',
      'prefetch',
      'prefetch: must be an object',
    ],
    [
      'extension is a string',
      (b) => (b.extension = 'x'),
      'value',
      'extension',
      'extension: must be an object',
    ],
    [
      'fhirAuthorization is null',
      (b) => Object.assign(b, { fhirServer: 'https://ehr.example/fhir', fhirAuthorization: null }),
      'value',
      'fhirAuthorization',
      'fhirAuthorization: must be an object',
    ],
    [
      'fhirAuthorization.expires_in is a string',
      withServer({ expires_in: '300' }),
      'value',
      'fhirAuthorization.expires_in',
      'fhirAuthorization.expires_in: must be a number',
    ],
    [
      'fhirAuthorization.expires_in is a fraction',
      withServer({ expires_in: 1.5 }),
      'value',
      'fhirAuthorization.expires_in',
      'fhirAuthorization.expires_in: must be an integer',
    ],
    [
      'fhirAuthorization.expires_in is absent',
      withServer({ expires_in: undefined }),
      'required',
      'fhirAuthorization.expires_in',
      'fhirAuthorization.expires_in: is required',
    ],
  ];
  for (const [name, mutate, code, expression, diagnostics] of cases) {
    it(`answers ${code} "${diagnostics}" when ${name}`, async () => {
      const body = valid();
      mutate(body);
      const response = await request(testApp()).post(SERVICE).send(body);
      expect(response.status).toBe(400);
      expect((response.body as Outcome).issue).toEqual([
        { severity: 'error', code, diagnostics, expression: [expression] },
      ]);
    });
  }

  it('answers "request body: must be an object" for the JSON body []', async () => {
    const response = await request(testApp())
      .post(SERVICE)
      .set('Content-Type', 'application/json')
      .send('[]');
    expect(response.status).toBe(400);
    expect((response.body as Outcome).issue).toEqual([
      { severity: 'error', code: 'value', diagnostics: 'request body: must be an object' },
    ]);
  });
});

/** The console's dry run (src/cds/dry-run-request.ts) reads its fields the same way. */
describe('400 from POST /admin/dry-run', () => {
  it('says what a mistyped field must be, and that an absent one is required', async () => {
    const { app } = await consoleApp();
    const bundle = readExampleBundle('emd-skin-at-diagnosis');
    const cases: [object, { code: string; diagnostics: string; expression: string[] }][] = [
      [
        { bundle, hook: 'patient-view', patientId: 7 },
        { code: 'value', diagnostics: 'patientId: must be a string', expression: ['patientId'] },
      ],
      [
        { bundle, hook: 'patient-view', locale: null },
        { code: 'value', diagnostics: 'locale: must be a string', expression: ['locale'] },
      ],
      [
        { bundle: 'Bundle', hook: 'patient-view' },
        { code: 'value', diagnostics: 'bundle: must be an object', expression: ['bundle'] },
      ],
      [
        { hook: 'patient-view' },
        { code: 'required', diagnostics: 'bundle: is required', expression: ['bundle'] },
      ],
    ];
    for (const [body, issue] of cases) {
      const response = await request(app)
        .post('/admin/dry-run')
        .set('Authorization', BEARER)
        .send(body);
      expect([issue.diagnostics, response.status]).toEqual([issue.diagnostics, 400]);
      expect((response.body as Outcome).issue).toEqual([{ severity: 'error', ...issue }]);
    }
  });
});

describe('other client errors', () => {
  it('returns 404 with an OperationOutcome for an unknown service id', async () => {
    const response = await request(testApp()).post('/cds-services/no-such-service').send(valid());
    expect(response.status).toBe(404);
    expect(expectOutcome(response.body).issue[0]?.diagnostics).toMatch(/no-such-service/);
  });

  it('returns 400 naming the URL when the service id is not valid percent-encoding', async () => {
    const response = await request(testApp()).post('/cds-services/%E0%A4%A').send(valid());
    expect(response.status).toBe(400);
    expect(expectOutcome(response.body).issue).toEqual([
      { severity: 'error', code: 'invalid', diagnostics: 'request URL: not a valid URL path' },
    ]);
  });

  it('says how to register the URL when a slash at its end doubles the one before the service id', async () => {
    // The public Sandbox calls `<discovery URL you typed>/<service id>` (docs/integrating.md §6).
    for (const path of [
      '/cds-services//emd-patient-view',
      '/cds-services//emd-patient-view/feedback',
    ]) {
      const response = await request(testApp()).post(path).send(valid());
      expect(response.status).toBe(404);
      expect(expectOutcome(response.body).issue).toEqual([
        {
          severity: 'error',
          code: 'not-found',
          diagnostics: `no route for POST ${path}: the path has an empty segment ("//"). A CDS client adds "/<service id>" to the discovery URL it was given, so register that URL without the slash at the end: http://host:port/cds-services, not http://host:port/cds-services/`,
        },
      ]);
    }
  });

  it('returns 404 for an unknown route', async () => {
    const response = await request(testApp()).get('/nowhere');
    expect(response.status).toBe(404);
    expectOutcome(response.body);
  });

  it('returns 415 when the body is not sent as JSON', async () => {
    const response = await request(testApp())
      .post(SERVICE)
      .set('Content-Type', 'text/plain')
      .send('hello');
    expect(response.status).toBe(415);
    expectOutcome(response.body);
  });

  // docs/integrating.md §1: `application/json` or `application/fhir+json`. DSTU2's
  // `application/json+fhir` is not taken (the CDS Hooks text names no FHIR type for bodies).
  it('names both JSON types it takes in the 415, and what the legacy FHIR type is', async () => {
    for (const [type, said] of [
      ['text/plain', 'request body: send Content-Type application/json or application/fhir+json'],
      [
        'application/json+fhir',
        'request body: send Content-Type application/json or application/fhir+json (application/json+fhir is FHIR DSTU2’s name for application/fhir+json)',
      ],
    ]) {
      const response = await request(testApp())
        .post(SERVICE)
        .set('Content-Type', type ?? '')
        .send(JSON.stringify(valid()));
      expect([type, response.status]).toEqual([type, 415]);
      expect(expectOutcome(response.body).issue[0]?.diagnostics).toBe(said);
    }
  });

  it('takes a body sent as application/fhir+json', async () => {
    const response = await request(testApp())
      .post(SERVICE)
      .set('Content-Type', 'application/fhir+json')
      .send(JSON.stringify(valid()));
    expect(response.status).toBe(200);
  });

  it('returns 413 with an OperationOutcome for a body over the limit', async () => {
    const response = await request(testApp({ bodyLimit: '1kb' }))
      .post(SERVICE)
      .send({ ...valid(), padding: 'x'.repeat(4096) });
    expect(response.status).toBe(413);
    expectOutcome(response.body);
  });

  it('accepts application/fhir+json bodies', async () => {
    const response = await request(testApp())
      .post(SERVICE)
      .set('Content-Type', 'application/fhir+json')
      .send(JSON.stringify(valid()));
    expect(response.status).toBe(200);
  });

  it('tolerates unknown fields and extensions', async () => {
    const body = {
      ...valid(),
      extension: { 'com.example.flag': true },
      somethingNew: 1,
      context: { userId: 'Practitioner/1', patientId: 'p1', encounterId: 'e1', extra: 'x' },
    };
    const response = await request(testApp()).post(SERVICE).send(body);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ cards: [] });
  });

  it('returns 500 with an OperationOutcome that says nothing internal when the service fails', async () => {
    const app = testApp({
      clock: () => {
        throw new Error('secret internal detail at /srv/app/src/x.ts:1');
      },
    });
    const response = await request(app).post(SERVICE).send(valid());
    expect(response.status).toBe(500);
    expect(JSON.stringify(expectOutcome(response.body))).not.toMatch(/secret internal detail/);
  });
});
