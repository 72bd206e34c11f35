/**
 * Small FHIR R4 builders for the rules tests. Every code comes from section 5 of the rules
 * page (../shared/spec/emd-rules.md); "now" is frozen at the date the scenarios use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDefaultSettings } from '../../src/config/load-settings.js';
import { DEFAULT_VALUE_SET_URLS } from '../../src/config/defaults.js';
import { PATHS } from '../../src/config/project-paths.js';
import { compileTerminology } from '../../src/rules/compile-terminology.js';
import {
  buildPatientRecord,
  type DataGap,
  type PatientRecord,
} from '../../src/rules/patient-record.js';
import type { Terminology } from '../../src/rules/terminology.js';
import type { HookContext, RuleSettings } from '../../src/rules/types.js';

export const NOW = new Date('2026-11-01T00:00:00Z');
export const PATIENT_ID = 'p1';
export const defaultRuleSettings: RuleSettings = loadDefaultSettings().rules;

const DAY_MS = 86_400_000;

/**
 * The shipped terminology, with codes a site adds to some value sets (value set URL → codings),
 * as docs/configuring.md §3 asks a site to add its own SNOMED CT concepts: a local code stands
 * in for each, since the rules page gives none to check against.
 */
export function terminologyAdding(added: Readonly<Record<string, fhir4.Coding[]>>): Terminology {
  const valueSets = readdirSync(PATHS.valueSets).map((file) => {
    const valueSet = JSON.parse(
      readFileSync(join(PATHS.valueSets, file), 'utf8'),
    ) as fhir4.ValueSet;
    const codings = added[valueSet.url ?? ''];
    if (!codings) return valueSet;
    const include = [
      ...(valueSet.compose?.include ?? []),
      ...codings.map(({ system, code }) => ({
        system: system ?? '',
        concept: [{ code: code ?? '' }],
      })),
    ];
    // An expansion, where one ships, stands for the compose: left out, so the added codes count.
    return { ...valueSet, expansion: undefined, compose: { ...valueSet.compose, include } };
  });
  const codeSystems = JSON.parse(readFileSync(PATHS.codeSystems, 'utf8')) as fhir4.Bundle;
  const namingSystems = (codeSystems.entry ?? []).map((e) => e.resource as fhir4.NamingSystem);
  return compileTerminology(namingSystems, valueSets, DEFAULT_VALUE_SET_URLS);
}

export const SYSTEM = {
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  icdo3: 'http://terminology.hl7.org/CodeSystem/icd-o-3',
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  dicom: 'http://dicom.nema.org/resources/ontology/DCM',
  /** A site-local system no value set knows. */
  local: 'https://ehr.example.org/CodeSystem/local',
} as const;

export const icd = (code: string): fhir4.Coding => ({ system: SYSTEM.icd10cm, code });
export const icdo3 = (code: string): fhir4.Coding => ({ system: SYSTEM.icdo3, code });
export const sct = (code: string, display?: string): fhir4.Coding => ({
  system: SYSTEM.snomed,
  code,
  ...(display ? { display } : {}),
});
export const loinc = (code: string): fhir4.Coding => ({ system: SYSTEM.loinc, code });
export const dicom = (code: string): fhir4.Coding => ({ system: SYSTEM.dicom, code });
export const local = (code: string): fhir4.Coding => ({ system: SYSTEM.local, code });

/** Body sites of section 5 (SNOMED CT), named as the rules page names them. */
export const SITE = {
  skin: sct('39937001', 'Skin structure'),
  softTissue: sct('87784001', 'Soft tissues'),
  liver: sct('10200004', 'Liver structure'),
  kidney: sct('64033007', 'Kidney structure'),
  lymphNode: sct('59441001', 'Structure of lymph node'),
  breast: sct('76752008', 'Breast structure'),
  pleura: sct('3120008', 'Pleural membrane structure'),
  pericardium: sct('76848001', 'Pericardial structure'),
  pericardialCavity: sct('25489000', 'Pericardial cavity structure'),
  brain: sct('12738006', 'Brain structure'),
  spinalCord: sct('2748008', 'Spinal cord structure'),
  centralNervousSystem: sct('21483005', 'Structure of central nervous system'),
  dura: sct('18545000', 'Dura mater structure'),
  meninges: sct('1231004', 'Meninges structure'),
  subarachnoidSpace: sct('35951006', 'Subarachnoid space structure'),
  cerebrospinalFluid: sct('65216001', 'Cerebrospinal fluid'),
  bone: sct('272673000', 'Bone structure'),
  boneMarrow: sct('14016003', 'Bone marrow structure'),
  spine: sct('421060004', 'Structure of vertebral column'),
  cervicalSpine: sct('122494005', 'Cervical spine structure'),
  thoracicSpine: sct('122495006', 'Thoracic spine structure'),
  lumbarSpine: sct('122496007', 'Lumbar spine structure'),
  wholeBody: sct('38266002', 'Entire body as a whole'),
} satisfies Record<string, fhir4.Coding>;

