/**
 * H102, H103: how a resource the shapes refuse is read where only elements that date or name it
 * are wrong (src/fhir/read-resource.ts, src/fhir/lenient-reading.ts): a JSON null or "" as
 * absent, an everyday date spelling as its FHIR date, any other date taken out and marked
 * unreadable, an id with `_` or `~` kept as written; the original never changed. H111–H113:
 * a null where a code, site, status or reference belongs as absent; an abatement in an everyday
 * spelling as its date, in any other text as an abatement of unknown date; an STU3 string
 * status as the R4 code it spells, or as text. A wrong type where a card is decided (a code, a
 * status, a site, a subject, a reference, the abatement) stays refused, and the problem named
 * is that field. Expected values are typed from FHIR R4's formats.
 */
import { describe, expect, it } from 'vitest';
import { readResource } from '../../src/fhir/read-resource.js';
import { isUnreadableMark, type LenientReading } from '../../src/rules/lenient-readings.js';

const ICD_10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const SNOMED = 'http://snomed.info/sct';

const plasmacytoma = (fields: Record<string, unknown> = {}) => ({
  resourceType: 'Condition',
  id: 'pc',
  subject: { reference: 'Patient/p1' },
  code: { coding: [{ system: ICD_10_CM, code: 'C90.20', display: 'Extramedullary plasmacytoma' }] },
  bodySite: [{ coding: [{ system: SNOMED, code: '1231004' }], text: 'Meninges' }],
  onsetDateTime: '2026-10-20',
  ...fields,
});

function readAs(value: unknown) {
  const before = structuredClone(value);
  const read = readResource(value);
  // The data as sent are never changed: a copy is read.
  expect(value).toEqual(before);
  if (!read.success) throw new Error(`refused: ${read.error.issues[0]?.message ?? ''}`);
  return { resource: read.resource as Record<string, unknown>, readings: read.readings };
}

function refusedAt(value: unknown): string {
  const read = readResource(value);
  if (read.success) throw new Error('read, not refused');
  return read.error.issues[0]?.path.join('.') ?? '';
}

describe('well-formed data', () => {
  it('is read as it came, the same object, with no readings', () => {
    const condition = plasmacytoma();
    const read = readResource(condition);
    expect(read).toEqual({ success: true, resource: condition, readings: undefined });
    expect(read.success && read.resource).toBe(condition);
  });
});

describe('null or "" where a date or a name belongs: read as absent', () => {
  it.each([
    ['onsetDateTime', { onsetDateTime: null }, 'onsetDateTime', 'null'],
    ['recordedDate', { recordedDate: '' }, 'recordedDate', 'empty'],
    ['onsetPeriod', { onsetDateTime: undefined, onsetPeriod: null }, 'onsetPeriod', 'null'],
    ['id', { id: null }, 'id', 'null'],
    ['id', { id: '' }, 'id', 'empty'],
  ])('takes out %s', (key, fields, element, kind) => {
    const { resource, readings } = readAs(plasmacytoma(fields));
    expect(Object.hasOwn(resource, key)).toBe(false);
    expect(readings).toEqual([{ element, kind, count: 1 }]);
  });

  it('takes out a null text or display wherever a name is read, counting the places', () => {
    const condition = plasmacytoma({
      code: {
        text: null,
        coding: [
          { system: ICD_10_CM, code: 'C90.20', display: null },
          { system: 'urn:oid:1.2.3', code: 'X', display: null },
        ],
      },
      bodySite: [{ coding: [{ system: SNOMED, code: '1231004', display: null }], text: null }],
      subject: { reference: 'Patient/p1', display: null },
      evidence: [{ detail: [{ reference: 'ImagingStudy/mr1', display: null }] }],
    });
    const { resource, readings } = readAs(condition);
    expect(resource['code']).toEqual({
      coding: [
        { system: ICD_10_CM, code: 'C90.20' },
        { system: 'urn:oid:1.2.3', code: 'X' },
      ],
    });
    expect(resource['bodySite']).toEqual([{ coding: [{ system: SNOMED, code: '1231004' }] }]);
    expect(readings).toEqual([
      { element: 'subject.display', kind: 'null', count: 1 },
      { element: 'code.text', kind: 'null', count: 1 },
      { element: 'code.coding.display', kind: 'null', count: 2 },
      { element: 'bodySite.text', kind: 'null', count: 1 },
      { element: 'bodySite.coding.display', kind: 'null', count: 1 },
      { element: 'evidence.detail.display', kind: 'null', count: 1 },
    ]);
  });

  it('copies only what it changes: an untouched list is the one sent', () => {
    const condition = plasmacytoma({ recordedDate: '' });
    const { resource } = readAs(condition);
    expect(resource['bodySite']).toBe(condition.bodySite);
    expect(resource['code']).toBe(condition.code);
  });
});

