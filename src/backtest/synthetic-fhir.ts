/**
 * The FHIR pieces the synthetic patient is built from: code systems, dates counted back from
 * "now", and the Condition builder (src/backtest/synthetic-patient.ts). Fictional data only.
 */
import { DAY_MS } from '../rules/time.js';

export const ICD10 = 'http://hl7.org/fhir/sid/icd-10-cm';
export const SNOMED = 'http://snomed.info/sct';
export const LOINC = 'http://loinc.org';
export const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';

/** ICD-10-CM's code for every synthetic plasmacytoma, whatever its site. */
const PLASMACYTOMA = {
  system: ICD10,
  code: 'C90.20',
  display: 'Extramedullary plasmacytoma not having achieved remission',
} as const;

interface Coded {
  code: string;
  display: string;
}

export function concept(system: string, code: string, display: string, text?: string) {
  return { coding: [{ system, code, display }], ...(text ? { text } : {}) };
}

/** The date `daysAgo` days before `now` (YYYY-MM-DD). */
export function day(now: Date, daysAgo: number): string {
  return new Date(now.getTime() - daysAgo * DAY_MS).toISOString().slice(0, 10);
}

/** A morning instant `daysAgo` days before `now`, as imaging is dated. */
export function instant(now: Date, daysAgo: number): string {
  return `${day(now, daysAgo)}T08:40:00Z`;
}

export function condition(
  patientId: string,
  id: string,
  fields: {
    code: { system: string } & Coded;
    text?: string;
    clinical?: string;
    onset: string;
    abatement?: string;
    bodySite?: Coded;
    evidence?: string;
  },
): fhir4.Condition {
  return {
    resourceType: 'Condition',
    id,
    clinicalStatus: concept(CLINICAL, fields.clinical ?? 'active', fields.clinical ?? 'active'),
    verificationStatus: concept(VERIFICATION, 'confirmed', 'Confirmed'),
    category: [concept(CATEGORY, 'problem-list-item', 'Problem List Item')],
    code: concept(fields.code.system, fields.code.code, fields.code.display, fields.text),
    ...(fields.bodySite
      ? {
          bodySite: [
            concept(SNOMED, fields.bodySite.code, fields.bodySite.display, fields.bodySite.display),
          ],
        }
      : {}),
    subject: { reference: `Patient/${patientId}` },
    onsetDateTime: fields.onset,
    recordedDate: fields.onset,
    ...(fields.abatement ? { abatementDateTime: fields.abatement } : {}),
    ...(fields.evidence ? { evidence: [{ detail: [{ reference: fields.evidence }] }] } : {}),
  };
}

/**
 * A plasmacytoma Condition at a SNOMED body site, citing the imaging that found it
 * (`evidence`, a reference); active unless it has an abatement date, then resolved.
 */
export function plasmacytoma(
  patientId: string,
  id: string,
  fields: { text: string; site: Coded; onset: string; abatement?: string; evidence: string },
): fhir4.Condition {
  return condition(patientId, id, {
    code: PLASMACYTOMA,
    text: fields.text,
    ...(fields.abatement ? { clinical: 'resolved', abatement: fields.abatement } : {}),
    onset: fields.onset,
    bodySite: fields.site,
    evidence: fields.evidence,
  });
}