/** Section 5 body sites, grouped by the finding class each gives (rules page §3.3). */
export const SITES_OF_CLASS = {
  leptomeningeal: [SITE.meninges, SITE.subarachnoidSpace, SITE.cerebrospinalFluid],
  paraskeletal: [
    SITE.bone,
    SITE.boneMarrow,
    SITE.spine,
    SITE.cervicalSpine,
    SITE.thoracicSpine,
    SITE.lumbarSpine,
  ],
  cns: [SITE.brain, SITE.spinalCord, SITE.centralNervousSystem, SITE.dura],
  emd: [
    SITE.skin,
    SITE.softTissue,
    SITE.liver,
    SITE.kidney,
    SITE.lymphNode,
    SITE.breast,
    SITE.pleura,
    SITE.pericardium,
    SITE.pericardialCavity,
  ],
} satisfies Record<string, fhir4.Coding[]>;

export interface ConditionOptions {
  code?: fhir4.Coding[];
  text?: string;
  /** A Coding, or plain text for a site recorded without a code. */
  sites?: (fhir4.Coding | string)[];
  clinicalStatus?: string;
  verificationStatus?: string;
  onset?: string;
  recordedDate?: string;
  /** The subject reference; null for a Condition without a subject. */
  subject?: string | null;
  extra?: Partial<fhir4.Condition>;
}

export function condition(id: string, options: ConditionOptions): fhir4.Condition {
  const { code, text, sites, clinicalStatus, verificationStatus, onset, recordedDate } = options;
  const built: fhir4.Condition = {
    resourceType: 'Condition',
    id,
    subject: { reference: options.subject ?? `Patient/${PATIENT_ID}` },
    code: { ...(code ? { coding: code } : {}), ...(text ? { text } : {}) },
    ...(sites
      ? {
          bodySite: sites.map((site) =>
            typeof site === 'string' ? { text: site } : { coding: [site] },
          ),
        }
      : {}),
    ...(clinicalStatus
      ? { clinicalStatus: statusConcept('condition-clinical', clinicalStatus) }
      : {}),
    ...(verificationStatus
      ? { verificationStatus: statusConcept('condition-ver-status', verificationStatus) }
      : {}),
    ...(onset ? { onsetDateTime: onset } : {}),
    ...(recordedDate ? { recordedDate } : {}),
    ...options.extra,
  };
  if (options.subject !== null) return built;
  // FHIR R4 requires Condition.subject; EHR feeds still send Conditions without one.
  const subjectless: Partial<fhir4.Condition> = { ...built };
  delete subjectless.subject;
  return subjectless as fhir4.Condition;
}

function statusConcept(codeSystem: string, code: string): fhir4.CodeableConcept {
  return { coding: [{ system: `http://terminology.hl7.org/CodeSystem/${codeSystem}`, code }] };
}

/** A draft order as the order hooks send it; default a whole-body CT (LOINC 46305-9). */
export function draftOrder(
  id: string,
  coding: fhir4.Coding = loinc('46305-9'),
  subject = PATIENT_ID,
): fhir4.ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    id,
    status: 'draft',
    intent: 'order',
    subject: { reference: `Patient/${subject}` },
    code: { coding: [coding] },
  };
}

/** An order hook's context: the drafts it is about, and the call's other drafts. */
export function orderContext(
  draftOrders: fhir4.ServiceRequest[],
  otherDraftOrders: fhir4.ServiceRequest[] = [],
): HookContext {
  const drafts = (orders: fhir4.ServiceRequest[]) =>
    orders.map((resource) => ({ resource, reference: `ServiceRequest/${resource.id ?? ''}` }));
  return {
    kind: 'order',
    patientId: PATIENT_ID,
    draftOrders: drafts(draftOrders),
    otherDraftOrders: drafts(otherDraftOrders),
  };
}

