/**
 * Rules page §2 "Inputs": one patient record whatever the source (search Bundles, a
 * transaction Bundle with urn:uuid references, FHIR reads), references resolved, and
 * resources whose subject is not the hook's patient dropped.
 */
import { describe, expect, it } from 'vitest';
import { buildPatientRecord, flattenResources } from '../../src/rules/patient-record.js';
import {
  imagingStudy,
  myeloma,
  patient,
  PATIENT_ID,
  plasmacytoma,
  recordOf,
  SITE,
} from './fixtures.js';

const BASE = 'https://ehr.example.org/fhir';
const NAMES_NO_PATIENT =
  'dropped: it names no patient (no subject reference), so nothing shows it is the patient of this hook call';

function searchset(...entries: fhir4.BundleEntry[]): fhir4.Bundle {
  return { resourceType: 'Bundle', type: 'searchset', entry: entries };
}
const match = (resource: fhir4.Resource): fhir4.BundleEntry => ({
  fullUrl: `${BASE}/${resource.resourceType}/${resource.id ?? ''}`,
  resource,
  search: { mode: 'match' },
});
const operationOutcome: fhir4.OperationOutcome = {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'warning', code: 'incomplete', diagnostics: 'some results withheld' }],
};
const outcome: fhir4.BundleEntry = { resource: operationOutcome, search: { mode: 'outcome' } };
const fromBundle = (...entries: fhir4.BundleEntry[]) =>
  buildPatientRecord(PATIENT_ID, flattenResources([searchset(...entries)]));
const referencesOf = (entries: readonly { reference: string }[]) => entries.map((e) => e.reference);

describe('flattenResources', () => {
  it('takes the entries of a Bundle with their fullUrl, and any other resource as itself', () => {
    const mm = myeloma('mm');
    const study = imagingStudy('pet', {});
    const flat = flattenResources([searchset(match(mm), { fullUrl: 'urn:uuid:empty' }), study]);
    expect(flat).toEqual([{ resource: mm, fullUrl: `${BASE}/Condition/mm` }, { resource: study }]);
  });

  it('leaves out OperationOutcome entries of a search Bundle (search.mode outcome)', () => {
    const flat = flattenResources([searchset(match(myeloma('mm')), outcome)]);
    expect(flat.map((f) => f.resource.resourceType)).toEqual(['Condition']);
  });
});