describe('dates', () => {
  it('reads an everyday spelling as the FHIR date it spells, and says how', () => {
    const { resource, readings } = readAs(plasmacytoma({ onsetDateTime: '2026-10-20 08:00:00' }));
    expect(resource['onsetDateTime']).toBe('2026-10-20T08:00:00');
    expect(readings).toEqual<LenientReading[]>([
      {
        element: 'onsetDateTime',
        kind: 'date-spelling',
        count: 1,
        spelled: {
          written: '2026-10-20 08:00:00',
          read: '2026-10-20T08:00:00',
          how: 'a space for T',
        },
      },
    ]);
  });

  it.each(['20261020', '20/10/2026', 'spring 2026', 20261020, {}, [], true])(
    'takes out an onset of %j and marks it unreadable, never letting recordedDate stand in',
    (onset) => {
      const { resource, readings } = readAs(plasmacytoma({ onsetDateTime: onset }));
      expect(Object.hasOwn(resource, 'onsetDateTime')).toBe(false);
      expect(isUnreadableMark(resource['_onsetDateTime'])).toBe(true);
      expect(readings).toEqual([{ element: 'onsetDateTime', kind: 'unreadable-date', count: 1 }]);
    },
  );

  it('marks an unreadable period start in the period', () => {
    const { resource } = readAs(
      plasmacytoma({ onsetDateTime: undefined, onsetPeriod: { start: '20261020', end: '2026' } }),
    );
    const period = resource['onsetPeriod'] as Record<string, unknown>;
    expect(period['end']).toBe('2026');
    expect(Object.hasOwn(period, 'start')).toBe(false);
    expect(isUnreadableMark(period['_start'])).toBe(true);
  });

  it('reads a study started and a report effective and issued so', () => {
    const study = readAs({
      resourceType: 'ImagingStudy',
      id: 'pet1',
      status: 'available',
      started: '2026/10/20',
      description: null,
    });
    expect(study.resource['started']).toBe('2026-10-20');
    expect(Object.hasOwn(study.resource, 'description')).toBe(false);
    const report = readAs({
      resourceType: 'DiagnosticReport',
      id: 'r1',
      status: 'final',
      code: { text: null },
      effectiveDateTime: 'yesterday',
      issued: '2026-10-21T10:00:00.000+0800',
    });
    expect(isUnreadableMark(report.resource['_effectiveDateTime'])).toBe(true);
    expect(report.resource['issued']).toBe('2026-10-21T10:00:00.000+08:00');
    expect(report.resource['code']).toEqual({});
  });
});

describe('ids (H103)', () => {
  it.each(['ZY_2026_001', 'a~b', `Z_${'9'.repeat(254)}`])('keeps %s as written', (id) => {
    const { resource, readings } = readAs(plasmacytoma({ id }));
    expect(resource['id']).toBe(id);
    expect(readings).toEqual([{ element: 'id', kind: 'id', count: 1 }]);
  });

  it.each(['ZY 2026', 'ZY/2026', 'ZY#1', 'ZY%20', '<b>1</b>', `Z_${'9'.repeat(255)}`, 7])(
    'refuses an id of %j, naming the id',
    (id) => {
      expect(refusedAt(plasmacytoma({ id, onsetDateTime: '2026/10/20' }))).toBe('id');
    },
  );
});

describe("the Patient's id (H110)", () => {
  it.each(['ZY_1', 'a~b'])('keeps %s as written, as context.patientId is read', (id) => {
    const { resource, readings } = readAs({ resourceType: 'Patient', id, active: true });
    expect(resource).toEqual({ resourceType: 'Patient', id, active: true });
    expect(readings).toEqual([{ element: 'id', kind: 'id', count: 1 }]);
  });
});

