/**
 * The deployment checks (issue #14 "Production guard"): each unsafe setting is one problem
 * naming the setting to change; a safe production setup has none.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrustedIssuer } from '../../src/auth/trusted-issuers.js';
import { readConfigFile } from '../../src/config/config-file.js';
import { configSchema } from '../../src/config/config-schema.js';
import {
  deploymentProblems,
  deploymentWarnings,
  metricsCredential,
} from '../../src/config/deployment-checks.js';
import { optionsFromEnvironment, serviceOptions } from '../../src/config/environment.js';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';

const EHR: TrustedIssuer = {
  iss: 'https://ehr.hospital.example',
  jku: ['https://ehr.hospital.example/jwks.json'],
};
const ADMIN_TOKEN = 'x'.repeat(32);

/**
 * A production setup with nothing wrong: the EHR's issuer over https, /metrics on loopback,
 * the https URL the EHR calls. `.internal` is no name RFC 2606 or RFC 6761 reserves for
 * examples: ICANN keeps it for private networks, where a hospital's own names may live.
 */
const SAFE = {
  NODE_ENV: 'production',
  METRICS_PORT: '9464',
  PUBLIC_BASE_URL: 'https://cds.hospital.internal',
};

/** The one problem of the docs' example URL, which a site must replace by its own. */
const EXAMPLE_URL_PROBLEM = {
  setting: 'PUBLIC_BASE_URL',
  problem:
    'https://cds.hospital.example (service.publicBaseUrl) is under .example, a name reserved for examples and tests (RFC 2606, RFC 6761) that no EHR calls: every token an EHR signs for the URL it calls is refused (wrong-audience) (set it to the https URL the EHR calls, the name the TLS-terminating proxy answers on, docs/security.md section 6)',
};

const settingsOf = (env: Record<string, string>, fileIssuers: TrustedIssuer[] = [EHR]) =>
  deploymentProblems(optionsFromEnvironment(env), fileIssuers).map((p) => p.setting);

