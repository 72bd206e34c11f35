/**
 * The decision table's vocabulary: code system aliases, body sites by name, relative dates
 * and the ids a row's resources get. Codes and URIs are typed from the rules page §2 and §5
 * and the issue (#13), never taken from src/.
 */
import type { Row } from './table-rows.js';

/** Code system aliases used in the table. */
export const SYSTEMS: Readonly<Record<string, string>> = {
  icd10: 'http://hl7.org/fhir/sid/icd-10-cm',
  'icd10-oid': 'urn:oid:2.16.840.1.113883.6.90',
  sct: 'http://snomed.info/sct',
  'sct-oid': 'urn:oid:2.16.840.1.113883.6.96',
  icdo3: 'http://terminology.hl7.org/CodeSystem/icd-o-3',
  loinc: 'http://loinc.org',
  local: 'http://hospital.example.org/fhir/CodeSystem/local-diagnoses',
  // Neither is in the rules page's list (§2, §5): WHO ICD-10 by its FHIR URI, and China's
  // national clinical edition under the OID of the national ICD-10 code table.
  'icd10-who': 'http://hl7.org/fhir/sid/icd-10',
  'icd10-cn': 'urn:oid:2.16.156.10011.2.3.3.11',
  // ICD-10-GM, Germany's edition, as Basisprofil DE names it (H130): in no shipped value set.
  icd10gm: 'http://fhir.de/CodeSystem/bfarm/icd-10-gm',
  // H93: spellings of §5's URIs and §2's OIDs that feeds send, each an unmistakable one (the
  // lead's decision: read as the system) or a look-alike that is not (read as nothing).
  'icd10-slash': 'http://hl7.org/fhir/sid/icd-10-cm/',
  'icd10-https': 'https://hl7.org/fhir/sid/icd-10-cm',
  'icd10-caps-host': 'HTTP://HL7.ORG/fhir/sid/icd-10-cm',
  'icd10-bare-oid': '2.16.840.1.113883.6.90',
  'icd10-version': 'http://hl7.org/fhir/sid/icd-10-cm|2024',
  'icd10-caps-path': 'http://hl7.org/fhir/sid/ICD-10-CM',
  'sct-slash': 'http://snomed.info/sct/',
  'sct-https': 'https://snomed.info/sct',
  'sct-us-edition': 'http://snomed.info/sct/731000124108',
  'sct-edition-version': 'http://snomed.info/sct/900000000000207008/version/20250731',
  'sct-bare-oid': '2.16.840.1.113883.6.96',
  sctx: 'http://snomed.info/sctx',
};

/** Body sites by name, SNOMED CT codes of the rules page §5 (and two sites outside it). */
export const SITES: Readonly<Record<string, string>> = {
  skin: '39937001',
  'soft-tissue': '87784001',
  liver: '10200004',
  kidney: '64033007',
  'lymph-node': '59441001',
  breast: '76752008',
  pleura: '3120008',
  pericardium: '76848001',
  'pericardial-cavity': '25489000',
  brain: '12738006',
  'spinal-cord': '2748008',
  cns: '21483005',
  dura: '18545000',
  meninges: '1231004',
  subarachnoid: '35951006',
  csf: '65216001',
  bone: '272673000',
  'bone-marrow': '14016003',
  spine: '421060004',
  'cervical-spine': '122494005',
  'thoracic-spine': '122495006',
  'lumbar-spine': '122496007',
  'whole-body': '38266002',
  // Named by the review but without checked codes in §5: stay unclassified (§3.3).
  'skeletal-muscle': '71616004',
  lung: '39607008',
  // In no value set of §5 and not named by the review: sites an imaging report names (H115).
  spleen: '78961009',
  'left-kidney': '18639004',
};

export const STATUS_SYSTEMS = {
  clinical: {
    r4: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
    stu3: 'http://hl7.org/fhir/condition-clinical',
  },
  verification: {
    r4: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
    stu3: 'http://hl7.org/fhir/condition-ver-status',
  },
  local: 'http://hospital.example.org/fhir/CodeSystem/local-condition-status',
} as const;

const DAYS = { d: 1, w: 7, m: 30, y: 365 } as const;

export function dateFrom(now: Date, relative: string): string {
  const match = /^([+-]\d+)([dwmy])$/.exec(relative);
  if (!match?.[1] || !match[2]) throw new Error(`not a relative date: ${relative}`);
  const days = Number(match[1]) * DAYS[match[2] as keyof typeof DAYS];
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** "icd10 C90.00" → a Coding; a bare site name → its SNOMED CT Coding. */
export function coding(spec: string): fhir4.Coding {
  const [alias, code, ...rest] = spec.split(' ');
  if (code === undefined) {
    const site = SITES[spec];
    if (!site) throw new Error(`unknown site name: ${spec}`);
    return { system: SYSTEMS.sct, code: site, display: spec.replaceAll('-', ' ') };
  }
  const system = alias ? SYSTEMS[alias] : undefined;
  if (!system || rest.length > 0) throw new Error(`not "system code": ${spec}`);
  return { system, code };
}

export interface RowIds {
  patientId: string;
  otherPatientId: string;
  /** A row-local id ("mm", "study:mr1", "report:r1") → the stored reference. */
  reference: (local: string) => string;
}

export function rowIds(row: Row): RowIds {
  const patientId = row.patientId ?? `dt-${row.id}`.slice(0, 56);
  const id = (local: string) => `${patientId}-${local}`.slice(0, 64);
  return {
    patientId,
    otherPatientId: `${patientId}-other`,
    reference: (local) => {
      const [kind, name] = local.includes(':') ? local.split(':') : ['condition', local];
      const type = { condition: 'Condition', study: 'ImagingStudy', report: 'DiagnosticReport' }[
        kind as 'condition' | 'study' | 'report'
      ];
      return `${type}/${id(name ?? '')}`;
    },
  };
}
