/**
 * A decision-table row's patient sketch → FHIR R4 resources, as an EHR stores them
 * (`Patient/<id>` references). Codes and URIs are typed from the rules page §2 and §5 and
 * the issue (#13), never taken from src/: this is the table's own reading of the spec.
 */
import { coding, dateFrom, rowIds, STATUS_SYSTEMS, SYSTEMS, type RowIds } from './row-codes.js';
import { withContainedStudies } from './row-contained.js';
import { diagnosticReport, imagingStudy, studyUid } from './row-imaging.js';
import type {
  ConditionSpec,
  ReportSpec,
  Row,
  SiteSpec,
  StatusSpec,
  StudySpec,
} from './table-rows.js';

function siteConcept(spec: Exclude<SiteSpec, { bodyStructure: unknown }>): fhir4.CodeableConcept {
  if (typeof spec === 'string') return { coding: [coding(spec)] };
  return Array.isArray(spec) ? { coding: spec.map(coding) } : { text: spec.text };
}

/** FHIR R4's core extension for a site recorded as a BodyStructure (R4 extension registry). */
const BODY_SITE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/bodySite';

/**
 * The Condition's sites: `bodySite`, and for a site given by the bodySite extension, the
 * extension (on the Condition, or on a bodySite element) and its contained BodyStructure.
 */
function conditionSites(
  specs: readonly SiteSpec[] | undefined,
  ids: RowIds,
): Pick<fhir4.Condition, 'bodySite' | 'extension' | 'contained'> {
  if (!specs) return {};
  const bodySite: fhir4.CodeableConcept[] = [];
  const extension: fhir4.Extension[] = [];
  const contained: fhir4.BodyStructure[] = [];
  for (const spec of specs) {
    if (typeof spec !== 'object' || !('bodyStructure' in spec)) {
      bodySite.push(siteConcept(spec));
      continue;
    }
    const id = `bs${String(contained.length + 1)}`;
    const site = { url: BODY_SITE_EXTENSION, valueReference: { reference: `#${id}` } };
    if (spec.on === 'site') bodySite.push({ extension: [site] });
    else extension.push(site);
    if (spec.bodyStructure !== null)
      contained.push({
        resourceType: 'BodyStructure',
        id,
        location: { coding: [coding(spec.bodyStructure)] },
        patient: { reference: `Patient/${ids.patientId}` },
      });
  }
  return {
    ...(bodySite.length > 0 ? { bodySite } : {}),
    ...(extension.length > 0 ? { extension } : {}),
    ...(contained.length > 0 ? { contained } : {}),
  };
}

function statusConcept(kind: 'clinical' | 'verification', spec: StatusSpec): fhir4.CodeableConcept {
  // STU3's bare string (H113), not in fhir4's type, as old exports write it.
  if (typeof spec === 'object' && 'string' in spec)
    return spec.string as unknown as fhir4.CodeableConcept;
  const given = typeof spec === 'string' ? { r4: spec } : spec;
  const codings: fhir4.Coding[] = [];
  if (given.r4) codings.push({ system: STATUS_SYSTEMS[kind].r4, code: given.r4 });
  if (given.stu3) codings.push({ system: STATUS_SYSTEMS[kind].stu3, code: given.stu3 });
  if (given.local) codings.push({ system: STATUS_SYSTEMS.local, code: given.local });
  return {
    ...(codings.length > 0 ? { coding: codings } : {}),
    ...(given.text ? { text: given.text } : {}),
  };
}

/**
 * Whose the Condition says it is: `subject`, or none at all, or DSTU2's `patient` element
 * (which FHIR R4 replaced with `subject`). Typed as R4's 1..1 subject, which exports break.
 */
function whoseCondition(spec: ConditionSpec, ids: RowIds): Pick<fhir4.Condition, 'subject'> {
  const own = { reference: `Patient/${ids.patientId}` };
  if (spec.patient === 'none') return {} as Pick<fhir4.Condition, 'subject'>;
  const byIdentifier = (identifier: fhir4.Identifier) => ({
    subject: { type: 'Patient', identifier },
  });
  if (spec.patient === 'identifier') return byIdentifier(medicalRecordNumber(ids.patientId));
  if (spec.patient === 'identifier-other')
    return byIdentifier(medicalRecordNumber(ids.otherPatientId));
  if (spec.patient === 'identifier-unknown')
    return byIdentifier(medicalRecordNumber(`${ids.patientId}-unknown`));
  if (spec.patient === 'identifier-no-system')
    return byIdentifier({ value: medicalRecordNumber(ids.patientId).value });
  if (spec.patient === 'dstu2')
    return { patient: own } as unknown as Pick<fhir4.Condition, 'subject'>;
  return spec.patient === 'other'
    ? { subject: { reference: `Patient/${ids.otherPatientId}` } }
    : { subject: own };
}

/** A date element: relative to now, or as written (H102: any text, "", or JSON null). */
function writtenOrRelative(now: Date, spec: ConditionSpec['onset']): string | null | undefined {
  if (spec === undefined) return undefined;
  return typeof spec === 'string' ? dateFrom(now, spec) : spec.written;
}