describe("resources of other patients are dropped (rules page §2 'Inputs')", () => {
  const otherSubjects = [
    'Patient/p2',
    `${BASE}/Patient/p2`,
    `${BASE}/Patient/p2/_history/3`,
    'urn:uuid:0b3c1f7e-0000-4000-8000-000000000002',
  ];
  // A reference naming no Patient of the call (probe 14 b7, c12; a conditional reference, as
  // a transaction's author may leave one, probe 15 c9): whose it is cannot be told, so the
  // trace does not call it another patient's.
  const untoldSubjects = ['urn:uuid:never-resolved', '#pt', 'Patient?identifier=urn:oid:1.2.3|M42'];
  for (const subject of [...otherSubjects, ...untoldSubjects]) {
    const message = untoldSubjects.includes(subject)
      ? 'dropped: its subject reference names no Patient of this hook call (a contained Patient, a urn:uuid no resource of the call has, or a conditional reference such as Patient?identifier=…), so whose it is cannot be told'
      : 'dropped: its subject is not the patient of this hook call';
    it(`drops a Condition, ImagingStudy and DiagnosticReport whose subject is ${subject}`, () => {
      const other = { subject: { reference: subject } };
      const report: fhir4.DiagnosticReport = {
        resourceType: 'DiagnosticReport',
        id: 'dr',
        status: 'final',
        code: { text: 'PET/CT' },
        ...other,
      };
      const record = buildPatientRecord(PATIENT_ID, [
        { resource: patient('p2'), fullUrl: 'urn:uuid:0b3c1f7e-0000-4000-8000-000000000002' },
        { resource: myeloma('mm', { subject }) },
        { resource: { ...imagingStudy('pet', {}), ...other } },
        { resource: report },
      ]);
      expect(record.conditions).toEqual([]);
      expect(record.imagingStudies).toEqual([]);
      expect(record.diagnosticReports).toEqual([]);
      expect(record.patient).toBeUndefined();
      expect(record.trace).toEqual(
        ['Condition/mm', 'ImagingStudy/pet', 'DiagnosticReport/dr'].map((reference) => ({
          reference,
          message,
        })),
      );
    });
  }

  const ownSubjects = [`Patient/${PATIENT_ID}`, `${BASE}/Patient/${PATIENT_ID}`, 'urn:uuid:me'];
  for (const subject of ownSubjects) {
    it(`keeps a Condition whose subject ${subject} is the hook's patient`, () => {
      const record = buildPatientRecord(PATIENT_ID, [
        { resource: patient(PATIENT_ID), fullUrl: 'urn:uuid:me' },
        { resource: myeloma('mm', { subject }) },
      ]);
      expect(referencesOf(record.conditions)).toEqual(['Condition/mm']);
      expect(record.patient?.id).toBe(PATIENT_ID);
      expect(record.trace).toEqual([]);
    });
  }

  it('drops a Condition without a subject, and says it names no patient', () => {
    const record = recordOf([myeloma('mm', { subject: null }), myeloma('mm2')]);
    expect(referencesOf(record.conditions)).toEqual(['Condition/mm2']);
    expect(record.trace).toEqual([{ reference: 'Condition/mm', message: NAMES_NO_PATIENT }]);
  });

  // A subject that names nobody by reference is no other patient: the trace must not say it
  // is one (an informatics team would look for a second patient in the feed).
  const noPatient: [string, { subject?: fhir4.Reference }][] = [
    ['no subject', {}],
    ['an empty subject', { subject: {} }],
    ['a subject with a display only', { subject: { display: 'Doe, Jane' } }],
    [
      'a subject with an identifier only',
      { subject: { identifier: { system: 'urn:oid:2.16.840.1.113883.19.5', value: 'MRN-1' } } },
    ],
    ['an empty subject reference', { subject: { reference: '' } }],
  ];
  for (const [name, subject] of noPatient) {
    it(`drops a Condition, ImagingStudy and DiagnosticReport with ${name}, as naming no patient`, () => {
      const { subject: _c, ...condition } = myeloma('mm');
      const { subject: _s, ...study } = imagingStudy('pet', {});
      const report: fhir4.DiagnosticReport = {
        resourceType: 'DiagnosticReport',
        id: 'dr',
        status: 'final',
        code: { text: 'PET/CT' },
        ...subject,
      };
      const record = recordOf([{ ...condition, ...subject }, { ...study, ...subject }, report]);
      expect([record.conditions, record.imagingStudies, record.diagnosticReports]).toEqual([
        [],
        [],
        [],
      ]);
      expect(record.trace).toEqual(
        ['Condition/mm', 'ImagingStudy/pet', 'DiagnosticReport/dr'].map((reference) => ({
          reference,
          message: NAMES_NO_PATIENT,
        })),
      );
    });
  }

  it('keeps only the Patient of the hook call', () => {
    expect(recordOf([patient('p2'), patient(PATIENT_ID)]).patient).toEqual(patient(PATIENT_ID));
  });
});

/**
 * Rules page §2: a resource whose subject is not the hook's patient is dropped, also the
 * merged-away record's after an MRN merge (probe 15, c1). The hook's Patient names it in
 * Patient.link; the trace says so, so the drop reads as an unfinished merge, not a second
 * patient. Still dropped: whether linked records are one person is the clinical team's call.
 */
