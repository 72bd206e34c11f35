/**
 * Rules page §2 "Inputs": resources whose subject is not the hook's patient are dropped. A
 * dropped resource is as if the record did not hold it: `resolve` finds it by none of its names
 * (`Type/id`, fullUrl, absolute URL, versioned reference), while this patient's own resources
 * resolve by every one of them, as before. `resolveDropped` names what was dropped and why
 * (another patient's, or naming no patient), so a rule can say why it left it out.
 */
import { describe, expect, it } from 'vitest';
import { buildPatientRecord, canonicalReference } from '../../src/rules/patient-record.js';
import { imagingStudy, patient, PATIENT_ID, plasmacytoma, recordOf, SITE } from './fixtures.js';

const BASE = 'https://ehr.example.org/fhir';
/** The resource the compared references are written in (a finding citing its study). */
const CITING = 'Condition/cites';

function report(id: string, subject: string): fhir4.DiagnosticReport {
  return {
    resourceType: 'DiagnosticReport',
    id,
    status: 'final',
    code: { text: 'PET/CT report' },
    subject: { reference: subject },
  };
}

/** A Condition, an ImagingStudy and a DiagnosticReport of `subject`, each with a urn:uuid fullUrl. */
function resourcesOf(subject: string): { resource: fhir4.Resource; fullUrl: string }[] {
  return [
    plasmacytoma('pc', [SITE.liver], { subject }),
    { ...imagingStudy('pet', {}), subject: { reference: subject } },
    report('dr', subject),
  ].map((resource, i) => ({
    resource,
    fullUrl: `urn:uuid:0b3c1f7e-0000-4000-8000-00000000000${String(i)}`,
  }));
}

/** Every name a reference may give the i-th resource of resourcesOf(). */
const namesOf = (typed: string, i: number) => [
  typed,
  `urn:uuid:0b3c1f7e-0000-4000-8000-00000000000${String(i)}`,
  `${BASE}/${typed}`,
  `${BASE}/${typed}/_history/2`,
];
const TYPED = ['Condition/pc', 'ImagingStudy/pet', 'DiagnosticReport/dr'];

describe("another patient's Condition, ImagingStudy and DiagnosticReport resolve by no name", () => {
  const record = buildPatientRecord(PATIENT_ID, resourcesOf('Patient/p2'));
  TYPED.forEach((typed, i) => {
    for (const name of namesOf(typed, i)) {
      it(`resolves nothing for ${name}, and names it as dropped (${typed})`, () => {
        expect(record.resolve(name)).toBeUndefined();
        expect(record.resolveDropped(name)).toEqual({ reference: typed, reason: 'other-patient' });
      });
    }
  });

  it('compares a reference to one as a reference to a resource the record does not hold', () => {
    // H36: an unheld resource is compared as its Type/id, else as written.
    expect(canonicalReference(record, `${BASE}/ImagingStudy/pet/_history/2`, CITING)).toBe(
      'ImagingStudy/pet',
    );
    expect(canonicalReference(record, namesOf('ImagingStudy/pet', 1)[1] ?? '', CITING)).toBe(
      'urn:uuid:0b3c1f7e-0000-4000-8000-000000000001',
    );
  });
});

describe('a Condition, ImagingStudy and DiagnosticReport that name no patient resolve by no name', () => {
  const inputs = resourcesOf('Patient/p2').map(({ resource, fullUrl }) => {
    const { subject: _other, ...rest } = resource as fhir4.Condition;
    return { resource: rest, fullUrl };
  });
  const record = buildPatientRecord(PATIENT_ID, inputs);
  TYPED.forEach((typed, i) => {
    it(`resolves nothing for ${typed}, and names it as naming no patient, not as another patient's`, () => {
      for (const name of namesOf(typed, i)) {
        expect(record.resolve(name)).toBeUndefined();
        expect(record.resolveDropped(name)).toEqual({ reference: typed, reason: 'no-patient' });
      }
    });
  });
});