describe('deployment checks', () => {
  it('find nothing wrong with a safe production setup', () => {
    expect(deploymentProblems(optionsFromEnvironment(SAFE), [EHR])).toEqual([]);
  });

  it('refuse the cluster timing scale, which only tests may shorten (docs/configuring.md)', () => {
    expect(settingsOf({ ...SAFE, EMD_CDS_CLUSTER_TIME_SCALE: '0.05' })).toEqual([
      'EMD_CDS_CLUSTER_TIME_SCALE',
    ]);
    expect(settingsOf({ ...SAFE, EMD_CDS_CLUSTER_TIME_SCALE: '1' })).toEqual([]);
  });

  it('find nothing wrong with the example config file, which a site copies for production, but its example URL', () => {
    // docs/getting-started.md §3 calls it a hospital's production file, and configuring.md
    // and the systemd unit's install steps start a site's file from it.
    // Its own service.publicBaseUrl, not SAFE's PUBLIC_BASE_URL: the systemd unit sets none.
    const { PUBLIC_BASE_URL: _fromFile, ...env } = SAFE;
    const file = join(PROJECT_ROOT, 'config', 'emd-cds.example.yaml');
    const config = readConfigFile(file);
    expect(deploymentProblems(serviceOptions(config, env), [])).toEqual([EXAMPLE_URL_PROBLEM]);
    // The site's own URL in its copy: nothing left.
    const own = { ...config, service: { ...config.service, publicBaseUrl: SAFE.PUBLIC_BASE_URL } };
    expect(deploymentProblems(serviceOptions(own, env), [])).toEqual([]);
  });

  it('find nothing wrong with the production settings docs/security.md shows, but their example URL', () => {
    // §6 "A production environment" (one NAME=value a line) and §9 "A minimal production
    // start" (a command line): each starts with NODE_ENV=production, so neither may be refused.
    const page = readFileSync(join(PROJECT_ROOT, 'docs', 'security.md'), 'utf8');
    const blockAfter = (heading: string) => {
      const from = page.indexOf('```sh\n', page.indexOf(heading)) + '```sh\n'.length;
      return page.slice(from, page.indexOf('```', from));
    };
    for (const heading of ['A production environment:', 'A minimal production start:']) {
      const env = Object.fromEntries(
        [...blockAfter(heading).matchAll(/(?:^|\s)([A-Z][A-Z0-9_]+)=(\S*)/g)].map((m) => [
          m[1] ?? '',
          m[2] ?? '',
        ]),
      );
      expect(env.NODE_ENV).toBe('production');
      const problems = deploymentProblems(optionsFromEnvironment(env), [EHR]);
      expect({ heading, problems }).toEqual({ heading, problems: [EXAMPLE_URL_PROBLEM] });
      const own = { ...env, PUBLIC_BASE_URL: SAFE.PUBLIC_BASE_URL };
      expect(deploymentProblems(optionsFromEnvironment(own), [EHR])).toEqual([]);
    }
  });

  const unsafe: [string, Record<string, string>, TrustedIssuer[], string][] = [
    ['authentication off', { AUTH: 'off' }, [EHR], 'AUTH'],
    ['the local test issuer trusted', { AUTH_LOCAL_ISSUER: 'on' }, [EHR], 'AUTH_LOCAL_ISSUER'],
    [
      'the CDS Hooks Sandbox preset trusted',
      { AUTH_TRUST_CDS_HOOKS_SANDBOX: 'true' },
      [EHR],
      'AUTH_TRUST_CDS_HOOKS_SANDBOX',
    ],
    [
      'a jku allowlist entry over http to another host',
      {},
      [{ iss: EHR.iss, jku: ['http://ehr.hospital.example/jwks.json'] }],
      'AUTH_ISSUERS_FILE',
    ],
    [
      'a jwksUrl over http to another host',
      {},
      [{ iss: EHR.iss, jku: [], jwksUrl: 'http://10.1.2.3/jwks.json' }],
      'AUTH_ISSUERS_FILE',
    ],
    ['no trusted issuer', {}, [], 'AUTH_ISSUERS_FILE'],
    [
      'CORS admitting the public sandbox',
      { CORS_ORIGINS: 'https://ehr.hospital.example,https://sandbox.cds-hooks.org' },
      [EHR],
      'CORS_ORIGINS',
    ],
    [
      'an admin token shorter than 32 characters',
      { EMD_CDS_ADMIN_TOKEN: 'x'.repeat(31) },
      [EHR],
      'EMD_CDS_ADMIN_TOKEN',
    ],
    [
      '/metrics on the public port without a credential',
      { METRICS_PORT: '' },
      [EHR],
      'METRICS_PORT',
    ],
    [
      '/metrics on its own port but every interface, without a credential',
      { METRICS_HOST: '0.0.0.0' },
      [EHR],
      'METRICS_HOST',
    ],
    ['fhir-kit-client’s debug log (it prints access tokens)', { DEBUG: '*' }, [EHR], 'DEBUG'],
    ['fhir-kit-client’s debug log by name', { DEBUG: 'fhir-kit-client:*' }, [EHR], 'DEBUG'],
    ['express’s router debug log (it prints queries)', { DEBUG: 'router' }, [EHR], 'DEBUG'],
    ['every debug log but fhir-kit-client’s', { DEBUG: '*,-fhir-kit-client:*' }, [EHR], 'DEBUG'],
    [
      'a FHIR server over http to another host',
      { FHIR_SERVERS: 'https://ehr.hospital.example/fhir,http://fhir.hospital.example/r4' },
      [EHR],
      'FHIR_SERVERS',
    ],
    [
      'no public URL (every aud would be http://localhost:…)',
      { PUBLIC_BASE_URL: '' },
      [EHR],
      'PUBLIC_BASE_URL',
    ],
    [
      'a public URL over http to another host',
      { PUBLIC_BASE_URL: 'http://cds.hospital.internal' },
      [EHR],
      'PUBLIC_BASE_URL',
    ],
  ];
  for (const [name, change, issuers, setting] of unsafe) {
    it(`name ${setting} for ${name}`, () => {
      expect(settingsOf({ ...SAFE, ...change }, issuers)).toEqual([setting]);
    });
  }

  it('accept a DEBUG that leaves fhir-kit-client and the router out', () => {
    expect(settingsOf({ ...SAFE, DEBUG: 'express:*' })).toEqual([]);
    expect(settingsOf({ ...SAFE, DEBUG: '*,-fhir-kit-client:*,-router' })).toEqual([]);
  });

  it('check the issuers of the config file too, naming auth.issuers', () => {
    const config = configSchema.parse({
      auth: { issuers: [{ iss: 'https://ehr2.example', jku: ['http://ehr2.example/jwks.json'] }] },
    });
    const problems = deploymentProblems(serviceOptions(config, SAFE), []);
    expect(problems.map((p) => p.setting)).toEqual(['auth.issuers (EMD_CDS_CONFIG)']);
    expect(problems[0]?.problem).toContain('http://ehr2.example/jwks.json');
  });

  it('accept http key URLs on loopback (a local mirror)', () => {
    const mirror = {
      iss: EHR.iss,
      jku: ['http://127.0.0.1:8080/jwks.json'],
      jwksUrl: 'http://localhost/k',
    };
    expect(settingsOf(SAFE, [mirror])).toEqual([]);
  });

  it('name the FHIR server over plain http, and say its reads would all be refused', () => {
    // docs/security.md §3 (SSRF through fhirServer): https only, plain http on loopback only.
    const problems = deploymentProblems(
      optionsFromEnvironment({ ...SAFE, FHIR_SERVERS: 'http://10.1.2.3:8080/fhir' }),
      [EHR],
    );
    expect(problems).toEqual([
      {
        setting: 'FHIR_SERVERS',
        problem:
          'http://10.1.2.3:8080/fhir (fhir.allowedServers) is not https, and its host is not loopback: every read from it is refused, so a call whose prefetch lacks required data is answered 412 (use https)',
      },
    ]);
  });

  it('accept FHIR servers over https, and over http on loopback (a local server)', () => {
    const servers = [
      'https://ehr.hospital.example/fhir',
      'http://localhost:8080/fhir',
      'http://127.0.0.1:8080/fhir',
      'http://[::1]:8080/fhir',
    ];
    expect(settingsOf({ ...SAFE, FHIR_SERVERS: servers.join(',') })).toEqual([]);
  });

  it('check the FHIR servers of the config file too', () => {
    const config = configSchema.parse({ fhir: { allowedServers: ['http://fhir.example/r4'] } });
    const problems = deploymentProblems(serviceOptions(config, SAFE), [EHR]);
    expect(problems.map((p) => p.setting)).toEqual(['FHIR_SERVERS']);
    expect(problems[0]?.problem).toContain('http://fhir.example/r4');
  });

  it('accept /metrics on the public port when the admin token guards it', () => {
    expect(settingsOf({ ...SAFE, METRICS_PORT: '', EMD_CDS_ADMIN_TOKEN: ADMIN_TOKEN })).toEqual([]);
  });

  it('never put a secret in a problem', () => {
    const secret = 'short-admin-secret-1234';
    const problems = deploymentProblems(
      optionsFromEnvironment({ ...SAFE, EMD_CDS_ADMIN_TOKEN: secret }),
      [EHR],
    );
    expect(JSON.stringify(problems)).not.toContain(secret);
  });

  it('list every test-only default of a newcomer’s start outside production', () => {
    expect(settingsOf({}, [])).toEqual([
      'PUBLIC_BASE_URL',
      'AUTH_LOCAL_ISSUER',
      'CORS_ORIGINS',
      'METRICS_PORT',
    ]);
  });

  it('say what an unset public URL does and what to set instead', () => {
    const problems = deploymentProblems(
      optionsFromEnvironment({ ...SAFE, PUBLIC_BASE_URL: '', PORT: '8080' }),
      [EHR],
    );
    expect(problems).toEqual([
      {
        setting: 'PUBLIC_BASE_URL',
        problem:
          'unset, and no service.publicBaseUrl: the service takes http://localhost:8080 for its URL, so every token an EHR signs for the URL it calls is refused (wrong-audience) (set it to the https URL the EHR calls, the name the TLS-terminating proxy answers on, docs/security.md section 6)',
      },
    ]);
  });

  it('say that a plain-http public URL off loopback carries the tokens in cleartext', () => {
    const problems = deploymentProblems(
      optionsFromEnvironment({ ...SAFE, PUBLIC_BASE_URL: 'http://10.1.2.3:3000' }),
      [EHR],
    );
    expect(problems).toEqual([
      {
        setting: 'PUBLIC_BASE_URL',
        problem:
          "http://10.1.2.3:3000 (service.publicBaseUrl) is plain http to a host that is not loopback: the EHR's tokens and fhirAuthorization access tokens would cross the network in cleartext (use the https URL of the TLS-terminating proxy, docs/security.md section 6)",
      },
    ]);
  });

  it('accept a public URL over https, and over http on loopback (a caller on this machine)', () => {
    for (const url of [
      'https://cds.hospital.internal',
      'https://apps.hospital.internal/emd',
      'https://emd-cds.example-hospital.org',
      'https://cds.examples.com',
      'https://10.1.2.3',
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'http://[::1]:3000',
    ])
      expect({ url, settings: settingsOf({ ...SAFE, PUBLIC_BASE_URL: url }) }).toEqual({
        url,
        settings: [],
      });
  });

  it('refuse a public URL under a name reserved for examples and tests, naming the name', () => {
    // RFC 2606 §2 and RFC 6761 §6.2–6.5: the top-level .test, .example, .invalid, .localhost;
    // RFC 2606 §3: example.com, example.net, example.org and every name under them.
    const reserved: [string, string][] = [
      ['https://cds.hospital.example', '.example'],
      ['https://cds.hospital.example/emd', '.example'],
      ['https://CDS.Hospital.EXAMPLE', '.example'],
      ['https://cds.hospital.example.', '.example'],
      ['https://example', '.example'],
      ['https://emd.test', '.test'],
      ['https://cds.invalid:8443', '.invalid'],
      ['https://cds.localhost', '.localhost'],
      ['https://example.com', 'example.com'],
      ['https://emd-cds.hospital.example.org', 'example.org'],
      ['https://www.example.net/cds', 'example.net'],
      ['http://cds.hospital.example', '.example'],
    ];
    for (const [url, name] of reserved) {
      const problems = deploymentProblems(
        optionsFromEnvironment({ ...SAFE, PUBLIC_BASE_URL: url }),
        [EHR],
      );
      expect({ url, settings: problems.map((p) => p.setting) }).toEqual({
        url,
        settings: ['PUBLIC_BASE_URL'],
      });
      expect(problems[0]?.problem).toContain(
        `is under ${name}, a name reserved for examples and tests (RFC 2606, RFC 6761) that no EHR calls`,
      );
    }
  });

  it('take the public URL from the config file, and refuse it there too', () => {
    const { PUBLIC_BASE_URL: _unset, ...env } = SAFE;
    const inFile = (publicBaseUrl: string) =>
      deploymentProblems(serviceOptions(configSchema.parse({ service: { publicBaseUrl } }), env), [
        EHR,
      ]).map((p) => p.setting);
    expect(inFile('https://cds.hospital.internal')).toEqual([]);
    expect(inFile('http://cds.hospital.internal')).toEqual(['PUBLIC_BASE_URL']);
    expect(inFile('https://cds.hospital.example')).toEqual(['PUBLIC_BASE_URL']);
  });
});