/**
 * ICD-10-GM's Diagnosesicherheit as Basisprofil DE defines it (H130): an extension on the
 * code's coding, its value from the KBV's code system; on each ICD-10-GM coding, else the first.
 */
function withDiagnosesicherheit(codings: fhir4.Coding[], code: string | undefined) {
  if (code === undefined) return codings;
  const extension: fhir4.Extension = {
    url: 'http://fhir.de/StructureDefinition/icd-10-gm-diagnosesicherheit',
    valueCoding: {
      system: 'https://fhir.kbv.de/CodeSystem/KBV_CS_SFHIR_ICD_DIAGNOSESICHERHEIT',
      code,
    },
  };
  const gm = codings.some((c) => c.system === SYSTEMS.icd10gm);
  return codings.map((c, index) =>
    (gm ? c.system === SYSTEMS.icd10gm : index === 0) ? { ...c, extension: [extension] } : c,
  );
}

function condition(spec: ConditionSpec, ids: RowIds, now: Date): fhir4.Condition {
  const codings = withDiagnosesicherheit(
    (typeof spec.code === 'string' ? [spec.code] : (spec.code ?? []))
      .map(coding)
      // JSON null where the row says so: not in fhir4.Coding's type, as exports write it.
      .map((c, index) => {
        const display = Array.isArray(spec.display) ? spec.display[index] : spec.display;
        return display === undefined ? c : ({ ...c, display } as fhir4.Coding);
      }),
    spec.diagnosesicherheit,
  );
  const onset = writtenOrRelative(now, spec.onset);
  const recorded = writtenOrRelative(now, spec.recorded);
  const abatement = spec.abatement;
  return {
    resourceType: 'Condition',
    id: ids.reference(spec.id).split('/')[1] ?? '',
    ...(spec.redacted
      ? {
          meta: {
            [spec.redacted]: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
                code: 'REDACTED',
              },
            ],
          },
        }
      : {}),
    ...(spec.clinical ? { clinicalStatus: statusConcept('clinical', spec.clinical) } : {}),
    ...(spec.verification
      ? { verificationStatus: statusConcept('verification', spec.verification) }
      : {}),
    ...(spec.category
      ? {
          category: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/condition-category',
                  code: spec.category,
                },
              ],
            },
          ],
        }
      : {}),
    code: {
      ...(codings.length > 0 ? { coding: codings } : {}),
      ...(spec.text || spec.text === null ? { text: spec.text as string } : {}),
      ...(spec.originalText === undefined
        ? {}
        : {
            extension: [
              {
                url: 'http://hl7.org/fhir/StructureDefinition/originalText',
                valueString: spec.originalText,
              },
            ],
          }),
    },
    ...conditionSites(spec.sites, ids),
    ...whoseCondition(spec, ids),
    ...(onset !== undefined ? { onsetDateTime: onset as string } : {}),
    ...(typeof abatement === 'string' ? { abatementDateTime: dateFrom(now, abatement) } : {}),
    ...(typeof abatement === 'object' && 'month' in abatement
      ? { abatementDateTime: dateFrom(now, abatement.month).slice(0, 7) }
      : {}),
    ...(typeof abatement === 'object' && 'exactly' in abatement
      ? { abatementDateTime: abatement.exactly }
      : {}),
    ...(typeof abatement === 'object' && 'string' in abatement
      ? { abatementString: abatement.string }
      : {}),
    // STU3's element, as old exports still carry it (not in fhir4.Condition's type).
    ...(typeof abatement === 'object' && 'boolean' in abatement
      ? { abatementBoolean: abatement.boolean }
      : {}),
    // Written as given, JSON null included (not in fhir4.Period's type), as gateways write it.
    ...(typeof abatement === 'object' && 'period' in abatement
      ? { abatementPeriod: abatement.period as fhir4.Period }
      : {}),
    ...(recorded !== undefined ? { recordedDate: recorded as string } : {}),
    ...(spec.evidence
      ? {
          evidence: [
            {
              detail: spec.evidence.map((e) =>
                spec.evidenceBy === 'identifier' && e.startsWith('study:')
                  ? { type: 'ImagingStudy', identifier: studyUid(ids, e.slice('study:'.length)) }
                  : { reference: ids.reference(e) },
              ),
            },
          ],
        }
      : {}),
  };
}

type Json = Record<string, unknown>;
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

/** A code of digits as the JSON number an exporter writes (H134); any other code as it is. */
function codeAsNumber(coding: Json): Json {
  const code = coding['code'];
  return typeof code === 'string' && /^\d+$/.test(code)
    ? { ...coding, code: Number(code) }
    : coding;
}

/** A list's first item alone, as XML-to-JSON converters write an element that repeats once. */
const lone = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

const EXPORTED_ORDER = [
  'code.coding.code-number',
  'bodySite.coding.code-number',
  'code.coding.lone',
  'bodySite.coding.lone',
  'verificationStatus.coding.lone',
  'bodySite.lone',
] as const;