describe('a null where a code, site, status or reference belongs: read as absent (H111)', () => {
  it('takes out each null the probe found, naming each element once', () => {
    const condition = plasmacytoma({
      code: {
        coding: [
          { system: ICD_10_CM, code: 'C90.20' },
          { system: null, code: 'HIS-1' },
          { system: 'urn:oid:1.2.156.1', code: null, display: 'x' },
        ],
      },
      bodySite: [
        {
          coding: [
            { system: SNOMED, code: '1231004' },
            { system: null, code: 'HIS-0042' },
          ],
        },
        { coding: null, text: 'leptomeninges' },
      ],
      clinicalStatus: { coding: null, text: 'Active' },
      verificationStatus: { coding: [{ system: null, code: 'confirmed' }] },
      evidence: [{ detail: null }, { detail: [{ reference: null, display: 'MRI' }] }],
    });
    const { resource, readings } = readAs(condition);
    expect(resource['code']).toEqual({
      coding: [
        { system: ICD_10_CM, code: 'C90.20' },
        { code: 'HIS-1' },
        { system: 'urn:oid:1.2.156.1', display: 'x' },
      ],
    });
    expect(resource['bodySite']).toEqual([
      { coding: [{ system: SNOMED, code: '1231004' }, { code: 'HIS-0042' }] },
      { text: 'leptomeninges' },
    ]);
    expect(resource['clinicalStatus']).toEqual({ text: 'Active' });
    expect(resource['verificationStatus']).toEqual({ coding: [{ code: 'confirmed' }] });
    expect(resource['evidence']).toEqual([{}, { detail: [{ display: 'MRI' }] }]);
    const kind = 'null-element';
    expect(readings).toEqual([
      { element: 'clinicalStatus.coding', kind, count: 1 },
      { element: 'verificationStatus.coding.system', kind, count: 1 },
      { element: 'code.coding.system', kind, count: 1 },
      { element: 'code.coding.code', kind, count: 1 },
      { element: 'bodySite.coding.system', kind, count: 1 },
      { element: 'bodySite.coding', kind, count: 1 },
      { element: 'evidence.detail', kind, count: 1 },
      { element: 'evidence.detail.reference', kind, count: 1 },
    ]);
  });

  it.each([['bodySite'], ['clinicalStatus'], ['verificationStatus'], ['evidence']])(
    'takes out %s: null',
    (key) => {
      const { resource, readings } = readAs(plasmacytoma({ [key]: null }));
      expect(Object.hasOwn(resource, key)).toBe(false);
      expect(readings).toEqual([{ element: key, kind: 'null-element', count: 1 }]);
    },
  );
});

