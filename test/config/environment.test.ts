import { describe, expect, it } from 'vitest';
import { optionsFromEnvironment } from '../../src/config/environment.js';

describe('options from the environment', () => {
  it('has working defaults for a fresh machine', () => {
    const options = optionsFromEnvironment({});
    expect(options).toMatchObject({
      production: false,
      port: 3000,
      logLevel: 'info',
      corsOrigins: ['https://sandbox.cds-hooks.org'],
      allowedFhirServers: [],
      fhirTimeoutMs: 2500,
      fhirMaxPages: 10,
      // 32 MiB, the largest FHIR answer the service reads itself (round 7a, H120); 6000 a
      // minute, 100 a second, for a hospital's EHR across every hook (round 7a, decided).
      bodyLimit: '32mb',
      publicBaseUrl: 'http://localhost:3000',
      rateLimitPerMinute: 6000,
    });
    // Secure by default: authentication on, the public sandbox's published key not trusted.
    expect(options.auth).toMatchObject({
      enabled: true,
      localIssuer: { enabled: true },
      cdsHooksSandbox: { enabled: false },
      clockToleranceSeconds: 60,
      maxTokenAgeSeconds: 300,
    });
  });

  it('in production trusts neither the local test issuer nor the public sandbox origin by default', () => {
    const options = optionsFromEnvironment({ NODE_ENV: 'production' });
    expect(options.production).toBe(true);
    expect(options.auth.localIssuer.enabled).toBe(false);
    expect(options.corsOrigins).toEqual([]);
  });

  it('in production still takes an explicit setting (the deployment checks then refuse it)', () => {
    const options = optionsFromEnvironment({
      NODE_ENV: 'production',
      AUTH_LOCAL_ISSUER: 'on',
      CORS_ORIGINS: 'https://sandbox.cds-hooks.org',
    });
    expect(options.auth.localIssuer.enabled).toBe(true);
    expect(options.corsOrigins).toEqual(['https://sandbox.cds-hooks.org']);
  });

  it('serves /metrics on the service port unless METRICS_PORT is set, then on 127.0.0.1', () => {
    // nodeSum: only a cluster worker sums the node's workers (src/main.ts sets it there).
    expect(optionsFromEnvironment({}).metrics).toEqual({
      port: undefined,
      host: '127.0.0.1',
      nodeSum: false,
    });
    expect(optionsFromEnvironment({ METRICS_PORT: '9464' }).metrics).toEqual({
      port: 9464,
      host: '127.0.0.1',
      nodeSum: false,
    });
    expect(
      optionsFromEnvironment({ METRICS_PORT: '9464', METRICS_HOST: '10.0.0.2' }).metrics.host,
    ).toBe('10.0.0.2');
  });

  it('reads comma-separated lists', () => {
    const options = optionsFromEnvironment({
      FHIR_SERVERS: ' https://a.example/fhir, https://b.example/fhir ,',
      CORS_ORIGINS: ' , ',
    });
    expect(options.allowedFhirServers).toEqual([
      'https://a.example/fhir',
      'https://b.example/fhir',
    ]);
    expect(options.corsOrigins).toEqual([]);
  });

  it('treats an empty variable as not set', () => {
    expect(optionsFromEnvironment({ PUBLIC_BASE_URL: '', PORT: '' }).publicBaseUrl).toBe(
      'http://localhost:3000',
    );
  });

  it('builds the public base URL from the port unless given, without a trailing slash', () => {
    expect(optionsFromEnvironment({ PORT: '8443' }).publicBaseUrl).toBe('http://localhost:8443');
    expect(
      optionsFromEnvironment({ PUBLIC_BASE_URL: 'https://cds.example.org/' }).publicBaseUrl,
    ).toBe('https://cds.example.org');
  });

  for (const [name, value] of [
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['FHIR_TIMEOUT_MS', '-1'],
    ['LOG_LEVEL', 'loud'],
    ['BODY_LIMIT', 'big'],
    // Above the 128 MiB the node reads at once, every caller's bodies together.
    ['BODY_LIMIT', '129mb'],
    ['METRICS_PORT', 'ninety'],
  ] as const) {
    it(`refuses ${name}=${value} with a message naming it`, () => {
      expect(() => optionsFromEnvironment({ [name]: value })).toThrow(name);
    });
  }

  it('names the FHIR_SERVERS entry that is no http(s) URL, which failed the start naming nothing', () => {
    expect(() =>
      optionsFromEnvironment({ FHIR_SERVERS: 'https://a.example/fhir, fhir.hospital.example' }),
    ).toThrow(new Error('environment FHIR_SERVERS.1: Invalid URL'));
    expect(() => optionsFromEnvironment({ FHIR_SERVERS: 'ftp://a.example/fhir' })).toThrow(
      /^environment FHIR_SERVERS\.0: /,
    );
  });

  // docs/configuring.md §1: every configuration problem is one line, `where path: message`;
  // the environment has no file, so its lines start "environment", and never show a value.
  it('names each bad variable on a line of its own, as config problems are written', () => {
    expect(() =>
      optionsFromEnvironment({ PORT: 'eighty', AUTH: 'maybe', EMD_CDS_ADMIN_TOKEN: 'x' }),
    ).toThrow(
      new Error(
        [
          'environment PORT: Invalid input: expected number, received NaN',
          'environment AUTH: Invalid option: expected one of "on"|"off"',
          // A secret's value is never repeated, only what is wrong with it.
          'environment EMD_CDS_ADMIN_TOKEN: at least 16 characters',
        ].join('\n'),
      ),
    );
  });
});
