/**
 * H93: a record's coding whose system is an unmistakable spelling of a known code system's URI
 * (https, capitals in scheme or host, trailing slashes, a bare OID, SNOMED CT's edition URI, a
 * version after "|") is
 * read as that system, and the explain trace says so once per system; any other look-alike
 * stays unmatched (rules page §2: a code matches by system + code), with advice a site can
 * follow. Config validation and record reading share one reading of a near miss
 * (src/rules/system-spelling.ts), so what the trace says of a system is what `validate` says.
 * Every system and expectation below is typed from the rules page (§2, §5) and the lead's
 * decision, not computed.
 */
import { describe, expect, it } from 'vitest';
import { systemProblem } from '../../src/config/system-uri.js';
import { evaluate } from '../../src/rules/evaluate.js';
import { SystemReader } from '../../src/rules/read-spellings.js';
import { notImagingOrderLines } from '../../src/rules/unread-order-line.js';
import { notBrainOrSpineLine } from '../../src/rules/unread-study-codes.js';
import { condition, defaultRuleSettings, NOW, PATIENT_ID, recordOf } from './fixtures.js';

const ICD_10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const SNOMED_CT = 'http://snomed.info/sct';
/** Rules page §5's URIs and §2's OIDs, as `validate` takes them (a value set may name both). */
const KNOWN = [
  ICD_10_CM,
  'urn:oid:2.16.840.1.113883.6.90',
  SNOMED_CT,
  'urn:oid:2.16.840.1.113883.6.96',
];

/** Spellings read as the system after them. */
const READ: [string, string][] = [
  ['http://hl7.org/fhir/sid/icd-10-cm/', ICD_10_CM],
  ['http://hl7.org/fhir/sid/icd-10-cm//', ICD_10_CM],
  ['https://hl7.org/fhir/sid/icd-10-cm', ICD_10_CM],
  ['HTTP://HL7.ORG/fhir/sid/icd-10-cm', ICD_10_CM],
  ['2.16.840.1.113883.6.90', ICD_10_CM],
  ['URN:OID:2.16.840.1.113883.6.90', ICD_10_CM],
  ['http://snomed.info/sct/', SNOMED_CT],
  ['https://snomed.info/sct', SNOMED_CT],
  ['http://snomed.info/sct/731000124108', SNOMED_CT],
  ['http://snomed.info/sct/900000000000207008/version/20250731', SNOMED_CT],
  ['2.16.840.1.113883.6.96', SNOMED_CT],
  // A version after "|", as FHIR writes a canonical's (probe 15 a9): alone, or with a spelling.
  ['http://hl7.org/fhir/sid/icd-10-cm|2024', ICD_10_CM],
  ['https://hl7.org/fhir/sid/icd-10-cm|2025', ICD_10_CM],
  ['urn:oid:2.16.840.1.113883.6.90|2024', ICD_10_CM],
  ['http://snomed.info/sct|http://snomed.info/sct/731000124108/version/20250301', SNOMED_CT],
];

/** Look-alikes read as nothing; `refused`: validate refuses a value set naming it. */
const NOT_READ: [string, 'refused' | 'accepted'][] = [
  // WHO ICD-10 and a SNOMED CT look-alike are other URIs a site may add (example h).
  ['http://hl7.org/fhir/sid/icd-10', 'accepted'],
  ['http://snomed.info/sctx', 'accepted'],
  ['urn:oid:2.16.840.1.113883.6.90.1', 'accepted'],
  // Near misses that are not unmistakable: the path's case, www., hyphens, a full stop.
  ['http://hl7.org/fhir/sid/ICD-10-CM', 'refused'],
  ['http://www.snomed.info/sct', 'refused'],
  ['http://hl7.org/fhir/sid/icd10cm', 'refused'],
  ['urn:oid:2.16.840.1.113883.6.96.', 'refused'],
  ['http://snomed.info/sct/brain', 'refused'],
  ['http://snomed.info/id', 'refused'],
  ['ICD-10-CM', 'refused'],
  // A "|" with no version after it, two of them, or another system's versioned URI.
  ['http://hl7.org/fhir/sid/icd-10-cm|', 'refused'],
  ['http://hl7.org/fhir/sid/icd-10-cm|2024|2025', 'refused'],
  ['http://hl7.org/fhir/sid/icd-10|2019', 'refused'],
];

