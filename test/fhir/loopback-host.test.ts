/**
 * Loopback, the one place plain http is allowed: 127.0.0.0/8, ::1 and localhost (docs/security.md:
 * "plain http only on loopback"), one definition for FHIR servers and key URLs alike.
 */
import { describe, expect, it } from 'vitest';
import { fhirAccessFor } from '../../src/fhir/fhir-access.js';
import { isLoopbackHost } from '../../src/fhir/loopback-host.js';

describe('isLoopbackHost', () => {
  it('takes hostnames as URL.hostname spells them', () => {
    expect(isLoopbackHost(new URL('http://[0:0:0:0:0:0:0:1]/').hostname)).toBe(true);
    expect(isLoopbackHost(new URL('http://127.1/').hostname)).toBe(true);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
  });

  it('takes ::1 bare, as a listen address gives it', () => {
    expect(isLoopbackHost('::1')).toBe(true);
  });
});

describe('a FHIR server over plain http', () => {
  const NOT_HTTPS = 'its fhirServer is not https (plain http is allowed on loopback only)';
  const unusableBecause = (fhirServer: string) => {
    const access = fhirAccessFor({ allowedServers: [fhirServer] })({ fhirServer });
    return 'unusableBecause' in access ? access.unusableBecause : undefined;
  };

  for (const server of ['http://127.0.0.1:8103/fhir', 'http://127.0.0.2/fhir', 'http://[::1]/fhir'])
    it(`is allowed on loopback when allowlisted: ${server}`, () => {
      // Past the https check; with no runner given, the next refusal is the build's.
      expect(unusableBecause(server)).toBe(
        'reading from a fhirServer is not enabled in this build',
      );
    });

  for (const server of ['http://10.0.0.5/fhir', 'http://127.0.0.1.evil.example/fhir'])
    it(`is refused off loopback even when allowlisted: ${server}`, () => {
      expect(unusableBecause(server)).toBe(NOT_HTTPS);
    });
});