/** Each place the row names in the JSON form exporters write (H134), on a copy. */
function asExported(resource: fhir4.Condition, places: ConditionSpec['exported']): fhir4.Condition {
  const c = structuredClone(resource) as unknown as Json;
  const code = (c['code'] ?? {}) as Json;
  // In this order: the codes and codings are reached through lists, which the last makes lone.
  const inOrder = EXPORTED_ORDER.filter((place) => places?.includes(place));
  for (const place of inOrder)
    switch (place) {
      case 'code.coding.code-number':
        code['coding'] = list(code['coding']).map(codeAsNumber);
        break;
      case 'bodySite.coding.code-number':
        c['bodySite'] = list(c['bodySite']).map((site) => ({
          ...site,
          coding: list(site['coding']).map(codeAsNumber),
        }));
        break;
      case 'code.coding.lone':
        code['coding'] = lone(code['coding']);
        break;
      case 'bodySite.coding.lone':
        c['bodySite'] = list(c['bodySite']).map((site) => ({
          ...site,
          coding: lone(site['coding']),
        }));
        break;
      case 'verificationStatus.coding.lone': {
        const concept = (c['verificationStatus'] ?? {}) as Json;
        concept['coding'] = lone(concept['coding']);
        break;
      }
      case 'bodySite.lone':
        c['bodySite'] = lone(c['bodySite']);
        break;
    }
  return c as unknown as fhir4.Condition;
}

/** JSON null at each place the row names (H111), as a gateway writes an element it lacks. */
function withNulls(resource: fhir4.Condition, nulls: ConditionSpec['nulls']): fhir4.Condition {
  const c = structuredClone(resource) as unknown as Json;
  const code = (c['code'] ?? {}) as Json;
  const sites = list(c['bodySite']);
  for (const place of nulls ?? [])
    switch (place) {
      case 'code.coding.system':
        code['coding'] = [...list(code['coding']), { system: null, code: 'HIS-1' }];
        break;
      case 'code.coding.code':
        code['coding'] = [...list(code['coding']), { system: 'urn:oid:1.2.156.1', code: null }];
        break;
      case 'bodySite.coding.system': {
        const [first] = sites;
        if (first) first['coding'] = [...list(first['coding']), { system: null, code: 'HIS-0042' }];
        break;
      }
      case 'verificationStatus.coding.system': {
        const concept = (c['verificationStatus'] ?? {}) as Json;
        for (const one of list(concept['coding'])) one['system'] = null;
        break;
      }
      case 'clinicalStatus.coding':
        c['clinicalStatus'] = { ...((c['clinicalStatus'] ?? {}) as Json), coding: null };
        break;
      case 'bodySite':
        c['bodySite'] = null;
        break;
      case 'bodySite.coding':
        c['bodySite'] = [...sites, { coding: null, text: 'leptomeninges' }];
        break;
      case 'evidence.detail':
        c['evidence'] = [...list(c['evidence']), { detail: null }];
        break;
      case 'evidence.detail.reference':
        c['evidence'] = [...list(c['evidence']), { detail: [{ reference: null, display: 'MRI' }] }];
        break;
      // Null as an item of a list (H111), where a gateway writes an empty slot of its model.
      case 'bodySite.item':
        c['bodySite'] = [...sites, null];
        break;
      case 'bodySite.coding.item': {
        const [first] = sites;
        if (first) first['coding'] = [...list(first['coding']), null];
        break;
      }
      case 'code.coding.item':
        code['coding'] = [...list(code['coding']), null];
        break;
      case 'verificationStatus.coding.item': {
        const concept = (c['verificationStatus'] ?? {}) as Json;
        concept['coding'] = [null, ...list(concept['coding'])];
        break;
      }
      case 'evidence.item':
        c['evidence'] = [...list(c['evidence']), null];
        break;
      case 'evidence.detail.item':
        c['evidence'] = [...list(c['evidence']), { detail: [null] }];
        break;
    }
  return c as unknown as fhir4.Condition;
}

/** The hospital's medical record number of a row's patient: each Patient carries one. */
function medicalRecordNumber(patientId: string): fhir4.Identifier {
  return { system: 'http://hospital.example.org/mrn', value: `MRN-${patientId}` };
}

/** Every resource of the row: the patient, possibly a second patient, and their data. */
export function rowResources(row: Row, now: Date): fhir4.Resource[] {
  const ids = rowIds(row);
  const patient = (id: string): fhir4.Patient => ({
    resourceType: 'Patient',
    id,
    identifier: [medicalRecordNumber(id)],
    name: [{ family: 'Decision-table', given: [row.id] }],
  });
  const others = [...row.conditions, ...row.studies].some(
    (r) => r.patient === 'other' || r.patient === 'identifier-other',
  );
  return withContainedStudies(
    [
      patient(ids.patientId),
      ...(others ? [patient(ids.otherPatientId)] : []),
      ...row.conditions.map((c) =>
        asExported(withNulls(condition(c, ids, now), c.nulls), c.exported),
      ),
      ...row.studies.map((s: StudySpec) => imagingStudy(s, ids, now)),
      ...row.reports.map((r: ReportSpec) => diagnosticReport(r, ids, now)),
    ],
    row,
    ids,
  );
}
