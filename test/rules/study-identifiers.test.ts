/**
 * Rules page §2 "Inputs": references resolved. A radiology report from an HL7 v2 converter
 * names the study it is on by its DICOM Study Instance UID only (`imagingStudy` as
 * `Reference.identifier`, FHIR R4 §2.3.0). The record reads it as a reference to the one
 * study that arrived with that identifier, kept or dropped, so the rules treat it as they treat
 * a literal reference (H62); one that names no study, or several, is left as it is, and the
 * trace says why.
 */
import { describe, expect, it } from 'vitest';
import { isImagingReport } from '../../src/rules/imaging-report.js';
import {
  defaultRuleSettings,
  liverPlasmacytomaReport,
  patient,
  PATIENT_ID,
  recentPetCt,
  recordOf,
} from './fixtures.js';

const UID = { system: 'urn:dicom:uid', value: 'urn:oid:2.25.311846921760480293617' };
const OTHER_UID = { system: 'urn:dicom:uid', value: 'urn:oid:2.25.98' };

/** A PET/CT with the study UID as its identifier. */
function petWithUid(
  id: string,
  status?: fhir4.ImagingStudy['status'],
  subject?: string,
): fhir4.ImagingStudy {
  return { ...recentPetCt(id, status, subject), identifier: [UID] };
}

/** The liver plasmacytoma report, naming its study by `identifier` only. */
function reportByIdentifier(identifier: fhir4.Identifier, type?: string): fhir4.DiagnosticReport {
  return {
    ...liverPlasmacytomaReport('r1', []),
    imagingStudy: [{ ...(type ? { type } : {}), identifier }],
  };
}

const studiesOf = (record: ReturnType<typeof recordOf>) =>
  record.diagnosticReports[0]?.resource.imagingStudy;
const traceOf = (record: ReturnType<typeof recordOf>) =>
  record.trace.filter((line) => line.reference === 'DiagnosticReport/r1').map((l) => l.message);

describe('a report that names its study by DICOM UID only', () => {
  it("reads it as the record's study with that UID, keeping the identifier", () => {
    const record = recordOf([patient(PATIENT_ID), petWithUid('pet1'), reportByIdentifier(UID)]);
    expect(studiesOf(record)).toEqual([{ identifier: UID, reference: 'ImagingStudy/pet1' }]);
    expect(record.resolve('DiagnosticReport/r1')?.resource).toBe(
      record.diagnosticReports[0]?.resource,
    );
    expect(traceOf(record)).toEqual([
      `imagingStudy[0] names its study by identifier only (urn:dicom:uid|${UID.value}): read as ImagingStudy/pet1, the study with it`,
    ]);
  });

  it("reads it as another patient's study when that study has the UID, so the record can say whose it is", () => {
    const record = recordOf([
      patient(PATIENT_ID),
      petWithUid('pet1', 'available', 'Patient/p2'),
      reportByIdentifier(UID, 'ImagingStudy'),
    ]);
    expect(studiesOf(record)?.[0]?.reference).toBe('ImagingStudy/pet1');
    expect(record.resolveDropped('ImagingStudy/pet1')).toEqual({
      reference: 'ImagingStudy/pet1',
      reason: 'other-patient',
    });
  });

  it('leaves it as written when no study has the UID (a study not received), and says so', () => {
    const record = recordOf([
      patient(PATIENT_ID),
      petWithUid('pet1'),
      reportByIdentifier(OTHER_UID),
    ]);
    expect(studiesOf(record)).toEqual([{ identifier: OTHER_UID }]);
    expect(traceOf(record)).toEqual([
      `imagingStudy[0] names its study by identifier only (urn:dicom:uid|${OTHER_UID.value}): no study in the record has it, so it is read as a study not received`,
    ]);
  });

  it('leaves it as written when two studies have the UID, since nothing tells which', () => {
    const record = recordOf([
      patient(PATIENT_ID),
      petWithUid('pet1'),
      petWithUid('pet2', 'entered-in-error'),
      reportByIdentifier(UID),
    ]);
    expect(studiesOf(record)).toEqual([{ identifier: UID }]);
    expect(traceOf(record)[0]).toMatch(/2 studies have it, so nothing tells which one/);
  });

  it('reads nothing into an identifier without a system, or a reference typed as another resource', () => {
    for (const report of [
      reportByIdentifier({ value: UID.value }),
      reportByIdentifier(UID, 'Media'),
    ]) {
      const record = recordOf([patient(PATIENT_ID), petWithUid('pet1'), report]);
      expect(studiesOf(record)?.[0]?.reference).toBeUndefined();
    }
  });

  it('is an imaging report even when the record holds no study with the UID (H26)', () => {
    const { category: _category, ...uncategorised } = reportByIdentifier(OTHER_UID);
    expect(isImagingReport(uncategorised, defaultRuleSettings.terminology)).toBe(true);
    expect(
      isImagingReport(
        { ...uncategorised, imagingStudy: [{ identifier: { system: 'urn:dicom:uid' } }] },
        defaultRuleSettings.terminology,
      ),
    ).toBe(false);
  });
});
