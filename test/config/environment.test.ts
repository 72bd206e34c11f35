import { describe, expect, it } from 'vitest';
import { optionsFromEnvironment } from '../../src/config/environment.js';

describe('options from the environment', () => {
  it('has working defaults for a fresh machine', () => {
    expect(optionsFromEnvironment({})).toEqual({
      port: 3000,
      logLevel: 'info',
      corsOrigins: ['https://sandbox.cds-hooks.org'],
      allowedFhirServers: [],
      fhirTimeoutMs: 400,
      fhirMaxPages: 10,
      bodyLimit: '5mb',
    });
  });

  it('reads comma-separated lists', () => {
    const options = optionsFromEnvironment({
      FHIR_SERVERS: ' https://a.example/fhir, https://b.example/fhir ,',
      CORS_ORIGINS: '',
    });
    expect(options.allowedFhirServers).toEqual([
      'https://a.example/fhir',
      'https://b.example/fhir',
    ]);
    expect(options.corsOrigins).toEqual([]);
  });

  for (const [name, value] of [
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['FHIR_TIMEOUT_MS', '-1'],
    ['LOG_LEVEL', 'loud'],
    ['BODY_LIMIT', 'big'],
  ] as const) {
    it(`refuses ${name}=${value} with a message naming it`, () => {
      expect(() => optionsFromEnvironment({ [name]: value })).toThrow(name);
    });
  }
});
