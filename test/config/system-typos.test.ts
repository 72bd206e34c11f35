/**
 * Code system mistakes an analyst makes in a value set, which matched no record without a
 * word before: a letter dropped from a known URI, an OID without `urn:oid:`, a blank pasted
 * with the URI, a URI without its scheme. Each is refused, saying what to write. The URIs are
 * the rules page's §5; what H93 decided (which near misses records are read through, which
 * look-alikes a value set may name) is test/rules/near-miss-systems.test.ts, unchanged.
 */
import { describe, expect, it } from 'vitest';
import { systemProblem } from '../../src/config/system-uri.js';

const KNOWN = [
  'http://hl7.org/fhir/sid/icd-10-cm',
  'urn:oid:2.16.840.1.113883.6.90',
  'http://snomed.info/sct',
  'urn:oid:2.16.840.1.113883.6.96',
  'http://loinc.org',
];

describe('a code system typo in a value set', () => {
  const refused: [string, string][] = [
    [
      'http://snomed.info/sc',
      '"http://snomed.info/sc" is a letter or two away from "http://snomed.info/sct": write "http://snomed.info/sct" exactly if that is the code system meant; this one matches no record',
    ],
    [
      'http://lonic.org',
      '"http://lonic.org" is a letter or two away from "http://loinc.org": write "http://loinc.org" exactly if that is the code system meant; this one matches no record',
    ],
    [
      'http://hl7.org/fhir/sid/icd-10-cn',
      '"http://hl7.org/fhir/sid/icd-10-cn" is a letter or two away from "http://hl7.org/fhir/sid/icd-10-cm": write "http://hl7.org/fhir/sid/icd-10-cm" exactly if that is the code system meant; this one matches no record',
    ],
    [
      '2.16.156.10011.2.3.3.11',
      '"2.16.156.10011.2.3.3.11" is an OID: write it as urn:oid:2.16.156.10011.2.3.3.11, as FHIR names a code system by its OID',
    ],
    [
      'urn:oid:2.16.156.10011.2.3.3.11 ',
      '"urn:oid:2.16.156.10011.2.3.3.11 " has a blank at its end: remove the blank ("urn:oid:2.16.156.10011.2.3.3.11"); this one matches no record',
    ],
    [
      ' http://snomed.info/sct',
      '" http://snomed.info/sct" has a blank at its start: remove the blank ("http://snomed.info/sct"); this one matches no record',
    ],
    [
      'hospital.zs.example.cn/fhir/CodeSystem/diagnosis',
      '"hospital.zs.example.cn/fhir/CodeSystem/diagnosis" has no scheme: begin it with http:// or https://, as the code system\'s publisher writes its URI; this one matches no record',
    ],
  ];
  for (const [system, said] of refused)
    it(`refuses ${JSON.stringify(system)}, saying what to write`, () => {
      expect(systemProblem(system, KNOWN)).toBe(said);
    });

  // H93: another code system a site may add, longer than the known one, stays accepted.
  const accepted = [
    'http://hl7.org/fhir/sid/icd-10',
    'http://snomed.info/sctx',
    'urn:oid:2.16.840.1.113883.6.91',
    'http://hospital.zs.example.cn/fhir/CodeSystem/diagnosis',
    'urn:oid:2.16.156.10011.2.3.3.11',
  ];
  for (const system of accepted)
    it(`accepts ${system}`, () => {
      expect(systemProblem(system, KNOWN)).toBeUndefined();
    });
});