describe('a null item of a list the rules read: left out of the list (H111)', () => {
  const meninges = { coding: [{ system: SNOMED, code: '1231004' }], text: 'Meninges' };
  const myelomaCoding = { system: ICD_10_CM, code: 'C90.20' };
  it('leaves each null item out, counting the places, and keeps the other items in order', () => {
    const condition = plasmacytoma({
      code: { coding: [null, myelomaCoding, null] },
      bodySite: [null, { coding: [meninges.coding[0], null] }],
      verificationStatus: { coding: [null, { code: 'confirmed' }] },
      evidence: [null, { detail: [null, { reference: 'ImagingStudy/mr1' }] }],
    });
    const { resource, readings } = readAs(condition);
    expect(resource['code']).toEqual({ coding: [myelomaCoding] });
    expect(resource['bodySite']).toEqual([{ coding: [meninges.coding[0]] }]);
    expect(resource['verificationStatus']).toEqual({ coding: [{ code: 'confirmed' }] });
    expect(resource['evidence']).toEqual([{ detail: [{ reference: 'ImagingStudy/mr1' }] }]);
    const kind = 'null-item';
    expect(readings).toEqual([
      { element: 'verificationStatus.coding', kind, count: 1 },
      { element: 'code.coding', kind, count: 2 },
      { element: 'bodySite', kind, count: 1 },
      { element: 'bodySite.coding', kind, count: 1 },
      { element: 'evidence', kind, count: 1 },
      { element: 'evidence.detail', kind, count: 1 },
    ]);
  });

  // FHIR R4 JSON: an array is never empty. A list of nulls only reads as no list, as the
  // element left out: no site is unclassified (rules page §3.3), never a site.
  it.each([
    ['bodySite', { bodySite: [null] }, 1, (r: Record<string, unknown>) => r['bodySite']],
    ['evidence', { evidence: [null, null] }, 2, (r: Record<string, unknown>) => r['evidence']],
    [
      'code.coding',
      { code: { coding: [null], text: 'plasmacytoma' } },
      1,
      (r: Record<string, unknown>) => (r['code'] as Record<string, unknown>)['coding'],
    ],
  ])('reads %s holding only nulls as the element absent', (element, fields, count, get) => {
    const { resource, readings } = readAs(plasmacytoma(fields));
    expect(get(resource)).toBeUndefined();
    expect(readings).toEqual([{ element, kind: 'null-item', count }]);
  });

  it('leaves null items out of a study and a report too', () => {
    const { resource: study, readings: studyReadings } = readAs({
      resourceType: 'ImagingStudy',
      id: 'mr1',
      subject: { reference: 'Patient/p1' },
      status: 'available',
      modality: [null, { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'MR' }],
      series: [null],
    });
    expect(study['modality']).toEqual([
      { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'MR' },
    ]);
    expect(Object.hasOwn(study, 'series')).toBe(false);
    expect(studyReadings).toEqual([
      { element: 'modality', kind: 'null-item', count: 1 },
      { element: 'series', kind: 'null-item', count: 1 },
    ]);
    const { resource: report, readings: reportReadings } = readAs({
      resourceType: 'DiagnosticReport',
      id: 'r1',
      subject: { reference: 'Patient/p1' },
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '24590-2' }] },
      imagingStudy: [null],
      conclusionCode: [{ coding: [myelomaCoding] }, null],
    });
    expect(Object.hasOwn(report, 'imagingStudy')).toBe(false);
    expect(report['conclusionCode']).toEqual([{ coding: [myelomaCoding] }]);
    expect(reportReadings).toEqual([
      { element: 'imagingStudy', kind: 'null-item', count: 1 },
      { element: 'conclusionCode', kind: 'null-item', count: 1 },
    ]);
  });
});