describe("a resource of a Patient the hook's Patient links (Patient.link)", () => {
  const DROPPED = 'dropped: its subject is not the patient of this hook call';
  const linking = (type: string, other: string): fhir4.Patient => ({
    ...patient(PATIENT_ID),
    link: [{ other: { reference: other }, type } as fhir4.PatientLink],
  });
  const lines = (resources: fhir4.Resource[]) => {
    const record = recordOf(resources);
    expect(record.conditions).toEqual([]);
    return record.trace.map((line) => line.message);
  };

  for (const [type, other] of [
    ['replaces', 'Patient/old'],
    ['seealso', 'https://ehr.example.org/fhir/Patient/old'],
  ] as const)
    it(`drops it and names the link (${type}, ${other})`, () => {
      const pc = plasmacytoma('pc', [SITE.meninges], { subject: 'Patient/old' });
      expect(lines([linking(type, other), pc])).toEqual([
        `${DROPPED} (Patient/p1 links Patient/old, Patient.link type ${type}: if the two records are one person, a merge not yet finished, the feed or the merge should move it to Patient/p1; it is not read until then)`,
      ]);
    });

  it('says nothing of a link for a patient the hook patient does not link, or with no Patient', () => {
    const pc = plasmacytoma('pc', [SITE.meninges], { subject: 'Patient/other' });
    expect(lines([linking('replaces', 'Patient/old'), pc])).toEqual([DROPPED]);
    const linked = plasmacytoma('pc', [SITE.meninges], { subject: 'Patient/old' });
    expect(lines([linked])).toEqual([DROPPED]);
  });
});

describe('the same resource from two sources is kept once', () => {
  it('keeps the first copy of a Condition read directly and found again by a search', () => {
    const read = myeloma('mm', { onset: '2026-01-01' });
    const searched = myeloma('mm', { onset: '2026-02-02' });
    const record = buildPatientRecord(PATIENT_ID, [
      { resource: read },
      ...flattenResources([searchset(match(searched))]),
    ]);
    expect(record.conditions).toEqual([{ reference: 'Condition/mm', resource: read }]);
    expect(record.resolve(`${BASE}/Condition/mm`)?.resource).toBe(read);
  });

  it('keeps one copy of a Condition sent twice under a relative fullUrl that is its own Type/id', () => {
    // Relative fullUrls, as the example patients have: the fullUrl and the Type/id are one name.
    const first = myeloma('mm', { onset: '2026-01-01' });
    const again = myeloma('mm', { onset: '2026-02-02' });
    const record = buildPatientRecord(PATIENT_ID, [
      { resource: first, fullUrl: 'Condition/mm' },
      { resource: again, fullUrl: 'Condition/mm' },
      { resource: again },
    ]);
    expect(record.conditions).toEqual([{ reference: 'Condition/mm', resource: first }]);
    expect(record.resolve('Condition/mm')?.resource).toBe(first);
    expect(record.resolve(`${BASE}/Condition/mm`)?.resource).toBe(first);
  });

  it('keeps a Condition whose relative fullUrl names another Type/id, found by both names', () => {
    const mm = myeloma('mm');
    const record = buildPatientRecord(PATIENT_ID, [
      { resource: mm, fullUrl: 'Condition/mm-old' },
      { resource: myeloma('mm-old') },
    ]);
    // Condition/mm-old names the first resource already: the second is a copy of it.
    expect(record.conditions).toEqual([{ reference: 'Condition/mm', resource: mm }]);
    expect(record.resolve('Condition/mm-old')?.resource).toBe(mm);
  });

  it('keeps one copy of a resource without id sent twice under the same fullUrl', () => {
    const anonymous: fhir4.Condition = { ...myeloma('mm') };
    delete anonymous.id;
    const entry = { resource: anonymous, fullUrl: 'urn:uuid:mm' };
    const record = buildPatientRecord(PATIENT_ID, [entry, entry]);
    expect(referencesOf(record.conditions)).toEqual(['urn:uuid:mm']);
  });
});

