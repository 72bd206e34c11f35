/**
 * A problem in a value set file is written as every configuration problem is (docs/configuring.md
 * §1), at its file, line and column: the value the check names when the file has it (a system,
 * a language), else the entry that lacks it (a concept without a code). The file is written out
 * below as a site would indent it; each position is counted off it by hand.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configProblems } from './config-problems.js';

/** A site folder holding `text` as value-sets/problems.json, and its config file. */
function site(text: string): { config: string; valueSet: string } {
  const dir = mkdtempSync(join(tmpdir(), 'emd-cds-value-set-lines-'));
  mkdirSync(join(dir, 'value-sets'));
  writeFileSync(join(dir, 'value-sets', 'problems.json'), text);
  writeFileSync(join(dir, 'site.yaml'), 'valueSets:\n  files: [value-sets]\n');
  return { config: join(dir, 'site.yaml'), valueSet: join(dir, 'value-sets', 'problems.json') };
}

const PROBLEMS = `{
  "resourceType": "ValueSet",
  "url": "http://hospital.example.org/fhir/ValueSet/problems",
  "status": "active",
  "compose": {
    "include": [
      {
        "system": "snomed",
        "concept": [
          { "code": "PLASMA-EM" },
          { "display": "Extramedullary plasmacytoma, breast" },
          { "code": "10200004", "designation": [{ "language": "zh_CN", "value": "肝" }] }
        ]
      }
    ],
    "exclude": [{ "system": "icd10cm", "concept": [{ "code": "C90.20" }] }]
  }
}
`;