describe('a code as a JSON number, one object where a list belongs (H134)', () => {
  it('reads a whole number code as its digits, wherever a coding is read', () => {
    const { resource, readings } = readAs(
      plasmacytoma({
        code: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/icd-o-3', code: 97343 }],
        },
        bodySite: [{ coding: [{ system: SNOMED, code: 1231004 }] }],
      }),
    );
    expect(resource['code']).toEqual({
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/icd-o-3', code: '97343' }],
    });
    expect(resource['bodySite']).toEqual([{ coding: [{ system: SNOMED, code: '1231004' }] }]);
    expect(readings).toEqual([
      { element: 'code.coding.code', kind: 'number-code', count: 1 },
      { element: 'bodySite.coding.code', kind: 'number-code', count: 1 },
    ]);
  });

  // JSON parsing keeps whole numbers exactly only up to 2^53 - 1 (ECMA-262 Number): beyond,
  // a SNOMED CT extension id of 18 digits may have changed; a fraction or a sign is no code.
  it.each([
    ['a fraction', 90.2],
    ['a negative number', -7],
    ['a number beyond 2^53 - 1', 2 ** 53],
  ])('refuses a code that is %s, naming it', (_name, code) => {
    expect(refusedAt(plasmacytoma({ code: { coding: [{ system: SNOMED, code }] } }))).toBe(
      'code.coding.0.code',
    );
  });

  it('reads one object where a list belongs as the list of that one item', () => {
    const meninges = { system: SNOMED, code: '1231004' };
    const refuted = {
      system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
      code: 'refuted',
    };
    const { resource, readings } = readAs(
      plasmacytoma({
        code: { coding: { system: ICD_10_CM, code: 'C90.20' } },
        bodySite: { coding: meninges },
        verificationStatus: { coding: refuted },
        evidence: { detail: { reference: 'ImagingStudy/mr1' } },
      }),
    );
    expect(resource['code']).toEqual({ coding: [{ system: ICD_10_CM, code: 'C90.20' }] });
    expect(resource['bodySite']).toEqual([{ coding: [meninges] }]);
    expect(resource['verificationStatus']).toEqual({ coding: [refuted] });
    expect(resource['evidence']).toEqual([{ detail: [{ reference: 'ImagingStudy/mr1' }] }]);
    const kind = 'lone-item';
    expect(readings).toEqual([
      { element: 'verificationStatus.coding', kind, count: 1 },
      { element: 'code.coding', kind, count: 1 },
      { element: 'bodySite', kind, count: 1 },
      { element: 'bodySite.coding', kind, count: 1 },
      { element: 'evidence', kind, count: 1 },
      { element: 'evidence.detail', kind, count: 1 },
    ]);
  });

  it('reads lone objects of a study and a report too', () => {
    const mr = { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'MR' };
    const { resource: study } = readAs({
      resourceType: 'ImagingStudy',
      id: 'mr1',
      subject: { reference: 'Patient/p1' },
      status: 'available',
      modality: mr,
      series: { modality: mr },
    });
    expect(study['modality']).toEqual([mr]);
    expect(study['series']).toEqual([{ modality: mr }]);
    const { resource: report } = readAs({
      resourceType: 'DiagnosticReport',
      id: 'r1',
      subject: { reference: 'Patient/p1' },
      status: 'final',
      code: { coding: { system: 'http://loinc.org', code: '24590-2' } },
      imagingStudy: { reference: 'ImagingStudy/mr1' },
      conclusionCode: { coding: { system: ICD_10_CM, code: 'C90.20' } },
    });
    expect(report['imagingStudy']).toEqual([{ reference: 'ImagingStudy/mr1' }]);
    expect(report['conclusionCode']).toEqual([{ coding: [{ system: ICD_10_CM, code: 'C90.20' }] }]);
  });

  // A string or a number where a list belongs is neither a list nor its one item.
  it('refuses a site that is a string, naming it', () => {
    expect(refusedAt(plasmacytoma({ bodySite: 'meninges' }))).toBe('bodySite');
  });
});

describe('abatementDateTime (H112)', () => {
  it.each([
    ['2025-06-01 00:00:00', '2025-06-01T00:00:00'],
    ['2025-06-01T00:00:00+0800', '2025-06-01T00:00:00+08:00'],
    ['2025/06/01', '2025-06-01'],
  ])('reads %s as %s, as an onset is read', (written, read) => {
    const { resource, readings } = readAs(plasmacytoma({ abatementDateTime: written }));
    expect(resource['abatementDateTime']).toBe(read);
    expect(readings).toEqual([
      expect.objectContaining({ element: 'abatementDateTime', kind: 'date-spelling' }),
    ]);
  });

  it.each(['20250601', '01/06/2025', 'after radiotherapy'])(
    'keeps %s as an abatement of unknown date: taken out and marked',
    (written) => {
      const { resource, readings } = readAs(plasmacytoma({ abatementDateTime: written }));
      expect(Object.hasOwn(resource, 'abatementDateTime')).toBe(false);
      expect(isUnreadableMark(resource['_abatementDateTime'])).toBe(true);
      expect(readings).toEqual([
        { element: 'abatementDateTime', kind: 'unreadable-abatement', count: 1 },
      ]);
    },
  );
});

