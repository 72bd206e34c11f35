/**
 * Which fhirServer a call may read from (docs/security.md: only servers configuration allows):
 * the allowlist compares base URLs as RFC 3986 §6.2.2–6.2.3 reads URIs. Scheme and host are
 * case-insensitive (§6.2.2.1), a default port may be written or not (§6.2.3), an encoded
 * unreserved character is the character (§6.2.2.2); the path is case-sensitive, and another
 * name for a host is another host. A trailing slash is no part of a FHIR base URL.
 */
import { describe, expect, it } from 'vitest';
import { fhirAccessFor } from '../../src/fhir/fhir-access.js';

const ALLOWED = 'https://ehr.example.org/fhir/r4';
const access = fhirAccessFor({ allowedServers: [ALLOWED], runnerFor: () => ({}) as never });
const isAllowed = (fhirServer: string) => 'runner' in access({ fhirServer });

describe('the FHIR server allowlist', () => {
  it.each([
    ['as configured', ALLOWED],
    ['with a trailing slash', `${ALLOWED}/`],
    ['with the host in capitals', 'https://EHR.Example.ORG/fhir/r4'],
    ['with the scheme in capitals', 'HTTPS://ehr.example.org/fhir/r4'],
    ['with the default port written', 'https://ehr.example.org:443/fhir/r4'],
    ['with an unreserved character encoded', 'https://ehr.example.org/fhi%72/r4'],
  ])('allows the server %s', (_name, fhirServer) => {
    expect(isAllowed(fhirServer)).toBe(true);
  });

  it.each([
    ['with the path in capitals', 'https://ehr.example.org/FHIR/r4'],
    ['on another port', 'https://ehr.example.org:8443/fhir/r4'],
    ['by another name of the host', 'https://ehr.example.org.evil.example/fhir/r4'],
    ['under a longer path', 'https://ehr.example.org/fhir/r4/other'],
    ['at a shorter path', 'https://ehr.example.org/fhir'],
    ['with userinfo', 'https://user@ehr.example.org/fhir/r4'],
  ])('refuses the server %s', (_name, fhirServer) => {
    expect(isAllowed(fhirServer)).toBe(false);
  });

  it('reads an allowlist entry written in capitals with a default port as the same server', () => {
    const written = fhirAccessFor({
      allowedServers: ['HTTPS://EHR.example.org:443/fhir/r4/'],
      runnerFor: () => ({}) as never,
    });
    expect('runner' in written({ fhirServer: ALLOWED })).toBe(true);
  });
});