const terminology = defaultRuleSettings.terminology;

describe('one reading of a near miss for records and for value sets (H93)', () => {
  for (const [system, meant] of READ)
    it(`reads ${system} as ${meant}, and validate names the URI it spells`, () => {
      expect(terminology.isKnownSystem(system)).toBe(true);
      expect(terminology.canonicalSystem(system)).toBe(meant);
      // A value set names the URI itself; the validator says which (or its urn:oid:).
      const problem = systemProblem(system, KNOWN);
      expect(problem).toMatch(/a record's coding so written is read as it/);
      expect(KNOWN.filter((uri) => problem?.includes(`"${uri}"`))).toHaveLength(1);
    });

  for (const [system, validate] of NOT_READ)
    it(`reads ${system} as no known system, and validate ${validate} it`, () => {
      expect(terminology.isKnownSystem(system)).toBe(false);
      expect(terminology.canonicalSystem(system)).toBe(system);
      const problem = systemProblem(system, KNOWN);
      if (validate === 'accepted') expect(problem).toBeUndefined();
      else expect(problem).toMatch(/this one matches no record|not an absolute URI/);
    });

  it('works out each distinct system string once, then answers from its cache', () => {
    const reader = new SystemReader(new Map(KNOWN.map((uri) => [uri, uri])));
    const first = reader.readAs('https://snomed.info/sct');
    expect(first).toEqual({
      system: 'https://snomed.info/sct',
      preferred: SNOMED_CT,
      miss: 'spelling',
      how: 'https for http',
    });
    expect(reader.readAs('https://snomed.info/sct')).toBe(first);
    expect(reader.spellingOf('http://snomed.info/sctx')).toBe(
      reader.spellingOf('http://snomed.info/sctx'),
    );
  });
});

const STATUS = {
  clinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  verification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
};

/** Myeloma and a meningeal plasmacytoma, coded in the systems given. */
function evaluationOf(icdSystem: string, siteSystem: string, statusSystem = STATUS.clinical) {
  const mm = condition('mm', {
    code: [{ system: icdSystem, code: 'C90.00' }],
    clinicalStatus: 'active',
    onset: '2024-01-15',
  });
  const pc = condition('pc', {
    code: [{ system: icdSystem, code: 'C90.20' }],
    sites: [{ system: siteSystem, code: '1231004' }],
    onset: '2026-10-01',
    extra: { clinicalStatus: { coding: [{ system: statusSystem, code: 'active' }] } },
  });
  const record = recordOf([mm, pc]);
  const run = () =>
    evaluate({
      record,
      settings: defaultRuleSettings,
      context: { kind: 'patient-view', patientId: PATIENT_ID },
      now: NOW,
    });
  return { run, evaluation: run() };
}

const fired = (evaluation: ReturnType<typeof evaluate>) =>
  evaluation.outcomes.filter((o) => o.fired).map((o) => [o.ruleId, o.indicator]);
const systemLines = (evaluation: ReturnType<typeof evaluate>) =>
  evaluation.trace.filter((line) => line.message.startsWith('code system'));

describe('a record coded in near misses of known systems (H93)', () => {
  it('raises the leptomeningeal card and names each system once, whatever the codings', () => {
    const { evaluation, run } = evaluationOf(
      'http://hl7.org/fhir/sid/icd-10-cm/',
      'http://snomed.info/sct/731000124108',
    );
    // Rules page §4: an active leptomeningeal finding (meninges 1231004) → critical.
    expect(fired(evaluation)).toEqual([['emd-leptomeningeal', 'critical']]);
    const lines = [
      {
        message:
          'code system "http://hl7.org/fhir/sid/icd-10-cm/" read as ICD-10-CM (a trailing slash): the feed should send http://hl7.org/fhir/sid/icd-10-cm',
      },
      {
        message:
          'code system "http://snomed.info/sct/731000124108" read as SNOMED CT (an edition URI, which belongs in Coding.version): the feed should send http://snomed.info/sct',
      },
    ];
    expect(systemLines(evaluation)).toEqual(lines);
    // The same record evaluated again says the same.
    expect(systemLines(run())).toEqual(lines);
  });

  it('reads an `active` status under a near miss of its system, so the card is not lowered', () => {
    const system = `${STATUS.clinical}/`;
    const { evaluation, run } = evaluationOf(ICD_10_CM, SNOMED_CT, system);
    // Unreadable, it would be uncertain and lowered (rules page §2, H19); read, critical.
    expect(fired(evaluation)).toEqual([['emd-leptomeningeal', 'critical']]);
    const lines = [
      {
        message: `code system "${system}" read as the R4 clinical status codes (a trailing slash): the feed should send ${STATUS.clinical}`,
      },
    ];
    expect(systemLines(evaluation)).toEqual(lines);
    // Statuses are read once per Condition and kept: a second evaluation still names it.
    expect(systemLines(run())).toEqual(lines);
  });

  it('reads WHO ICD-10 as no myeloma, and advises adding its codes to a value set', () => {
    const { evaluation } = evaluationOf('http://hl7.org/fhir/sid/icd-10', SNOMED_CT);
    expect(fired(evaluation)).toEqual([]);
    expect(systemLines(evaluation)).toEqual([]);
    expect(evaluation.trace).toContainEqual({
      reference: 'Condition/mm',
      message:
        'is coded only in a code system no loaded value set uses (C90.00 in http://hl7.org/fhir/sid/icd-10): its code was not read, so it is neither myeloma nor a finding; if it should count, add the code to a value set (docs/configuring.md, example h)',
    });
  });

  it('reads a look-alike it does not read as no myeloma, and advises correcting the feed', () => {
    const system = 'http://hl7.org/fhir/sid/ICD-10-CM';
    const { evaluation } = evaluationOf(system, SNOMED_CT);
    expect(fired(evaluation)).toEqual([]);
    expect(evaluation.trace).toContainEqual({
      reference: 'Condition/mm',
      message: `is coded only in a code system no loaded value set uses (C90.00 in ${system}): its code was not read, so it is neither myeloma nor a finding; "${system}" only looks like ICD-10-CM's URI, and is not read as it: correct the feed or its interface mapping to send http://hl7.org/fhir/sid/icd-10-cm (no value set may name "${system}": validate refuses it)`,
    });
  });
});

describe('lines that advise adding codes to a value set, for a look-alike system (H93)', () => {
  const www = 'http://www.loinc.org';
  const fix = `"${www}" only looks like LOINC's URI, and is not read as it: correct the feed or its interface mapping to send http://loinc.org (no value set may name "${www}": validate refuses it)`;

  it('adds the feed fix to a draft order coded in a look-alike of LOINC', () => {
    const draft: fhir4.ServiceRequest = {
      resourceType: 'ServiceRequest',
      id: 'mr',
      status: 'draft',
      intent: 'order',
      subject: { reference: `Patient/${PATIENT_ID}` },
      // LOINC 24590-2, MR brain (rules page §5), under a near miss that is not read.
      code: { coding: [{ system: www, code: '24590-2' }] },
    };
    const [line] = notImagingOrderLines(
      [{ resource: draft, reference: 'ServiceRequest/mr' }],
      terminology,
    );
    expect(line).toBe(
      `ServiceRequest/mr is a draft of this patient's, but its codes (24590-2 in ${www}) are in no imagingOrder value set (${terminology.urlOf('imagingOrder')}); if it orders imaging, a site adds its code to that value set or to one it includes, such as orderPetCt (docs/configuring.md, example a); ${fix}`,
    );
  });

  it('adds the feed fix to a study whose procedure is coded in a look-alike of LOINC', () => {
    const study: fhir4.ImagingStudy = {
      resourceType: 'ImagingStudy',
      id: 'mr1',
      status: 'available',
      subject: { reference: `Patient/${PATIENT_ID}` },
      procedureCode: [{ coding: [{ system: www, code: '24590-2' }] }],
    };
    expect(notBrainOrSpineLine(study, 'ImagingStudy/mr1', terminology)).toBe(
      `ImagingStudy/mr1 does not cover brain or spine: its procedure codes (24590-2 in ${www}) are in neither imagingBrain (${terminology.urlOf('imagingBrain')}) nor imagingSpine (${terminology.urlOf('imagingSpine')}); if the study covers the brain or spine, a site adds its codes to the value set of the role imagingBrain or imagingSpine (docs/configuring.md, example a); ${fix}`,
    );
  });
});
