/**
 * ImagingStudy and DiagnosticReport resources of a decision-table row. Each study kind is
 * built from the rules page §5 imaging codes: DICOM modalities, PET/CT SNOMED 443271005,
 * LOINC 46305-9 (CT whole body), 46358-8 (MRI whole body), 24590-2 (MR brain), whole-body
 * site SNOMED 38266002, spine sites from the bone table.
 */
import { coding, dateFrom, SITES, SYSTEMS, type RowIds } from './row-codes.js';
import type { ImagingDateSpec, ReportSpec, StatusWithoutValue, StudySpec } from './table-rows.js';

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
/** A DICOM modality; `system` null: written with no system at all, as some PACS feeds send it. */
const modalityIn =
  (system: string | null = DCM) =>
  (code: string): fhir4.Coding =>
    system === null ? { code } : { system, code };
const snomedSite = (name: string): fhir4.Coding => ({
  system: SYSTEMS.sct,
  code: SITES[name] ?? '',
  display: name,
});

interface StudyShape {
  modalities: string[];
  /** The system its modalities (study and series) are written in: DICOM's URI by default. */
  modalitySystem?: string | null;
  procedure: fhir4.CodeableConcept;
  series: { modality: string; bodySite?: fhir4.Coding }[];
}

const SHAPES: Record<StudySpec['kind'], StudyShape> = {
  'pet-ct': {
    modalities: ['PT', 'CT'],
    procedure: { coding: [{ system: SYSTEMS.sct, code: '443271005' }], text: 'FDG PET/CT' },
    series: [{ modality: 'PT', bodySite: snomedSite('whole-body') }, { modality: 'CT' }],
  },
  // As HL7 v2 and DICOM-fed feeds send it: the procedure code alone, no display, no text.
  'pet-ct-code-only': {
    modalities: ['PT', 'CT'],
    procedure: { coding: [{ system: SYSTEMS.sct, code: '443271005' }] },
    series: [{ modality: 'PT', bodySite: snomedSite('whole-body') }, { modality: 'CT' }],
  },
  // H98: a PET study whose only PET codes are its modalities, written with no system, or under
  // a near miss of DICOM's URI (H93) or its OID; no procedure code says PET.
  'pet-modality-no-system': {
    modalities: ['PT'],
    modalitySystem: null,
    procedure: { text: 'PET' },
    series: [{ modality: 'PT' }],
  },
  'pet-modality-dcm-slash': {
    modalities: ['PT'],
    modalitySystem: `${DCM}/`,
    procedure: { text: 'PET' },
    series: [{ modality: 'PT' }],
  },
  'pet-modality-dcm-oid': {
    modalities: ['PT'],
    modalitySystem: 'urn:oid:1.2.840.10008.2.16.4',
    procedure: { text: 'PET' },
    series: [{ modality: 'PT' }],
  },
  // H116: the modality as DICOM writes Modalities in Study, its values separated by a
  // backslash, copied into one code; under DSTU2's URI for DICOM; under DICOM's coding scheme
  // designator DCM in place of a URI; in lowercase. No procedure code says PET.
  'pet-modality-backslash': {
    modalities: ['PT\\CT'],
    procedure: { text: 'PET/CT' },
    series: [],
  },
  'pet-modality-dstu2': {
    modalities: ['PT'],
    modalitySystem: 'http://nema.org/dicom/dicm',
    procedure: { text: 'PET' },
    series: [{ modality: 'PT' }],
  },
  'pet-modality-dcm-designator': {
    modalities: ['PT'],
    modalitySystem: 'DCM',
    procedure: { text: 'PET' },
    series: [{ modality: 'PT' }],
  },
  'pet-modality-lower-case': {
    modalities: ['pt'],
    procedure: { text: 'PET' },
    series: [{ modality: 'pt' }],
  },
  'wb-ct': {
    modalities: ['CT'],
    procedure: { coding: [{ system: SYSTEMS.loinc, code: '46305-9' }], text: 'CT whole body' },
    series: [{ modality: 'CT', bodySite: snomedSite('whole-body') }],
  },
  'wb-mri-with-spine': {
    modalities: ['MR'],
    procedure: { coding: [{ system: SYSTEMS.loinc, code: '46358-8' }], text: 'MRI whole body' },
    series: [
      { modality: 'MR', bodySite: snomedSite('whole-body') },
      { modality: 'MR', bodySite: snomedSite('spine') },
    ],
  },
  'mr-brain': {
    modalities: ['MR'],
    procedure: { coding: [{ system: SYSTEMS.loinc, code: '24590-2' }], text: 'MR brain' },
    series: [{ modality: 'MR', bodySite: snomedSite('brain') }],
  },
  // As some EHRs send it: the procedure code alone, no modality, no series.
  'mr-brain-procedure-only': {
    modalities: [],
    procedure: { coding: [{ system: SYSTEMS.loinc, code: '24590-2' }], text: 'MR brain' },
    series: [],
  },
  'mr-brain-code-only': {
    modalities: ['MR'],
    procedure: { coding: [{ system: SYSTEMS.loinc, code: '24590-2' }] },
    series: [{ modality: 'MR', bodySite: snomedSite('brain') }],
  },
  'mr-spine': {
    modalities: ['MR'],
    procedure: { text: 'MRI whole spine' },
    series: [{ modality: 'MR', bodySite: snomedSite('spine') }],
  },
  'ct-brain': {
    modalities: ['CT'],
    procedure: { text: 'CT head without contrast' },
    series: [{ modality: 'CT', bodySite: snomedSite('brain') }],
  },
  'ct-abdomen': {
    modalities: ['CT'],
    procedure: { text: 'CT abdomen with contrast' },
    // Abdomen structure: a site outside every imaging value set.
    series: [{ modality: 'CT', bodySite: { system: SYSTEMS.sct, code: '818983003' } }],
  },
};