describe('two resources that share a Type/id under different fullUrls are both kept', () => {
  // Rules page §2: only resources whose subject is another patient are dropped. Two servers
  // (or two feeds) may each hold a Condition/pc; their fullUrls tell them apart.
  const other: fhir4.Condition = {
    ...plasmacytoma('pc', [SITE.pleura]),
    subject: { reference: 'Patient/p2' },
  };
  const own = plasmacytoma('pc', [SITE.liver]);
  const record = buildPatientRecord(PATIENT_ID, [
    { resource: other, fullUrl: 'http://server-b.example/fhir/Condition/pc' },
    { resource: own, fullUrl: 'http://server-a.example/fhir/Condition/pc' },
  ]);

  it("keeps the hook patient's Condition although another patient's came first", () => {
    expect(record.conditions.map((entry) => entry.resource)).toEqual([own]);
  });

  it('cites it by its fullUrl, since Condition/pc names two resources', () => {
    expect(referencesOf(record.conditions)).toEqual(['http://server-a.example/fhir/Condition/pc']);
    expect(record.resolve('http://server-a.example/fhir/Condition/pc')?.resource).toBe(own);
  });

  it("still drops the other patient's Condition, and says so", () => {
    expect(record.trace).toEqual([
      {
        reference: 'Condition/pc',
        message: 'dropped: its subject is not the patient of this hook call',
      },
    ]);
  });
});

describe('resolve()', () => {
  const study = imagingStudy('pet', {});
  const record = buildPatientRecord(PATIENT_ID, [
    { resource: study, fullUrl: 'urn:uuid:4f1c2f7e-0000-4000-8000-00000000abcd' },
    { resource: plasmacytoma('liver', [SITE.liver]) },
  ]);
  const hits = [
    'ImagingStudy/pet',
    'urn:uuid:4f1c2f7e-0000-4000-8000-00000000abcd',
    `${BASE}/ImagingStudy/pet`,
    `${BASE}/ImagingStudy/pet/_history/2`,
  ];
  for (const reference of hits) {
    it(`finds the study by ${reference}, cited by its Type/id`, () => {
      expect(record.resolve(reference)).toEqual({ reference: 'ImagingStudy/pet', resource: study });
    });
  }
  for (const reference of [
    undefined,
    '',
    'ImagingStudy/ct',
    'Condition/pet',
    'urn:uuid:other',
    '#pet',
  ]) {
    it(`finds nothing for ${JSON.stringify(reference)}`, () => {
      expect(record.resolve(reference)).toBeUndefined();
    });
  }
});

describe('resolve() of an absolute reference to a study that arrived from a server (H133)', () => {
  // FHIR R4 Bundle, "Resolving references in Bundles": an absolute reference names the entry
  // whose fullUrl it is; another server's base is another resource, however alike the ids.
  const study = imagingStudy('s1', {});
  const record = buildPatientRecord(PATIENT_ID, [
    { resource: study, fullUrl: `${BASE}/ImagingStudy/s1` },
    { resource: plasmacytoma('liver', [SITE.liver]) },
  ]);
  for (const reference of [
    `${BASE}/ImagingStudy/s1`,
    `${BASE}/ImagingStudy/s1/_history/2`,
    'HTTPS://EHR.Example.ORG/fhir/ImagingStudy/s1',
    'https://ehr.example.org:443/fhir/ImagingStudy/s1',
    'ImagingStudy/s1',
  ]) {
    it(`finds it by ${reference}`, () => {
      expect(record.resolve(reference)).toEqual({ reference: 'ImagingStudy/s1', resource: study });
    });
  }
  for (const reference of [
    'https://other.example.org/fhir/ImagingStudy/s1',
    'https://ehr.example.org/other-fhir/ImagingStudy/s1',
    'http://ehr.example.org:8080/fhir/ImagingStudy/s1/_history/1',
  ]) {
    it(`does not take another server's ${reference} for it`, () => {
      expect(record.resolve(reference)).toBeUndefined();
    });
  }
  it('takes an absolute reference for a study that came with no fullUrl, or a urn:uuid one', () => {
    for (const fullUrl of [undefined, 'urn:uuid:4f1c2f7e-0000-4000-8000-00000000abcd']) {
      const loose = buildPatientRecord(PATIENT_ID, [{ resource: study, fullUrl }]);
      expect(loose.resolve('https://other.example.org/fhir/ImagingStudy/s1')).toEqual({
        reference: 'ImagingStudy/s1',
        resource: study,
      });
    }
  });
});

