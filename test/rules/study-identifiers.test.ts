/**
 * Rules page §2 "Inputs": references resolved. A radiology report from an HL7 v2 converter
 * names the study it is on by its DICOM Study Instance UID only (`imagingStudy` as
 * `Reference.identifier`, FHIR R4 §2.3.0). The record reads it as a reference to the one
 * study that arrived with that identifier, kept or dropped, so the rules treat it as they treat
 * a literal reference (H62); one that names no study, or several, is left as it is, and the
 * trace says why.
 */
import { describe, expect, it } from 'vitest';
import { collectFindings } from '../../src/rules/collect-findings.js';
import { isImagingReport } from '../../src/rules/imaging-report.js';
import {
  defaultRuleSettings,
  condition,
  daysFrom,
  icd,
  liverPlasmacytomaReport,
  NOW,
  patient,
  PATIENT_ID,
  recentPetCt,
  recordOf,
  SITE,
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

describe('a study named by identifier: what the record reads, and isImagingReport', () => {
  // Each reference as an uncategorised report writes its study; the PET/CT pet1 has the UID. The
  // record reads a study only from an identifier with a system and a value (FHIR R4 Identifier:
  // the value is unique within its system; H62). DiagnosticReport.imagingStudy references
  // ImagingStudy only, so any identifier with a value there makes an imaging report, unless the
  // reference says it is another resource.
  const cases: {
    name: string;
    study: fhir4.Reference;
    readAsPet1: boolean;
    imaging: boolean;
  }[] = [
    {
      name: 'a DICOM UID typed ImagingStudy',
      study: { type: 'ImagingStudy', identifier: UID },
      readAsPet1: true,
      imaging: true,
    },
    {
      name: 'a DICOM UID without type',
      study: { identifier: UID },
      readAsPet1: true,
      imaging: true,
    },
    {
      name: 'the UID without its system',
      study: { identifier: { value: UID.value } },
      readAsPet1: false,
      imaging: true,
    },
    {
      name: 'the UID typed as another resource',
      study: { type: 'Media', identifier: UID },
      readAsPet1: false,
      imaging: false,
    },
    {
      name: 'a system without a value',
      study: { identifier: { system: UID.system } },
      readAsPet1: false,
      imaging: false,
    },
    {
      name: 'a blank value',
      study: { type: 'ImagingStudy', identifier: { ...UID, value: ' ' } },
      readAsPet1: false,
      imaging: false,
    },
  ];
  for (const { name, study, readAsPet1, imaging } of cases)
    it(`${name}: ${readAsPet1 ? 'read as the study' : 'read as no study'}, ${imaging ? 'an imaging report' : 'not an imaging report'}`, () => {
      const { category: _category, ...report } = {
        ...liverPlasmacytomaReport('r1', []),
        imagingStudy: [study],
      };
      const record = recordOf([patient(PATIENT_ID), petWithUid('pet1'), report]);
      expect(studiesOf(record)?.[0]?.reference).toBe(readAsPet1 ? 'ImagingStudy/pet1' : undefined);
      expect(isImagingReport(report, defaultRuleSettings.terminology)).toBe(imaging);
    });
});

/** A liver plasmacytoma (pc1) whose evidence names its study by `identifier` only (H64). */
function citingByIdentifier(identifier: fhir4.Identifier, type?: string): fhir4.Condition {
  return condition('pc1', {
    code: [icd('C90.20')],
    sites: [SITE.liver],
    onset: daysFrom(NOW, -15),
    extra: { evidence: [{ detail: [{ ...(type ? { type } : {}), identifier }] }] },
  });
}

const citedOf = (record: ReturnType<typeof recordOf>) =>
  record.conditions.find((c) => c.reference === 'Condition/pc1')?.resource.evidence?.[0]?.detail;
const conditionTrace = (record: ReturnType<typeof recordOf>) =>
  record.trace.filter((line) => line.reference === 'Condition/pc1').map((l) => l.message);

describe('a Condition whose evidence names its study by DICOM UID only (H64)', () => {
  it("reads it as the record's study with that UID, keeping the identifier, and shows it as the source", () => {
    const record = recordOf([
      patient(PATIENT_ID),
      petWithUid('pet1'),
      citingByIdentifier(UID, 'ImagingStudy'),
    ]);
    expect(citedOf(record)).toEqual([
      { type: 'ImagingStudy', identifier: UID, reference: 'ImagingStudy/pet1' },
    ]);
    expect(record.resolve('Condition/pc1')?.resource).toBe(record.conditions[0]?.resource);
    expect(conditionTrace(record)).toEqual([
      `evidence[0].detail[0] names its study by identifier only (urn:dicom:uid|${UID.value}): read as ImagingStudy/pet1, the study with it`,
    ]);
    const [finding] = collectFindings(record, defaultRuleSettings, NOW).active;
    expect(finding?.sources.map((source) => source.reference)).toEqual(['ImagingStudy/pet1']);
    expect(finding?.citedReferences).toEqual(['ImagingStudy/pet1']);
  });

  it("reads it as another patient's study, which is then left out as such", () => {
    const record = recordOf([
      patient(PATIENT_ID),
      petWithUid('pet1', 'available', 'Patient/p2'),
      citingByIdentifier(UID),
    ]);
    expect(citedOf(record)?.[0]?.reference).toBe('ImagingStudy/pet1');
    const result = collectFindings(record, defaultRuleSettings, NOW);
    expect(result.active[0]?.sources).toEqual([]);
    expect(result.trace.map((line) => line.message)).toContain(
      "source ImagingStudy/pet1 left out: it is another patient's (dropped: its subject is not the patient of this hook call)",
    );
  });

  it('leaves it as written when no study, or two, have the UID, and says so', () => {
    const none = recordOf([patient(PATIENT_ID), petWithUid('pet1'), citingByIdentifier(OTHER_UID)]);
    expect(citedOf(none)).toEqual([{ identifier: OTHER_UID }]);
    expect(conditionTrace(none)).toEqual([
      `evidence[0].detail[0] names its study by identifier only (urn:dicom:uid|${OTHER_UID.value}): no study in the record has it, so it is left as written: no source is shown for it`,
    ]);
    const two = recordOf([
      patient(PATIENT_ID),
      petWithUid('pet1'),
      petWithUid('pet2'),
      citingByIdentifier(UID),
    ]);
    expect(citedOf(two)).toEqual([{ identifier: UID }]);
    expect(conditionTrace(two)).toEqual([
      `evidence[0].detail[0] names its study by identifier only (urn:dicom:uid|${UID.value}): 2 studies have it, so nothing tells which one is cited, and none is read as cited`,
    ]);
    expect(collectFindings(two, defaultRuleSettings, NOW).active[0]?.sources).toEqual([]);
  });

  it('reads nothing into an identifier without a system, or a reference typed as another resource', () => {
    for (const cited of [
      citingByIdentifier({ value: UID.value }),
      citingByIdentifier(UID, 'DiagnosticReport'),
    ]) {
      const record = recordOf([patient(PATIENT_ID), petWithUid('pet1'), cited]);
      expect(citedOf(record)?.[0]?.reference).toBeUndefined();
    }
  });
});
