/**
 * CDS Hooks 2.0 §Trusting CDS Clients: every call needs a JWT from a trusted issuer, signed
 * ES384 or RS384 with a key from its static JWKS or allowlisted jku, for this endpoint's URL,
 * fresh, and never seen before. Anything else is a 401 with an empty body whose
 * WWW-Authenticate header names the reason (the codes: docs/integrating.md §3), except a call
 * with no Bearer token at all, whose challenge carries no error information (RFC 6750 §3.1).
 */
import { randomUUID, createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier } from '../../src/auth/jwt-verifier.js';
import { InMemoryReplayCache } from '../../src/auth/replay-cache.js';
import type { AuthSettings } from '../../src/auth/trusted-issuers.js';
import { patientViewRequest, testApp } from '../support/app.js';
import {
  makeKey,
  signToken,
  unsignedToken,
  type TestKey,
  type TokenOptions,
} from '../support/tokens.js';

const BASE = 'https://cds.hospital.example';
const SERVICE_AUD = `${BASE}/cds-services/emd-patient-view`;
const EHR = 'https://ehr.hospital.example';
const REMOTE_EHR = 'https://remote-ehr.example';

let es384: TestKey;
let rs384: TestKey;
let remoteKey: TestKey;
let attackerKey: TestKey;
let jwksServer: Server;
let attackerServer: Server;
let jku: string;
let attackerJku: string;
let attackerHits = 0;