describe('what the record holds', () => {
  it('ignores OperationOutcome search entries and resource types the rules do not use', () => {
    const observation: fhir4.Observation = {
      resourceType: 'Observation',
      id: 'm-protein',
      status: 'final',
      code: { text: 'M-protein' },
      subject: { reference: `Patient/${PATIENT_ID}` },
    };
    const record = fromBundle(match(myeloma('mm')), match(observation), outcome);
    expect(referencesOf(record.conditions)).toEqual(['Condition/mm']);
    expect(record.imagingStudies).toEqual([]);
    expect(record.diagnosticReports).toEqual([]);
    expect(record.trace).toEqual([]);
  });

  it('passes the data gaps through, none by default', () => {
    expect(recordOf([]).dataGaps.size).toBe(0);
    expect([...recordOf([], new Set(['ImagingStudy'])).dataGaps]).toEqual(['ImagingStudy']);
  });
});

describe('a subject given by identifier alone (FHIR R4 Reference.identifier; rules page §2)', () => {
  // A medical record number, as HL7 v2 and HIE converters write a subject (H132).
  const MRN = { system: 'http://hospital.example.org/mrn', value: 'MRN-1' };
  const withMrn = (id: string, identifier: fhir4.Identifier = MRN): fhir4.Patient => ({
    ...patient(id),
    identifier: [{ system: 'http://hospital.example.org/other-id', value: 'X' }, identifier],
  });
  const byIdentifier = (identifier: fhir4.Identifier, type?: string) =>
    ({
      ...plasmacytoma('pc', [SITE.meninges]),
      subject: { ...(type === undefined ? {} : { type }), identifier },
    }) as fhir4.Condition;
  const recordWith = (...resources: fhir4.Resource[]) =>
    buildPatientRecord(
      PATIENT_ID,
      resources.map((resource) => ({ resource })),
    );

  it("is the patient's when the patient's own Patient holds that system and value", () => {
    for (const type of [undefined, 'Patient', 'http://hl7.org/fhir/StructureDefinition/Patient']) {
      const record = recordWith(withMrn(PATIENT_ID), byIdentifier(MRN, type));
      expect(referencesOf(record.conditions)).toEqual(['Condition/pc']);
    }
  });

  it('names no one the record can tell: no system, no value, a value no Patient holds', () => {
    for (const identifier of [
      { value: 'MRN-1' },
      { system: MRN.system },
      { system: MRN.system, value: 'MRN-2' },
      { system: 'http://hospital.example.org/other-mrn', value: 'MRN-1' },
    ]) {
      const record = recordWith(withMrn(PATIENT_ID), byIdentifier(identifier));
      expect(record.conditions).toEqual([]);
      expect(record.trace).toContainEqual({ reference: 'Condition/pc', message: NAMES_NO_PATIENT });
    }
  });

  it("is another patient's when only another Patient of the call holds it", () => {
    const record = recordWith(
      withMrn(PATIENT_ID, { system: MRN.system, value: 'MRN-0' }),
      withMrn('p2'),
      byIdentifier(MRN),
    );
    expect(record.conditions).toEqual([]);
    expect(record.trace).toContainEqual({
      reference: 'Condition/pc',
      message: 'dropped: its subject is not the patient of this hook call',
    });
  });

  it('names no one when the patient and another Patient both hold it, or when no Patient came', () => {
    expect(recordWith(withMrn(PATIENT_ID), withMrn('p2'), byIdentifier(MRN)).conditions).toEqual(
      [],
    );
    expect(recordWith(byIdentifier(MRN)).conditions).toEqual([]);
  });

  it('names no one when its type is another resource type', () => {
    const record = recordWith(withMrn(PATIENT_ID), byIdentifier(MRN, 'Group'));
    expect(record.conditions).toEqual([]);
  });

  it('gives way to a reference: a subject with both is judged by its reference', () => {
    const condition = {
      ...plasmacytoma('pc', [SITE.meninges]),
      subject: { reference: 'Patient/p2', identifier: MRN },
    } as fhir4.Condition;
    expect(recordWith(withMrn(PATIENT_ID), condition).conditions).toEqual([]);
  });
});