describe('a problem inside a value set file', () => {
  it('names the line and column of the entry or value it is about', () => {
    const { config, valueSet } = site(PROBLEMS);
    expect(configProblems(config)).toEqual([
      `${valueSet}:8:19 compose.include[0].system "snomed" is not an absolute URI: name the code system by its URI, e.g. http://snomed.info/sct or http://hl7.org/fhir/sid/icd-10-cm`,
      `${valueSet}:11:11 compose.include[0].concept[1] has no code (display "Extramedullary plasmacytoma, breast")`,
      `${valueSet}:12:63 compose.include[0].concept[2] (code "10200004").designation[0] language "zh_CN" is not a language tag (BCP 47): write e.g. "zh-CN" or "zh"`,
      `${valueSet}:16:29 compose.exclude[0].system "icd10cm" is not an absolute URI: name the code system by its URI, e.g. http://snomed.info/sct or http://hl7.org/fhir/sid/icd-10-cm`,
      '(more checks follow once these are fixed: which value set plays each role (valueSets.roles))',
    ]);
  });

  it('names the resource type of a file that holds no ValueSet', () => {
    const { config, valueSet } = site(`{
  "resourceType": "CodeSystem",
  "url": "http://hospital.example.org/fhir/CodeSystem/problems",
  "status": "active",
  "content": "complete"
}
`);
    expect(configProblems(config)).toEqual([
      `${valueSet}:2:19 is a CodeSystem (http://hospital.example.org/fhir/CodeSystem/problems), not a ValueSet: value-set files hold ValueSets only; list its codes in a ValueSet's compose.include (system: its url)`,
      '(more checks follow once these are fixed: which value set plays each role (valueSets.roles))',
    ]);
  });

  it('names the list that is not one, and a blank code at the code', () => {
    const { config, valueSet } = site(`{
  "resourceType": "ValueSet",
  "url": "http://hospital.example.org/fhir/ValueSet/problems",
  "status": "active",
  "compose": {
    "include": [{ "system": "http://snomed.info/sct", "concept": [{ "code": " " }] }]
  },
  "expansion": {
    "contains": { "system": "http://snomed.info/sct", "code": "10200004" }
  }
}
`);
    expect(configProblems(config)).toEqual([
      `${valueSet}:6:77 compose.include[0].concept[0] has no code`,
      `${valueSet}:9:17 expansion.contains is not a list`,
      '(more checks follow once these are fixed: which value set plays each role (valueSets.roles))',
    ]);
  });

  it('names a system that only looks like a known one: https, a trailing slash (rules page §5)', () => {
    const { config, valueSet } = site(`{
  "resourceType": "ValueSet",
  "url": "http://hospital.example.org/fhir/ValueSet/problems",
  "status": "active",
  "compose": {
    "include": [
      { "system": "https://snomed.info/sct", "concept": [{ "code": "10200004" }] },
      { "system": "http://snomed.info/sct/", "concept": [{ "code": "64033007" }] },
      { "system": "http://hl7.org/fhir/sid/icd-10-cm/", "concept": [{ "code": "C90.20" }] },
      { "system": "http://hospital.example.org/fhir/CodeSystem/problems", "concept": [{ "code": "X" }] }
    ]
  }
}
`);
    // The URIs meant, typed from the rules page §5; a local system is no near miss. A record
    // so spelled is read as the URI (H93), but a value set must name the URI itself.
    const meant = (uri: string) =>
      `is not the URI of the code system it looks like: write "${uri}" exactly (no https, no trailing slash); a record's coding so written is read as it, but a value set names the code system by its URI`;
    expect(configProblems(config)).toEqual([
      `${valueSet}:7:19 compose.include[0].system "https://snomed.info/sct" ${meant('http://snomed.info/sct')}`,
      `${valueSet}:8:19 compose.include[1].system "http://snomed.info/sct/" ${meant('http://snomed.info/sct')}`,
      `${valueSet}:9:19 compose.include[2].system "http://hl7.org/fhir/sid/icd-10-cm/" ${meant('http://hl7.org/fhir/sid/icd-10-cm')}`,
      '(more checks follow once these are fixed: which value set plays each role (valueSets.roles))',
    ]);
  });

  it('names a code pasted with a space inside, or a SNOMED CT code that is no concept id', () => {
    const { config, valueSet } = site(`{
  "resourceType": "ValueSet",
  "url": "http://hospital.example.org/fhir/ValueSet/soft-tissue",
  "status": "active",
  "compose": {
    "include": [
      { "system": "http://snomed.info/sct", "concept": [{ "code": " 87784001 " }, { "code": "7185 4001" }, { "code": "SCT-10200004" }] },
      { "system": "http://hl7.org/fhir/sid/icd-10-cm", "concept": [{ "code": "C90 .20" }] },
      { "system": "http://hospital.example.org/fhir/CodeSystem/sites", "concept": [{ "code": "LEFT LIVER" }] }
    ]
  }
}
`);
    // Spaces around a code are read past; a local system's codes may hold spaces (FHIR R4
    // code: single spaces allowed), the rules page's systems' codes never do.
    expect(configProblems(config)).toEqual([
      `${valueSet}:7:93 compose.include[0].concept[1].code "7185 4001" has a space inside: codes of http://snomed.info/sct have none, so this one matches no record`,
      `${valueSet}:7:118 compose.include[0].concept[2].code "SCT-10200004" is not a SNOMED CT concept id (6 to 18 digits), so it matches no record`,
      `${valueSet}:8:78 compose.include[1].concept[0].code "C90 .20" has a space inside: codes of http://hl7.org/fhir/sid/icd-10-cm have none, so this one matches no record`,
      '(more checks follow once these are fixed: which value set plays each role (valueSets.roles))',
    ]);
  });

  it("names systems an analyst copies from a browser or a release file (rules page §5's URIs)", () => {
    const { config, valueSet } = site(`{
  "resourceType": "ValueSet",
  "url": "http://hospital.example.org/fhir/ValueSet/cns",
  "status": "active",
  "compose": {
    "include": [
      { "system": "http://snomed.info/sct/900000000000207008", "concept": [{ "code": "999999001" }] },
      { "system": "http://snomed.info/id", "concept": [{ "code": "12738006" }] },
      { "system": "urn:oid:2.16.840.1.113883.6.96.", "concept": [{ "code": "2748008" }] },
      { "system": "http://hl7.org/fhir/sid/icd10cm", "concept": [{ "code": "C90.20" }] },
      { "system": "urn:oid:2.16.840.1.113883.6.96", "concept": [{ "code": "21483005" }] },
      { "system": "http://hl7.org/fhir/sid/icd-10", "concept": [{ "code": "C90.2" }] }
    ]
  }
}
`);
    // SNOMED CT's edition URI (read in a record, H93), its concept URIs' base, an OID with a
    // full stop and ICD-10-CM without hyphens (read in no record); the OID itself (the
    // NamingSystem's) and WHO's ICD-10 are no near misses.
    expect(configProblems(config)).toEqual([
      `${valueSet}:7:19 compose.include[0].system "http://snomed.info/sct/900000000000207008" is a path under the code system's URI, not the URI: write "http://snomed.info/sct" exactly, as records code it (an edition or version, such as SNOMED CT's http://snomed.info/sct/900000000000207008, goes in the include's \`version\`); a record's coding so written is read as it, but a value set names the code system by its URI`,
      `${valueSet}:8:19 compose.include[1].system "http://snomed.info/id" names concepts, not the code system: write "http://snomed.info/sct" exactly, as records code it; this one matches no record`,
      `${valueSet}:9:19 compose.include[2].system "urn:oid:2.16.840.1.113883.6.96." is not the URI of the code system it looks like: write "urn:oid:2.16.840.1.113883.6.96" exactly (no https, no trailing slash), as records code it; this one matches no record`,
      `${valueSet}:10:19 compose.include[3].system "http://hl7.org/fhir/sid/icd10cm" is not the URI of the code system it looks like: write "http://hl7.org/fhir/sid/icd-10-cm" exactly (no https, no trailing slash), as records code it; this one matches no record`,
      '(more checks follow once these are fixed: which value set plays each role (valueSets.roles))',
    ]);
  });
  it('names a bare OID, capitals in the host and a dated edition URI, which records are read through (H93)', () => {
    const { config, valueSet } = site(`{
  "resourceType": "ValueSet",
  "url": "http://hospital.example.org/fhir/ValueSet/sites",
  "status": "active",
  "compose": {
    "include": [
      { "system": "2.16.840.1.113883.6.96", "concept": [{ "code": "10200004" }] },
      { "system": "HTTP://SNOMED.INFO/sct", "concept": [{ "code": "64033007" }] },
      { "system": "http://snomed.info/sct/731000124108/version/20250301", "concept": [{ "code": "1231004" }] },
      { "system": "http://snomed.info/sctx", "concept": [{ "code": "12738006" }] }
    ]
  }
}
`);
    // Rules page §2 names SNOMED CT's OID with urn:oid:; sctx is another URI, no near miss.
    const read = `a record's coding so written is read as it, but a value set names the code system by its URI`;
    expect(configProblems(config)).toEqual([
      `${valueSet}:7:19 compose.include[0].system "2.16.840.1.113883.6.96" is not the URI of the code system it looks like: write "urn:oid:2.16.840.1.113883.6.96" exactly (an OID takes urn:oid:); ${read}`,
      `${valueSet}:8:19 compose.include[1].system "HTTP://SNOMED.INFO/sct" is not the URI of the code system it looks like: write "http://snomed.info/sct" exactly (no https, no trailing slash); ${read}`,
      `${valueSet}:9:19 compose.include[2].system "http://snomed.info/sct/731000124108/version/20250301" is a path under the code system's URI, not the URI: write "http://snomed.info/sct" exactly, as records code it (an edition or version, such as SNOMED CT's http://snomed.info/sct/900000000000207008, goes in the include's \`version\`); ${read}`,
      '(more checks follow once these are fixed: which value set plays each role (valueSets.roles))',
    ]);
  });
});