describe('the warnings of a production start', () => {
  it('say that a loopback public URL serves only a caller on this machine, without refusing it', () => {
    for (const url of ['http://localhost:3000', 'https://127.0.0.1:8443', 'http://[::1]:3000']) {
      const options = optionsFromEnvironment({ ...SAFE, PUBLIC_BASE_URL: url });
      expect(deploymentProblems(options, [EHR])).toEqual([]);
      expect(deploymentWarnings(options)).toEqual([
        {
          setting: 'PUBLIC_BASE_URL',
          problem: `${url} (service.publicBaseUrl) is loopback: only a caller on this machine signs tokens for it, so every call of an EHR elsewhere, whose tokens name the URL it calls, is refused (wrong-audience); not refused, for a caller beside the service that signs for this address, but set the URL the EHR calls unless such a caller is the only one (a proxy that forwards the EHR's calls forwards tokens signed for the public URL; docs/security.md section 6)`,
        },
      ]);
    }
  });

  it('are none for the URL the EHR calls, nor outside production, nor for an unset URL', () => {
    expect(deploymentWarnings(optionsFromEnvironment(SAFE))).toEqual([]);
    const { NODE_ENV: _production, ...development } = SAFE;
    expect(
      deploymentWarnings(
        optionsFromEnvironment({ ...development, PUBLIC_BASE_URL: 'http://localhost:3000' }),
      ),
    ).toEqual([]);
    // Unset, it is refused already (deploymentProblems), not warned of besides.
    expect(deploymentWarnings(optionsFromEnvironment({ ...SAFE, PUBLIC_BASE_URL: '' }))).toEqual(
      [],
    );
  });
});

