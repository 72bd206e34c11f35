/**
 * Which `next` links are on fhirServer (src/fhir/server-links.ts), from RFC 3986's own text.
 * §6.2.2.1: "the scheme and host are case-insensitive", and "For all URIs, the hexadecimal
 * digits within a percent-encoding triplet (e.g., "%3a" versus "%3A") are case-insensitive";
 * the rest of the path is case-sensitive. §6.2.2.2: "%7Esmith" is "~smith" (an unreserved
 * character). §6.2.3: "http://example.com:80/" is "http://example.com/". Everything else that
 * differs is another server, as the token would go there (H121).
 */
import { describe, expect, it } from 'vitest';
import { linkOnServer, offServerLink } from '../../src/fhir/server-links.js';

const BASE = 'https://ehr.hospital.example/fhir/r4';

describe('linkOnServer: links RFC 3986 reads as the same base', () => {
  for (const [what, link] of [
    ['the host in capitals (§6.2.2.1)', 'https://EHR.Hospital.Example/fhir/r4/Condition?page=2'],
    ['the scheme in capitals (§6.2.2.1)', 'HTTPS://ehr.hospital.example/fhir/r4/Condition?page=2'],
    [
      'the default port written out (§6.2.3)',
      'https://ehr.hospital.example:443/fhir/r4/Condition?page=2',
    ],
    [
      'an unreserved character encoded (§6.2.2.2)',
      'https://ehr.hospital.example/%66hir/r4/Condition?page=2',
    ],
    ['the base itself, HAPI FHIR paging', 'https://ehr.hospital.example:443/fhir/r4?_getpages=abc'],
  ] as const)
    it(`follows ${what}`, () => {
      expect(linkOnServer(link, BASE)).toBeDefined();
    });

  it('reads fhirServer itself as RFC 3986 does: its host in capitals, its port written out', () => {
    const link = 'https://ehr.hospital.example/fhir/r4/Condition?page=2';
    expect(linkOnServer(link, 'https://EHR.hospital.example:443/fhir/r4')).toBeDefined();
    expect(linkOnServer(link, 'https://ehr.hospital.example/fhir/%72%34')).toBeDefined();
  });

  it('reads percent-encodings of other characters alike in either case (§6.2.2.1)', () => {
    const base = 'https://ehr.hospital.example/fhir/a%3ab';
    expect(linkOnServer('https://ehr.hospital.example/fhir/a%3Ab/Condition', base)).toBeDefined();
  });
});

describe('linkOnServer: links on another base are refused', () => {
  for (const [what, link] of [
    [
      'the path in other case (case-sensitive, §6.2.2.1)',
      'https://ehr.hospital.example/FHIR/R4/Condition?page=2',
    ],
    ['http for https (a TLS proxy)', 'http://ehr.hospital.example/fhir/r4/Condition?page=2'],
    ['another port', 'https://ehr.hospital.example:8443/fhir/r4/Condition?page=2'],
    ['another name of the same machine', 'https://10.0.0.7/fhir/r4/Condition?page=2'],
    ['a path beside the base', 'https://ehr.hospital.example/fhir/r5/Condition?page=2'],
  ] as const)
    it(`refuses ${what}`, () => {
      expect(linkOnServer(link, BASE)).toBeUndefined();
    });

  it('refuses localhost for 127.0.0.1 (RFC 3986 compares names, not addresses)', () => {
    expect(linkOnServer('http://localhost:8080/fhir/Condition', 'http://127.0.0.1:8080/fhir')).toBe(
      undefined,
    );
  });
});

describe('offServerLink: what the 412 and the log say', () => {
  const base = 'https://ehr.hospital.example/fhir/r4';
  for (const [what, link, said] of [
    [
      'a path in other case',
      'https://ehr.hospital.example/FHIR/R4/Condition?patient=secret-id&page=2',
      'https://ehr.hospital.example:443/FHIR/R4',
    ],
    [
      'http behind a TLS proxy',
      'http://ehr.hospital.example/fhir/r4/Condition?patient=secret-id',
      'http://ehr.hospital.example:80/fhir/r4',
    ],
    [
      'an internal name and port',
      'http://fhir-internal:8080/fhir/r4?_getpages=secret-id',
      'http://fhir-internal:8080/fhir/r4',
    ],
    [
      'a path one level off, and credentials in the link',
      'https://user:secret-password@ehr.hospital.example/api/fhir/r4/Patient/secret-id',
      'https://ehr.hospital.example:443/…',
    ],
    // Probe 12: with fhirServer's path three segments deep, a link on another host showed
    // `Patient/<id>/Condition`; only segments spelling fhirServer's own are shown.
    [
      'a patient id in the path of a link on another host',
      'http://other.example/Patient/secret-id/Condition/x?page=2',
      'http://other.example:80/…',
    ],
    [
      'a base in other case, then the patient',
      'https://ehr.hospital.example/FHIR/r4/Patient/secret-id/Condition',
      'https://ehr.hospital.example:443/FHIR/r4',
    ],
  ] as const)
    it(`names the link's scheme, host, port and path base for ${what}, never its query`, () => {
      const text = offServerLink(link, base);
      expect(text).toBe(
        `the server's next links are under ${said}, not fhirServer https://ehr.hospital.example:443/fhir/r4: make the server's base URL match`,
      );
      expect(text).not.toMatch(/secret/);
    });

  // Probe 12: Epic's base is four segments deep; a link on another host cut to that depth was
  // `Patient/<id>/Condition`, in the 412 and the warn line.
  it("never shows a patient's id in the path of a link, however deep fhirServer's path", () => {
    const deep = 'https://ehr.hospital.example/api/FHIR/R4';
    const text = offServerLink('http://other.example/Patient/secret-id/Condition/x?page=2', deep);
    expect(text).toBe(
      "the server's next links are under http://other.example:80/…, not fhirServer https://ehr.hospital.example:443/api/FHIR/R4: make the server's base URL match",
    );
    expect(text).not.toMatch(/secret/);
  });

  it('says why a link under the base with an encoded separator is refused', () => {
    expect(offServerLink(`${base}/..%2fother/Condition?patient=secret-id`, base)).toBe(
      `the server's next link under https://ehr.hospital.example:443/fhir/r4 holds an encoded "/", "\\" or "." in its path, which could leave fhirServer https://ehr.hospital.example:443/fhir/r4`,
    );
  });

  it('cuts a long host as outside text', () => {
    const text = offServerLink(`https://${'a'.repeat(300)}.example/fhir/Condition`, base);
    expect(text).toMatch(/…\[cut: \d+ characters\]/);
    expect(text.length).toBeLessThan(600);
  });
});