describe('abatementPeriod (H119)', () => {
  it.each([
    [{ start: '2025-06-01 00:00:00' }, { start: '2025-06-01T00:00:00' }],
    [
      { start: '2025/06/01', end: '2025-07-01T00:00:00+0800' },
      { start: '2025-06-01', end: '2025-07-01T00:00:00+08:00' },
    ],
  ])('reads %j as %j, as abatementDateTime is read', (written, read) => {
    const { resource, readings } = readAs(plasmacytoma({ abatementPeriod: written }));
    expect(resource['abatementPeriod']).toEqual(read);
    expect(readings?.map((r) => r.kind)).toEqual(Object.keys(written).map(() => 'date-spelling'));
  });

  it('keeps a start that is no date as an abatement of unknown date: taken out and marked', () => {
    const { resource, readings } = readAs(
      plasmacytoma({ abatementPeriod: { start: 'after radiotherapy', end: '2027-03-01' } }),
    );
    const period = resource['abatementPeriod'] as Record<string, unknown>;
    expect(Object.hasOwn(period, 'start')).toBe(false);
    expect(isUnreadableMark(period['_start'])).toBe(true);
    expect(period['end']).toBe('2027-03-01');
    expect(readings).toEqual([
      { element: 'abatementPeriod.start', kind: 'unreadable-abatement', count: 1 },
    ]);
  });

  it.each([
    [{ start: null, end: '2025-07-01' }, { end: '2025-07-01' }, 'null'],
    [{ start: '2025-06-01', end: '' }, { start: '2025-06-01' }, 'empty'],
  ])(
    'reads a null or "" date of %j as absent, the other dating the period',
    (written, read, kind) => {
      const { resource, readings } = readAs(plasmacytoma({ abatementPeriod: written }));
      expect(resource['abatementPeriod']).toEqual(read);
      expect(readings).toEqual([expect.objectContaining({ kind, count: 1 })]);
    },
  );

  it.each([[{ start: null, end: null }], [{ start: '', end: ' ' }], [{ end: null }]])(
    'keeps %j, which holds no date, as an abatement of unknown date (an empty period)',
    (written) => {
      const { resource, readings } = readAs(plasmacytoma({ abatementPeriod: written }));
      expect(resource['abatementPeriod']).toEqual({});
      expect(readings).toEqual([
        { element: 'abatementPeriod', kind: 'empty-abatement-period', count: 1 },
      ]);
    },
  );

  it('takes out an abatementPeriod of null: no abatement (H69)', () => {
    const { resource, readings } = readAs(plasmacytoma({ abatementPeriod: null }));
    expect(Object.hasOwn(resource, 'abatementPeriod')).toBe(false);
    expect(readings).toEqual([{ element: 'abatementPeriod', kind: 'null', count: 1 }]);
  });
});

describe('an STU3 string status (H113)', () => {
  it.each([
    ['clinicalStatus', 'resolved', 'resolved'],
    ['clinicalStatus', ' Active ', 'active'],
    ['verificationStatus', 'Entered_In_Error', 'entered-in-error'],
    ['verificationStatus', 'REFUTED', 'refuted'],
    ['verificationStatus', 'ｃｏｎｆｉｒｍｅｄ\u200b', 'confirmed'],
  ])('reads %s %j as the code %s', (key, written, code) => {
    const { resource, readings } = readAs(plasmacytoma({ [key]: written }));
    expect(resource[key]).toEqual({ coding: [{ code }] });
    expect(readings).toEqual([
      {
        element: key,
        kind: 'status-code',
        count: 1,
        spelled: { written, read: code, how: "FHIR STU3's form" },
      },
    ]);
  });

  it.each([
    ['clinicalStatus', 'resolvd'],
    ['clinicalStatus', 'refuted'],
    ['verificationStatus', 'active'],
    ['verificationStatus', '作废'],
  ])('reads %s %j, which is none of its codes, as text', (key, written) => {
    const { resource, readings } = readAs(plasmacytoma({ [key]: written }));
    expect(resource[key]).toEqual({ text: written });
    expect(readings).toEqual([{ element: key, kind: 'status-text', count: 1 }]);
  });
});

