/**
 * A site given only through FHIR R4's core extension bodySite
 * (http://hl7.org/fhir/StructureDefinition/bodySite, a reference to a BodyStructure) is one of
 * the Condition's body sites (rules page §3.3: "Its class, from all its body sites"); one that
 * cannot be read is said so, never "no body site recorded" (H114). Codes from the rules page
 * §5; expected words typed from docs/clinical-safety.md H114.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import {
  condition,
  defaultRuleSettings,
  icd,
  myeloma,
  NOW,
  PATIENT_ID,
  recordOf,
} from './fixtures.js';

const URL = 'http://hl7.org/fhir/StructureDefinition/bodySite';
const MENINGES = { system: 'http://snomed.info/sct', code: '1231004' };
const LEFT = { system: 'http://snomed.info/sct', code: '7771000' };

function bodyStructure(id: string, patient?: string): fhir4.BodyStructure {
  return {
    resourceType: 'BodyStructure',
    id,
    location: { coding: [MENINGES] },
    locationQualifier: [{ coding: [LEFT] }],
    ...(patient ? { patient: { reference: patient } } : {}),
  } as fhir4.BodyStructure;
}

function plasmacytomaWith(reference: string, contained: fhir4.Resource[] = []): fhir4.Condition {
  return {
    ...condition('pc1', { code: [icd('C90.22')], onset: '2026-10-20' }),
    extension: [{ url: URL, valueReference: { reference } }],
    ...(contained.length > 0 ? { contained } : {}),
  };
}

function run(pc1: fhir4.Condition, others: fhir4.Resource[] = []) {
  const evaluation = evaluate({
    record: recordOf([
      myeloma('mm', { code: [icd('C90.02')], onset: '2024-01-01' }),
      pc1,
      ...others,
    ]),
    settings: defaultRuleSettings,
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  });
  return {
    lines: evaluation.trace.filter((l) => l.reference === 'Condition/pc1').map((l) => l.message),
    fired: evaluation.outcomes.filter((o) => o.fired).map((o) => `${o.ruleId} ${o.indicator}`),
  };
}

describe('a body site given by the bodySite extension (H114)', () => {
  it('a contained BodyStructure at the meninges: leptomeningeal, critical', () => {
    const { lines, fired } = run(plasmacytomaWith('#bs1', [bodyStructure('bs1', 'Patient/p1')]));
    expect(fired).toEqual(['emd-leptomeningeal critical']);
    expect(lines).toContain(
      `extension[0] gives a body site by the bodySite extension (${URL}) as #bs1: read as a body site`,
    );
  });

  it('a BodyStructure of the record, referenced as BodyStructure/<id>, is read alike', () => {
    const { fired } = run(plasmacytomaWith('BodyStructure/b9'), [
      bodyStructure('b9', 'Patient/p1'),
    ]);
    expect(fired).toEqual(['emd-leptomeningeal critical']);
  });

  it("another patient's BodyStructure is not read (H09): unclassified, and the trace says why", () => {
    const { lines, fired } = run(plasmacytomaWith('BodyStructure/b9'), [
      bodyStructure('b9', 'Patient/someone-else'),
    ]);
    expect(fired).toEqual(['emd-unclassified info']);
    expect(lines).toContain(
      `extension[0] gives a body site by the bodySite extension (${URL}) as BodyStructure/b9, which could not be read: it is another patient's BodyStructure; the class is read without that site`,
    );
  });

  it('a BodyStructure whose patient names no Patient of the call is not read, and says why', () => {
    const { lines, fired } = run(plasmacytomaWith('BodyStructure/b9'), [
      bodyStructure('b9', 'urn:uuid:never-resolved'),
    ]);
    expect(fired).toEqual(['emd-unclassified info']);
    expect(lines).toContain(
      `extension[0] gives a body site by the bodySite extension (${URL}) as BodyStructure/b9, which could not be read: its patient names no Patient of this hook call, so whose it is cannot be told; the class is read without that site`,
    );
  });

  for (const [name, pc1] of [
    ['a contained id the Condition does not hold', plasmacytomaWith('#nowhere')],
    ['a BodyStructure the record does not hold', plasmacytomaWith('BodyStructure/absent')],
    [
      'a BodyStructure with no location',
      plasmacytomaWith('#bs1', [{ resourceType: 'BodyStructure', id: 'bs1' }]),
    ],
  ] as const) {
    it(`${name}: unclassified, and never "no body site recorded"`, () => {
      const { lines, fired } = run(pc1);
      expect(fired).toEqual(['emd-unclassified info']);
      const classLine = lines.find((l) => l.startsWith('active finding'));
      expect(classLine).toBe(
        `active finding, class unclassified: no body site read: a body site given by the bodySite extension (${URL}) could not be read, so the class is read without it`,
      );
      expect(lines.join('\n')).not.toContain('no body site recorded');
    });
  }
});

describe('imaging contained in the Condition and cited as its evidence (H114)', () => {
  it('is not counted as imaging, and the trace says so rather than pass it over', () => {
    const pc1: fhir4.Condition = {
      ...condition('pc1', { code: [icd('C90.22')], onset: '2026-10-20' }),
      bodySite: [{ coding: [{ system: 'http://snomed.info/sct', code: '10200004' }] }],
      contained: [
        {
          resourceType: 'ImagingStudy',
          id: 'img1',
          status: 'available',
          subject: { reference: `Patient/${PATIENT_ID}` },
          started: '2026-10-25',
          modality: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'PT' }],
        } as fhir4.ImagingStudy,
      ],
      evidence: [{ detail: [{ reference: '#img1' }] }],
    };
    const { lines, fired } = run(pc1);
    expect(fired).toEqual(['emd-soft-tissue warning']);
    expect(lines).toContain(
      'source #img1 left out: it is contained in this Condition, and contained imaging is not read: neither shown as the source nor counted as recent imaging (rules page §3.4); send the study as a resource of its own',
    );
  });
});