describe('the credential /metrics needs', () => {
  it('is the admin token on the public port, none on a loopback listener of its own', () => {
    expect(metricsCredential(optionsFromEnvironment({ EMD_CDS_ADMIN_TOKEN: ADMIN_TOKEN }))).toBe(
      ADMIN_TOKEN,
    );
    expect(
      metricsCredential(
        optionsFromEnvironment({ EMD_CDS_ADMIN_TOKEN: ADMIN_TOKEN, METRICS_PORT: '9464' }),
      ),
    ).toBeUndefined();
    expect(
      metricsCredential(
        optionsFromEnvironment({
          EMD_CDS_ADMIN_TOKEN: ADMIN_TOKEN,
          METRICS_PORT: '9464',
          METRICS_HOST: '0.0.0.0',
        }),
      ),
    ).toBe(ADMIN_TOKEN);
  });
  it('refuse a static key whose coordinates are not base64url, as a copied placeholder', () => {
    // RFC 7517 Appendix A.1's example EC public key: base64url coordinates.
    const rfcKey = {
      kty: 'EC',
      crv: 'P-256',
      kid: '1',
      x: 'MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4',
      y: '4Etl6SRW2YilurN5XxWu4pdzfe1AugpHrfCwnpTFcXU',
    };
    const partner = (key: { kty: string }): TrustedIssuer => ({
      iss: 'https://partner-ehr.example',
      jku: [],
      jwks: { keys: [key] },
    });
    expect(settingsOf(SAFE, [partner(rfcKey)])).toEqual([]);
    const placeholder = { ...rfcKey, x: '<base64url x coordinate>', y: '<base64url y coordinate>' };
    const problems = deploymentProblems(optionsFromEnvironment(SAFE), [partner(placeholder)]);
    expect(problems.map((p) => p.setting)).toEqual(['AUTH_ISSUERS_FILE']);
    expect(problems[0]?.problem).toContain('"<base64url x coordinate>"');
    expect(problems[0]?.problem).toContain('"<base64url y coordinate>"');
  });
});