async function serveJwks(keys: () => object, onHit = () => undefined): Promise<[Server, string]> {
  const server = createServer((_req, res) => {
    onHit();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(keys()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return [server, `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/jwks.json`];
}

beforeAll(async () => {
  [es384, rs384, remoteKey, attackerKey] = await Promise.all([
    makeKey('ES384'),
    makeKey('RS384'),
    makeKey('ES384'),
    makeKey('ES384'),
  ]);
  [jwksServer, jku] = await serveJwks(() => ({ keys: [remoteKey.publicJwk] }));
  [attackerServer, attackerJku] = await serveJwks(
    () => ({ keys: [attackerKey.publicJwk] }),
    () => {
      attackerHits += 1;
    },
  );
});
afterAll(() => {
  jwksServer.close();
  attackerServer.close();
});

function app(overrides: Partial<AuthSettings> = {}) {
  const settings: AuthSettings = {
    enabled: true,
    issuers: [
      {
        iss: EHR,
        jku: [],
        jwks: { keys: [es384.publicJwk as { kty: string }, rs384.publicJwk as { kty: string }] },
      },
      { iss: REMOTE_EHR, jku: [jku] },
      {
        iss: 'https://tenant-ehr.example',
        jku: [],
        jwks: { keys: [es384.publicJwk as { kty: string }] },
        tenants: ['hospital-a'],
      },
    ],
    publicBaseUrl: BASE,
    clockToleranceSeconds: 60,
    maxTokenAgeSeconds: 300,
    ...overrides,
  };
  return testApp({
    auth: { verify: createJwtVerifier(settings, new InMemoryReplayCache()), publicBaseUrl: BASE },
  });
}

const call = (target: ReturnType<typeof app>, token: string | undefined) => {
  const req = request(target).post('/cds-services/emd-patient-view');
  if (token !== undefined) void req.set('Authorization', `Bearer ${token}`);
  return req.send(patientViewRequest('p1', { conditions: null }));
};

describe('valid tokens pass', () => {
  it('accepts an ES384 token from a static JWKS', async () => {
    expect((await call(app(), await signToken(es384, { iss: EHR, aud: SERVICE_AUD }))).status).toBe(
      200,
    );
  });
  it('accepts an RS384 token', async () => {
    expect((await call(app(), await signToken(rs384, { iss: EHR, aud: SERVICE_AUD }))).status).toBe(
      200,
    );
  });
  it('accepts aud as an array holding this endpoint', async () => {
    expect(
      (
        await call(
          app(),
          await signToken(es384, { iss: EHR, aud: ['https://other.example', SERVICE_AUD] }),
        )
      ).status,
    ).toBe(200);
  });
  it('accepts a token whose keys come from an allowlisted jku', async () => {
    expect(
      (await call(app(), await signToken(remoteKey, { iss: REMOTE_EHR, aud: SERVICE_AUD, jku })))
        .status,
    ).toBe(200);
  });
  it('accepts the tenant it is configured for', async () => {
    expect(
      (
        await call(
          app(),
          await signToken(es384, {
            iss: 'https://tenant-ehr.example',
            aud: SERVICE_AUD,
            tenant: 'hospital-a',
          }),
        )
      ).status,
    ).toBe(200);
  });
  // CDS Hooks 2.0 §JWT's payload table has no `sub`; Epic is reported to add `sub` and an
  // `nbf` before `iat` (../shared/spec/cds-hooks.md §1.9): claims beyond the table pass.
  it('accepts claims the spec does not list: sub, a past nbf, another name', async () => {
    const claims = { sub: 'ehr-client-id', nbf: now() - 300, 'com.example.site': 'north' };
    expect(
      (await call(app(), await signToken(es384, { iss: EHR, aud: SERVICE_AUD, claims }))).status,
    ).toBe(200);
  });
  it('checks discovery against its own URL', async () => {
    const token = await signToken(es384, { iss: EHR, aud: `${BASE}/cds-services` });
    expect(
      (await request(app()).get('/cds-services').set('Authorization', `Bearer ${token}`)).status,
    ).toBe(200);
  });
});

describe('every attack gets a 401 naming its reason, with an empty body', () => {
  const attacks: [string, string, () => Promise<string | undefined>][] = [
    ['a token that is not a JWT', 'malformed-token', () => Promise.resolve('not-a-jwt')],
    [
      'wrong aud',
      'wrong-audience',
      () => signToken(es384, { iss: EHR, aud: `${BASE}/cds-services/other-service` }),
    ],
    [
      'aud of the discovery endpoint on a service call',
      'wrong-audience',
      () => signToken(es384, { iss: EHR, aud: `${BASE}/cds-services` }),
    ],
    [
      'expired',
      'expired',
      () => signToken(es384, { iss: EHR, aud: SERVICE_AUD, iatOffset: -400, expOffset: -120 }),
    ],
    [
      'too old (iat 10 minutes ago, exp still ahead)',
      'too-old',
      () => signToken(es384, { iss: EHR, aud: SERVICE_AUD, iatOffset: -600, expOffset: 600 }),
    ],
    [
      'issued in the future',
      'not-yet-valid',
      () => signToken(es384, { iss: EHR, aud: SERVICE_AUD, iatOffset: 600, expOffset: 900 }),
    ],
    [
      'nbf in the future',
      'not-yet-valid',
      () => signToken(es384, { iss: EHR, aud: SERVICE_AUD, claims: { nbf: now() + 600 } }),
    ],
    // docs/integrating.md §3: iss, aud, exp, iat and jti are required; absent or of the wrong
    // type (RFC 7519 §4.1: NumericDate a number, aud a string or strings, jti a string), and
    // CDS Hooks 2.0 §JWT's jti is a nonce, so an empty one is no jti either.
    ...(
      [
        ['no jti', { omit: ['jti'] }],
        ['an empty jti', { jti: '' }],
        ['a numeric jti', { claims: { jti: 12345 } }],
        ['no iat', { omit: ['iat'] }],
        ['iat "now"', { claims: { iat: 'now' } }],
        ['no exp', { omit: ['exp'] }],
        ['exp a string of digits', { claims: { exp: String(now() + 300) } }],
        ['no aud', { omit: ['aud'] }],
        ['aud a number', { claims: { aud: 42 } }],
        ['no iss', { omit: ['iss'] }],
        ['iss a number', { claims: { iss: 42 } }],
        ['nbf a string', { claims: { nbf: 'yesterday' } }],
      ] satisfies [string, Partial<TokenOptions>][]
    ).map(([name, change]): [string, string, () => Promise<string>] => [
      name,
      'missing-claim',
      () => signToken(es384, { iss: EHR, aud: SERVICE_AUD, ...change }),
    ]),
    [
      'alg none',
      'algorithm-not-allowed',
      () =>
        Promise.resolve(
          unsignedToken({
            iss: EHR,
            aud: SERVICE_AUD,
            iat: Math.floor(Date.now() / 1000),
            exp: Math.floor(Date.now() / 1000) + 300,
            jti: randomUUID(),
          }),
        ),
    ],
    [
      'HS256 signed with the public key as secret',
      'algorithm-not-allowed',
      () => Promise.resolve(hs256({ iss: EHR, aud: SERVICE_AUD }, JSON.stringify(es384.publicJwk))),
    ],
    [
      'unknown issuer',
      'unknown-issuer',
      () => signToken(es384, { iss: 'https://evil.example', aud: SERVICE_AUD }),
    ],
    [
      'untrusted jku',
      'untrusted-jku',
      () => signToken(attackerKey, { iss: REMOTE_EHR, aud: SERVICE_AUD, jku: attackerJku }),
    ],
    [
      'untrusted jku beside static keys',
      'untrusted-jku',
      () => signToken(attackerKey, { iss: EHR, aud: SERVICE_AUD, jku: attackerJku }),
    ],
    [
      'bad signature (another key with the trusted kid)',
      'bad-signature',
      async () => signToken({ ...attackerKey, kid: es384.kid }, { iss: EHR, aud: SERVICE_AUD }),
    ],
    [
      'a tenant not allowed',
      'tenant-not-allowed',
      () =>
        signToken(es384, {
          iss: 'https://tenant-ehr.example',
          aud: SERVICE_AUD,
          tenant: 'hospital-b',
        }),
    ],
    [
      'no tenant where one is required',
      'tenant-not-allowed',
      () => signToken(es384, { iss: 'https://tenant-ehr.example', aud: SERVICE_AUD }),
    ],
  ];
  for (const [name, reason, makeToken] of attacks) {
    it(`refuses ${name} as ${reason}`, async () => {
      const response = await call(app(), await makeToken());
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe(
        `Bearer error="invalid_token", error_description="${reason}"`,
      );
      expect(response.text).toBe('');
    });
  }

  // RFC 9110 §11.1: the auth-scheme is case-insensitive, so this is a Bearer token, and bad.
  it('refuses a lower-case "bearer" scheme with a token that is not a JWT as malformed-token', async () => {
    const response = await request(app())
      .post('/cds-services/emd-patient-view')
      .set('Authorization', 'bearer not-a-jwt')
      .send(patientViewRequest('p1', { conditions: null }));
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe(
      'Bearer error="invalid_token", error_description="malformed-token"',
    );
  });

  it('refuses a replayed jti as replayed', async () => {
    const target = app();
    const token = await signToken(es384, { iss: EHR, aud: SERVICE_AUD });
    expect((await call(target, token)).status).toBe(200);
    const replayed = await call(target, token);
    expect(replayed.status).toBe(401);
    expect(replayed.headers['www-authenticate']).toBe(
      'Bearer error="invalid_token", error_description="replayed"',
    );
  });

  it('never fetches keys from a jku that is not on the allowlist', async () => {
    attackerHits = 0;
    await call(
      app(),
      await signToken(attackerKey, { iss: REMOTE_EHR, aud: SERVICE_AUD, jku: attackerJku }),
    );
    expect(attackerHits).toBe(0);
  });

  it('lets CORS preflights through without a token', async () => {
    const response = await request(app())
      .options('/cds-services/emd-patient-view')
      .set('Origin', 'https://sandbox.cds-hooks.org')
      .set('Access-Control-Request-Method', 'POST');
    expect(response.status).toBe(204);
  });

  it('leaves /healthz and /readyz open for the load balancer', async () => {
    expect((await request(app()).get('/healthz')).status).toBe(200);
    expect((await request(app()).get('/readyz')).status).toBe(200);
  });
});

/**
 * RFC 6750 §3.1: "If the request lacks any authentication information (e.g., the client was
 * unaware that authentication is necessary or attempted using an unsupported authentication
 * method), the resource server SHOULD NOT include an error code or other error information."
 * §3: the Bearer scheme "MUST be followed by one or more auth-param values": a realm. The
 * expected challenge is typed from §3's example (`Bearer realm="example"`), with this
 * service's realm.
 */
describe('a call with no Bearer token at all gets a challenge without error information', () => {
  const NO_ERROR_CHALLENGE = 'Bearer realm="cds-services"';
  const endpoints: [string, string, object | undefined][] = [
    ['discovery', '/cds-services', undefined],
    ['a service call', '/cds-services/emd-patient-view', patientViewRequest('p1')],
    ['feedback', '/cds-services/emd-patient-view/feedback', { feedback: [] }],
  ];
  for (const [name, path, body] of endpoints)
    it(`answers ${name} without an Authorization header with 401 and ${NO_ERROR_CHALLENGE}`, async () => {
      const response = body
        ? await request(app()).post(path).send(body)
        : await request(app()).get(path);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe(NO_ERROR_CHALLENGE);
      expect(response.text).toBe('');
    });

  // Another scheme is "an unsupported authentication method": no Bearer token came.
  for (const authorization of [
    'Basic ZWhyOnNlY3JldA==',
    'Digest username="ehr", realm="cds-services", nonce="abc", uri="/", response="def"',
    'Negotiate YIIBhgYGKwYBBQUCoIIBejCCAXag',
    'Token eyJhbGciOiJFUzM4NCJ9.e30.c2ln',
    'Bearertoken',
  ])
    it(`answers Authorization: ${authorization.split(' ', 1)[0] ?? ''} … with 401 and ${NO_ERROR_CHALLENGE}`, async () => {
      const response = await request(app())
        .post('/cds-services/emd-patient-view')
        .set('Authorization', authorization)
        .send(patientViewRequest('p1', { conditions: null }));
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe(NO_ERROR_CHALLENGE);
      expect(response.text).toBe('');
    });
});

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function hs256(claims: Record<string, unknown>, secret: string): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT', kid: es384.kid })}.${encode({ iat: now, exp: now + 300, jti: randomUUID(), ...claims })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/**
 * `aud` is "The CDS Service endpoint that is being called by the CDS Client" (CDS Hooks 2.0
 * §Trusting CDS Clients), a URL: an EHR's own spelling of it is read as RFC 3986 §6.2.2 and
 * §6.2.3 read URIs ("the scheme and host are case-insensitive"; "%7Esmith" is "~smith"; a
 * default port written out is the port left out). The path is case-sensitive there, and stays
 * so. A slash at the end is read as none (docs/integrating.md §3 says why).
 */
describe("aud in the EHR's own spelling of this endpoint's URL", () => {
  for (const [what, aud] of [
    ['its host in capitals', 'https://CDS.Hospital.Example/cds-services/emd-patient-view'],
    ['its scheme in capitals', 'HTTPS://cds.hospital.example/cds-services/emd-patient-view'],
    [
      'the default port written out',
      'https://cds.hospital.example:443/cds-services/emd-patient-view',
    ],
    [
      'an unreserved character encoded',
      'https://cds.hospital.example/cds%2Dservices/emd-patient-view',
    ],
    ['a slash at the end', `${SERVICE_AUD}/`],
  ] as const)
    it(`accepts ${what}`, async () => {
      expect((await call(app(), await signToken(es384, { iss: EHR, aud }))).status).toBe(200);
    });

  it('accepts the spelling inside an aud array', async () => {
    const aud = [
      'https://other.example',
      'https://CDS.hospital.example:443/cds-services/emd-patient-view/',
    ];
    expect((await call(app(), await signToken(es384, { iss: EHR, aud }))).status).toBe(200);
  });

  it('accepts the path called with a slash at the end for an aud without one', async () => {
    const token = await signToken(es384, { iss: EHR, aud: SERVICE_AUD });
    const response = await request(app())
      .post('/cds-services/emd-patient-view/')
      .set('Authorization', `Bearer ${token}`)
      .send(patientViewRequest('p1', { conditions: null }));
    expect(response.status).toBe(200);
  });

  for (const [what, aud] of [
    [
      'its path in capitals (case-sensitive)',
      'https://cds.hospital.example/CDS-SERVICES/emd-patient-view',
    ],
    ['http for https', 'http://cds.hospital.example/cds-services/emd-patient-view'],
    ['another port', 'https://cds.hospital.example:8443/cds-services/emd-patient-view'],
    ['another host', 'https://cds2.hospital.example/cds-services/emd-patient-view'],
    ['two slashes at the end', `${SERVICE_AUD}//`],
    ['a query', `${SERVICE_AUD}?x=1`],
    // RFC 3986 §3.5: the fragment is part of the URI reference, so another URI (probe 12).
    ['a fragment', `${SERVICE_AUD}#x`],
    // RFC 3986 §3.2: the userinfo is part of the authority, so another URI.
    [
      'a user name before the host',
      'https://ehr@cds.hospital.example/cds-services/emd-patient-view',
    ],
  ] as const)
    it(`refuses ${what} as wrong-audience`, async () => {
      const response = await call(app(), await signToken(es384, { iss: EHR, aud }));
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe(
        'Bearer error="invalid_token", error_description="wrong-audience"',
      );
    });
});