/** Multiple myeloma, not in remission (C90.00), unless the options say otherwise. */
export function myeloma(id: string, options: ConditionOptions = {}): fhir4.Condition {
  return condition(id, { code: [icd('C90.00')], ...options });
}

/** Extramedullary plasmacytoma (C90.20) at the given sites. */
export function plasmacytoma(
  id: string,
  sites: (fhir4.Coding | string)[],
  options: ConditionOptions = {},
): fhir4.Condition {
  return condition(id, { code: [icd('C90.20')], sites, ...options });
}

export interface StudyOptions {
  status?: fhir4.ImagingStudy['status'];
  started?: string;
  /** Study-level DICOM modalities. */
  modality?: string[];
  series?: { modality: string; bodySite?: fhir4.Coding }[];
  procedure?: fhir4.Coding[];
}

export function imagingStudy(id: string, options: StudyOptions): fhir4.ImagingStudy {
  return {
    resourceType: 'ImagingStudy',
    id,
    status: options.status ?? 'available',
    subject: { reference: `Patient/${PATIENT_ID}` },
    ...(options.started ? { started: options.started } : {}),
    ...(options.modality ? { modality: options.modality.map(dicom) } : {}),
    ...(options.series
      ? {
          series: options.series.map((s, i) => ({
            uid: `2.25.${String(i + 1)}`,
            modality: dicom(s.modality),
            ...(s.bodySite ? { bodySite: s.bodySite } : {}),
          })),
        }
      : {}),
    ...(options.procedure
      ? { procedureCode: options.procedure.map((c) => ({ coding: [c] })) }
      : {}),
  };
}

// Imaging a finding may cite, and reports on it (the voided and other-patient hazards, H45–H48).

/** v2-0074 RAD: a radiology report (the imaging-report value set). */
export const RAD: fhir4.Coding = {
  system: 'http://terminology.hl7.org/CodeSystem/v2-0074',
  code: 'RAD',
};

/**
 * A PET/CT 20 days before NOW, of PATIENT_ID unless `subject` names another patient; null for
 * a study without a subject (FHIR R4 requires one; feeds still send studies without).
 */
export function recentPetCt(
  id: string,
  status: fhir4.ImagingStudy['status'] = 'available',
  subject: string | null = `Patient/${PATIENT_ID}`,
): fhir4.ImagingStudy {
  const { subject: _own, ...study } = imagingStudy(id, {
    status,
    started: daysFrom(NOW, -20),
    modality: ['PT', 'CT'],
  });
  return (
    subject === null ? study : { ...study, subject: { reference: subject } }
  ) as fhir4.ImagingStudy;
}

/** A radiology report 20 days before NOW on `studies`, concluding a liver plasmacytoma. */
export function liverPlasmacytomaReport(
  id: string,
  studies: string[],
  options: { status?: fhir4.DiagnosticReport['status']; subject?: string } = {},
): fhir4.DiagnosticReport {
  return {
    resourceType: 'DiagnosticReport',
    id,
    status: options.status ?? 'final',
    category: [{ coding: [RAD] }],
    subject: { reference: options.subject ?? `Patient/${PATIENT_ID}` },
    code: { text: 'PET/CT report' },
    effectiveDateTime: daysFrom(NOW, -20),
    imagingStudy: studies.map((reference) => ({ reference })),
    conclusionCode: [{ coding: [icd('C90.20')] }, { coding: [SITE.liver] }],
  };
}

/** A liver plasmacytoma (pc1, onset 15 days before NOW) citing `references` as its evidence. */
export function liverPlasmacytomaCiting(...references: string[]): fhir4.Condition {
  return condition('pc1', {
    code: [icd('C90.20')],
    sites: [SITE.liver],
    onset: daysFrom(NOW, -15),
    extra: { evidence: [{ detail: references.map((reference) => ({ reference })) }] },
  });
}

export function patient(id: string): fhir4.Patient {
  return { resourceType: 'Patient', id };
}

/** The record of PATIENT_ID built from loose resources, as a FHIR read would give them. */
export function recordOf(
  resources: readonly fhir4.Resource[],
  dataGaps: ReadonlySet<DataGap> = new Set(),
): PatientRecord {
  return buildPatientRecord(
    PATIENT_ID,
    resources.map((resource) => ({ resource })),
    dataGaps,
  );
}

/** An ISO date-time `days` after (or before, if negative) `iso`. */
export function daysFrom(iso: string | Date, days: number): string {
  const start = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  return new Date(start + days * DAY_MS).toISOString();
}