describe("this patient's own resources still resolve by every name (no regression)", () => {
  const inputs = resourcesOf(`Patient/${PATIENT_ID}`);
  const record = buildPatientRecord(PATIENT_ID, inputs);
  TYPED.forEach((typed, i) => {
    for (const name of namesOf(typed, i)) {
      it(`resolves ${name} to ${typed}`, () => {
        expect(record.resolve(name)).toEqual({ reference: typed, resource: inputs[i]?.resource });
      });
    }
  });

  it('names none of them as dropped', () => {
    TYPED.forEach((typed, i) => {
      for (const name of namesOf(typed, i)) expect(record.resolveDropped(name)).toBeUndefined();
    });
  });

  it('compares a reference by urn:uuid as the record cites the resource', () => {
    expect(canonicalReference(record, namesOf('ImagingStudy/pet', 1)[1] ?? '', CITING)).toBe(
      'ImagingStudy/pet',
    );
  });
});

describe('what else resolves', () => {
  it("resolves the hook patient's own Patient, not another patient's", () => {
    const record = buildPatientRecord(PATIENT_ID, [
      { resource: patient('p2'), fullUrl: 'urn:uuid:p2' },
      { resource: patient(PATIENT_ID), fullUrl: 'urn:uuid:me' },
    ]);
    expect(record.resolve('Patient/p2')).toBeUndefined();
    expect(record.resolve('urn:uuid:p2')).toBeUndefined();
    expect(record.resolve('urn:uuid:me')?.resource).toEqual(patient(PATIENT_ID));
    expect(record.resolve(`${BASE}/Patient/${PATIENT_ID}`)?.resource).toEqual(patient(PATIENT_ID));
  });

  it('resolves no resource of a type whose subject the record does not check', () => {
    // The rules read none; the record cannot vouch that it is this patient's.
    const observation: fhir4.Observation = {
      resourceType: 'Observation',
      id: 'm-protein',
      status: 'final',
      code: { text: 'M-protein' },
      subject: { reference: 'Patient/p2' },
    };
    const record = recordOf([observation]);
    expect(record.resolve('Observation/m-protein')).toBeUndefined();
    expect(record.resolveDropped('Observation/m-protein')).toBeUndefined();
  });
});

describe('two resources that share a Type/id under different fullUrls (H30)', () => {
  const SERVER_A = 'http://server-a.example/fhir/Condition/pc';
  const SERVER_B = 'http://server-b.example/fhir/Condition/pc';
  const other: fhir4.Condition = plasmacytoma('pc', [SITE.pleura], { subject: 'Patient/p2' });
  const own = plasmacytoma('pc', [SITE.liver]);

  it("when another patient's came first, Condition/pc names it and resolves to nothing", () => {
    const record = buildPatientRecord(PATIENT_ID, [
      { resource: other, fullUrl: SERVER_B },
      { resource: own, fullUrl: SERVER_A },
    ]);
    expect(record.resolve('Condition/pc')).toBeUndefined();
    expect(record.resolveDropped('Condition/pc')).toEqual({
      reference: 'Condition/pc',
      reason: 'other-patient',
    });
    expect(record.resolve(SERVER_B)).toBeUndefined();
    expect(record.resolve(SERVER_A)).toEqual({ reference: SERVER_A, resource: own });
  });

  it("when this patient's came first, the other's fullUrl does not fall through to it", () => {
    const record = buildPatientRecord(PATIENT_ID, [
      { resource: own, fullUrl: SERVER_A },
      { resource: other, fullUrl: SERVER_B },
    ]);
    expect(record.resolve('Condition/pc')).toEqual({ reference: 'Condition/pc', resource: own });
    expect(record.resolve(SERVER_B)).toBeUndefined();
    expect(record.resolveDropped(SERVER_B)).toEqual({
      reference: SERVER_B,
      reason: 'other-patient',
    });
  });
});