/**
 * A relative date at the given time of day, or the month ("2026-05") or year ("2026") it is in, or
 * an instant as the row writes it, or a date as a gateway wrote it (H102).
 */
function imagingDate(now: Date, spec: ImagingDateSpec, time: string): string {
  if (typeof spec === 'string') return `${dateFrom(now, spec)}${time}`;
  if ('at' in spec) return spec.at;
  // As a gateway wrote it (H102), JSON null included: not in fhir4's types.
  if ('written' in spec) return spec.written as string;
  return 'month' in spec
    ? dateFrom(now, spec.month).slice(0, 7)
    : dateFrom(now, spec.year).slice(0, 4);
}

/**
 * A study's DICOM Study Instance UID as FHIR R4 writes it (ImagingStudy.identifier: system
 * `urn:dicom:uid`, the UID as an `urn:oid:`), made from its stored id so each row's differs.
 */
export function studyUid(ids: RowIds, study: string): fhir4.Identifier {
  let [low, high] = [7, 11];
  for (const c of ids.reference(`study:${study}`)) {
    low = (low * 31 + c.charCodeAt(0)) >>> 0;
    high = (high * 37 + c.charCodeAt(0)) >>> 0;
  }
  return { system: 'urn:dicom:uid', value: `urn:oid:2.25.${String(high)}${String(low)}` };
}

/** The data-absent-reason extension (FHIR R4 core). */
const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

/**
 * A study's or report's `status` as the row sends it: the code as written, or no value and a
 * data-absent-reason in `_status` (H142), which fhir4's types do not allow without `status`.
 */
function statusFields(
  status: string | StatusWithoutValue | undefined,
  byDefault: string,
): { status: never } {
  if (typeof status === 'object')
    return {
      _status: { extension: [{ url: DATA_ABSENT_REASON, valueCode: status.withoutValue }] },
    } as unknown as { status: never };
  return { status: (status ?? byDefault) as never };
}

export function imagingStudy(spec: StudySpec, ids: RowIds, now: Date): fhir4.ImagingStudy {
  const shape = SHAPES[spec.kind];
  const modality = modalityIn(shape.modalitySystem);
  const id = ids.reference(`study:${spec.id}`).split('/')[1] ?? '';
  return {
    resourceType: 'ImagingStudy',
    id,
    identifier: [studyUid(ids, spec.id)],
    ...statusFields(spec.status, 'available'),
    modality: shape.modalities.map(modality),
    subject: { reference: `Patient/${spec.patient ? ids.otherPatientId : ids.patientId}` },
    started: imagingDate(now, spec.started, 'T09:00:00Z'),
    procedureCode: [shape.procedure],
    series: shape.series.map((series, index) => ({
      uid: `2.25.${String(index + 1)}${String(id.length)}`,
      number: index + 1,
      modality: modality(series.modality),
      ...(series.bodySite ? { bodySite: series.bodySite } : {}),
    })),
  };
}

const CATEGORIES: Record<ReportSpec['category'], fhir4.CodeableConcept[]> = {
  rad: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD' }] }],
  // HL7 v2 tables have the OIDs 2.16.840.1.113883.12.<table>: table 0074 is …12.74.
  'rad-oid': [{ coding: [{ system: 'urn:oid:2.16.840.1.113883.12.74', code: 'RAD' }] }],
  'loinc-radiology': [{ coding: [{ system: SYSTEMS.loinc, code: 'LP29684-5' }] }],
  lab: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
  none: [],
};

export function diagnosticReport(spec: ReportSpec, ids: RowIds, now: Date): fhir4.DiagnosticReport {
  const category = CATEGORIES[spec.category];
  return {
    resourceType: 'DiagnosticReport',
    id: ids.reference(`report:${spec.id}`).split('/')[1] ?? '',
    ...statusFields(spec.status, 'final'),
    ...(category.length > 0 ? { category } : {}),
    code: spec.code
      ? { coding: [coding(spec.code)] }
      : { text: spec.category === 'lab' ? 'Pathology report' : 'Imaging report' },
    subject: { reference: `Patient/${ids.patientId}` },
    effectiveDateTime: imagingDate(now, spec.effective, 'T12:00:00Z'),
    ...(spec.study
      ? {
          imagingStudy: [spec.study]
            .flat()
            .map((study) =>
              spec.studyBy === 'identifier'
                ? { type: 'ImagingStudy', identifier: studyUid(ids, study) }
                : spec.studyBy === 'identifier-untyped'
                  ? { identifier: studyUid(ids, study) }
                  : { reference: ids.reference(`study:${study}`) },
            ),
        }
      : {}),
    conclusionCode: spec.conclusions.map((c) => ({ coding: [coding(c)] })),
  };
}