describe('what decides a card stays refused, the problem named being that field', () => {
  it.each([
    // H134 reads a whole number as its digits, not a fraction.
    [
      'a code that is a fraction',
      { code: { coding: [{ system: ICD_10_CM, code: 90.2 }] } },
      'code.coding.0.code',
    ],
    ['a status that is a number', { clinicalStatus: 7 }, 'clinicalStatus'],
    // H134 reads one object where a list belongs as that list, not a string.
    ['a body site that is a string', { bodySite: 'Meninges' }, 'bodySite'],
    ['a subject that is a string', { subject: 'Patient/p1' }, 'subject'],
    [
      'a reference that is a number',
      { evidence: [{ detail: [{ reference: 7 }] }] },
      'evidence.0.detail.0.reference',
    ],
    [
      'a system that is a number',
      { code: { coding: [{ system: 7, code: 'C90.20' }] } },
      'code.coding.0.system',
    ],
    ['a code text that is a number', { code: { text: 7 } }, 'code.text'],
    ['an abatement that is a number', { abatementDateTime: 20261025 }, 'abatementDateTime'],
    ['an abatement of null', { abatementDateTime: null }, 'abatementDateTime'],
    ['an abatement of ""', { abatementDateTime: '' }, 'abatementDateTime'],
    // Named at its place in the list as read, its null left out (docs/clinical-safety.md H111).
    ['a body site item that is a number', { bodySite: [null, 7] }, 'bodySite.0'],
    [
      'an abatementPeriod start that is a number',
      { abatementPeriod: { start: 2025 } },
      'abatementPeriod.start',
    ],
    ['an abatementPeriod that is text', { abatementPeriod: '2025-06-01' }, 'abatementPeriod'],
  ])('refuses %s beside a null onset', (_name, fields, path) => {
    expect(refusedAt(plasmacytoma({ onsetDateTime: null, ...fields }))).toBe(path);
  });

  it('reads nothing leniently in a Patient but its id, nor in a type the rules do not read', () => {
    expect(refusedAt({ resourceType: 'Patient', id: null })).toBe('id');
    expect(refusedAt({ resourceType: 'Patient', id: 'ZY/1' })).toBe('id');
    expect(readResource({ resourceType: 'constructor', id: 'x' }).success).toBe(false);
  });

  it('walks a long list once, and says it once', () => {
    const coding = Array.from({ length: 50_000 }, (_, i) => ({
      system: 'urn:oid:1.2.3',
      code: String(i),
      display: null,
    }));
    const { readings } = readAs(plasmacytoma({ code: { coding } }));
    expect(readings).toEqual([{ element: 'code.coding.display', kind: 'null', count: 50_000 }]);
  });
});

/**
 * H142: FHIR R4 JSON §"primitive elements": a primitive with extensions but no value is sent as
 * its `_` companion alone. `status` is 1..1 on ImagingStudy and DiagnosticReport, and both
 * status value sets hold `unknown`, FHIR's code for a status the sender does not know.
 */
describe('a study or report status sent only as _status (H142)', () => {
  const DAR = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
  const absent = { extension: [{ url: DAR, valueCode: 'unknown' }] };
  const mrBrain = (fields: Record<string, unknown>) => ({
    resourceType: 'ImagingStudy',
    id: 'mr1',
    subject: { reference: 'Patient/p1' },
    started: '2026-10-30',
    ...fields,
  });
  const report = (fields: Record<string, unknown>) => ({
    resourceType: 'DiagnosticReport',
    id: 'r1',
    subject: { reference: 'Patient/p1' },
    code: { text: 'PET/CT whole body' },
    ...fields,
  });
  const reading = { element: 'status', kind: 'status-without-value', count: 1 };

  it.each([
    ['a study', mrBrain({ _status: absent })],
    ['a report', report({ _status: absent })],
    [
      'a study whose status is null beside _status (H111)',
      mrBrain({ status: null, _status: absent }),
    ],
  ])('reads the status of %s as unknown, keeping _status', (_name, value) => {
    const { resource, readings } = readAs(value);
    expect(resource['status']).toBe('unknown');
    expect(resource['_status']).toEqual(absent);
    expect(readings).toEqual([reading]);
  });

  it('reads an extension of any kind in _status alike', () => {
    const other = { extension: [{ url: 'http://example.org/why', valueString: 'not sent' }] };
    expect(readAs(report({ _status: other })).resource['status']).toBe('unknown');
  });

  it.each([
    ['a study with no status and no _status', mrBrain({})],
    ['a report with no status and no _status', report({})],
    ['a study whose _status holds no extension', mrBrain({ _status: {} })],
    [
      'a study whose _status holds an empty extension list',
      mrBrain({ _status: { extension: [] } }),
    ],
    ['a study whose _status is a string', mrBrain({ _status: 'unknown' })],
  ])('refuses %s at status, as before', (_name, value) => {
    expect(refusedAt(value)).toBe('status');
  });

  it('leaves a status that has a value as it is, whatever _status says', () => {
    const sent = mrBrain({ status: 'cancelled', _status: absent });
    const read = readResource(sent);
    expect(read.success && read.resource).toBe(sent);
  });
});
