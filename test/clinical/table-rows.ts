/**
 * The decision table's row format (test/clinical/decision-table.yaml), parsed with zod so a
 * typo in the table fails loudly instead of silently testing nothing. The format is written
 * for a clinician: codes as "system code" (aliases below), sites by name, statuses as they
 * appear in exports, dates relative to the row's "now".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';

export const RULE_IDS = [
  'emd-leptomeningeal',
  'emd-cns',
  'emd-soft-tissue',
  'emd-paraskeletal',
  'emd-unclassified',
  'emd-imaging-review',
  'emd-cns-imaging-review',
  'emd-reported-not-listed',
  'emd-imaging-order',
] as const;
export type RuleId = (typeof RULE_IDS)[number];
const ruleId = z.enum(RULE_IDS);
const indicator = z.enum(['info', 'warning', 'critical']);

/** "-30d", "-2y", "+0d": days, weeks, months (30 d) or years (365 d) from the row's now. */
export const relativeDate = z.string().regex(/^[+-]\d+[dwmy]$/, 'a relative date like "-30d"');

/**
 * `{written: …}`: a date element exactly as a hospital gateway wrote it, FHIR's spelling or not
 * ("2026-10-20 08:00:00", "2026/10/20", "", or null for JSON null): H102.
 */
function writtenDate() {
  return z.strictObject({ written: z.string().max(40).nullable() });
}

/**
 * An imaging date: a relative date (written as an instant), or `{month: -180d}` / `{year: -180d}`,
 * the month or year that day falls in, written as FHIR's partial date ("2026-05", "2026"), or
 * `{at: "2016-12-31T23:59:60Z"}`, an instant written as given (a leap second, say; the row then
 * sets its own `now`), or `{written: …}`, as a gateway wrote it (H102).
 */
const imagingDate = z.union([
  relativeDate,
  z.strictObject({ month: relativeDate }),
  z.strictObject({ year: relativeDate }),
  z.strictObject({
    at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/),
  }),
  writtenDate(),
]);
export type ImagingDateSpec = z.infer<typeof imagingDate>;

/**
 * A status element as exported: "active" (the R4 system), `{stu3: refuted}` (the STU3 URI),
 * `{text: resolved}` (text only), `{local: RES}` (a hospital code system), or several at once;
 * or `{string: resolved}`: the bare string FHIR STU3 wrote, in place of the CodeableConcept (H113).
 */
const status = z.union([
  z.string(),
  z.strictObject({ string: z.string() }),
  z.strictObject({
    r4: z.string().optional(),
    stu3: z.string().optional(),
    local: z.string().optional(),
    text: z.string().optional(),
  }),
]);
export type StatusSpec = z.infer<typeof status>;

/**
 * A body site: a name from the rules page §5 table, "system code", several codings of one
 * site in export order (`[local LIV, liver]`), or `{text: ...}` only.
 */
const site = z.union([
  z.string(),
  z.array(z.string()).min(1),
  z.strictObject({ text: z.string() }),
  /**
   * A site given only by FHIR R4's core extension bodySite
   * (http://hl7.org/fhir/StructureDefinition/bodySite): a reference to a BodyStructure the
   * Condition contains, whose `location` is the named site; null: the reference names no
   * BodyStructure the Condition contains. `on`: on the Condition (the default) or on a bodySite
   * element that holds nothing else.
   */
  z.strictObject({
    bodyStructure: z.string().nullable(),
    on: z.enum(['condition', 'site']).optional(),
  }),
]);
export type SiteSpec = z.infer<typeof site>;

const condition = z.strictObject({
  /** `_` too: an id outside FHIR's pattern, as gateways write them (H103) */
  id: z.string().regex(/^[a-z0-9_-]+$/),
  /** "icd10 C90.00" or several codings; absent means text only. */
  code: z.union([z.string(), z.array(z.string())]).optional(),
  /**
   * ICD-10-GM's Diagnosesicherheit (H130): the extension
   * http://fhir.de/StructureDefinition/icd-10-gm-diagnosesicherheit, its valueCoding this code of
   * the KBV's code system (A, G, V, Z; any other as sent), on each icd10gm coding of the code, or
   * on its first coding when it has none
   */
  diagnosesicherheit: z.string().optional(),
  /** code.text; null: JSON null, as gateways write an element they have no value for (H102) */
  text: z.string().nullable().optional(),
  /**
   * the words of FHIR's core originalText extension on the code
   * (http://hl7.org/fhir/StructureDefinition/originalText, valueString), as some exporters
   * write a diagnosis's words in place of code.text (H143)
   */
  originalText: z.string().optional(),
  /**
   * the display of each of the code's codings, as written; null: JSON null (H102); a list: one
   * display per coding, in order (a Condition coded as two diagnoses, H135)
   */
  display: z.union([z.string().nullable(), z.array(z.string())]).optional(),
  sites: z.array(site).optional(),
  clinical: status.optional(),
  verification: status.optional(),
  /** onsetDateTime: relative to now, or `{written: …}` as a gateway wrote it (H102) */
  onset: z.union([relativeDate, writtenDate()]).optional(),
  /** recordedDate: the same */
  recorded: z.union([relativeDate, writtenDate()]).optional(),
  /**
   * a date, `{month: …}` (the month that day is in, as FHIR's partial date "2026-11"),
   * `{exactly: …}` (abatementDateTime written as given: the "no date" placeholders exports
   * write, such as 0001-01-01T00:00:00), `{string: …}` (abatementString),
   * `{boolean: true}` (STU3's abatementBoolean), or `{period: {start, end}}` (abatementPeriod,
   * each date written as given, null included: H119)
   */
  abatement: z
    .union([
      relativeDate,
      z.strictObject({ month: relativeDate }),
      z.strictObject({ exactly: z.string() }),
      z.strictObject({ string: z.string() }),
      z.strictObject({ boolean: z.boolean() }),
      z.strictObject({
        period: z.strictObject({
          start: z.string().nullable().optional(),
          end: z.string().nullable().optional(),
        }),
      }),
    ])
    .optional(),
  category: z.enum(['problem-list-item', 'encounter-diagnosis']).optional(),
  /**
   * the Condition's meta carries v3-ObservationValue REDACTED in `meta.tag` or `meta.security`
   * (information removed by the sender's policy, H141)
   */
  redacted: z.enum(['tag', 'security']).optional(),
  /**
   * JSON null where a gateway writes every element of its object model (H111), each at its
   * place: `code.coding.system` (a second coding, HIS-1, whose system is null),
   * `code.coding.code` (a second coding whose code is null), `bodySite.coding.system` (a second
   * coding of the first site, HIS-0042, whose system is null), `verificationStatus.coding.system`
   * and `clinicalStatus.coding` (of the row's status), `bodySite` and `bodySite.coding` (a
   * second site, text "leptomeninges", whose coding is null), `evidence.detail` and
   * `evidence.detail.reference` (an evidence entry, display "MRI"); and null as an item of a
   * list: `bodySite.item` (after the row's sites, so `[null]` for a row with none),
   * `bodySite.coding.item` (after the first site's codings), `code.coding.item` (after the
   * code's codings), `verificationStatus.coding.item` (before the status's coding),
   * `evidence.item` (an evidence list of null) and `evidence.detail.item` (an evidence entry
   * whose detail is `[null]`)
   */
  nulls: z
    .array(
      z.enum([
        'code.coding.system',
        'code.coding.code',
        'bodySite.coding.system',
        'verificationStatus.coding.system',
        'clinicalStatus.coding',
        'bodySite',
        'bodySite.coding',
        'evidence.detail',
        'evidence.detail.reference',
        'bodySite.item',
        'bodySite.coding.item',
        'code.coding.item',
        'verificationStatus.coding.item',
        'evidence.item',
        'evidence.detail.item',
      ]),
    )
    .optional(),
  /**
   * Elements in the JSON forms exporters write (H134): `code.coding.code-number` and
   * `bodySite.coding.code-number` (each coding's code, all digits, written as a JSON number, as
   * a column typed as numbers exports a SNOMED CT id); `code.coding.lone`, `bodySite.lone`,
   * `bodySite.coding.lone` and `verificationStatus.coding.lone` (the list's first item written
   * as one object where FHIR JSON writes a list, as XML-to-JSON converters write an element that
   * repeats once)
   */
  exported: z
    .array(
      z.enum([
        'code.coding.code-number',
        'bodySite.coding.code-number',
        'code.coding.lone',
        'bodySite.lone',
        'bodySite.coding.lone',
        'verificationStatus.coding.lone',
      ]),
    )
    .optional(),
  /** evidence.detail: "study:<id>" or "report:<id>" */
  evidence: z.array(z.string().regex(/^(study|report):[a-z0-9-]+$/)).optional(),
  /**
   * how the evidence names the studies it cites: by reference (the default), or `identifier`
   * only, their DICOM Study Instance UID (Reference.identifier), as HL7 v2 converters write it
   */
  evidenceBy: z.enum(['reference', 'identifier']).optional(),
  /**
   * "other": the Condition belongs to another patient in the same Bundle; "none": it has no
   * `subject` (an old export's entry); "dstu2": DSTU2's `patient` in place of `subject`.
   * A subject by `identifier` alone (a medical record number, as HL7 v2 and HIE converters
   * write it): "identifier", the patient's own; "identifier-other", the other patient's (whose
   * Patient is then in the Bundle); "identifier-unknown", one no Patient holds;
   * "identifier-no-system", the patient's own value with no system.
   */
  patient: z
    .enum([
      'other',
      'none',
      'dstu2',
      'identifier',
      'identifier-other',
      'identifier-unknown',
      'identifier-no-system',
    ])
    .optional(),
});
export type ConditionSpec = z.infer<typeof condition>;

export const STUDY_KINDS = [
  'pet-ct',
  'pet-ct-code-only',
  'pet-modality-no-system',
  'pet-modality-dcm-slash',
  'pet-modality-dcm-oid',
  'pet-modality-backslash',
  'pet-modality-dstu2',
  'pet-modality-dcm-designator',
  'pet-modality-lower-case',
  'wb-ct',
  'wb-mri-with-spine',
  'mr-brain',
  'mr-brain-procedure-only',
  'mr-brain-code-only',
  'mr-spine',
  'ct-brain',
  'ct-abdomen',
] as const;
/**
 * A resource status: one of FHIR's codes, or `{ sent: "Entered-In-Error" }` for a status as an
 * export spells it otherwise (case, separators, the US "canceled"), sent exactly as written.
 */
function statusAsSent<const Codes extends readonly [string, ...string[]]>(codes: Codes) {
  return z
    .union([z.enum(codes), z.strictObject({ sent: z.string().min(1) })])
    .transform((status): string => (typeof status === 'string' ? status : status.sent));
}

/**
 * A study's or report's status with no value: `{ withoutValue: unknown }` sends no `status`,
 * only `_status` holding a data-absent-reason extension of that code, FHIR R4 JSON's form for
 * a primitive element with no value (H142)
 */
const withoutValue = z.strictObject({ withoutValue: z.string().min(1) });
export type StatusWithoutValue = z.infer<typeof withoutValue>;

const study = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  kind: z.enum(STUDY_KINDS),
  started: imagingDate,
  status: z
    .union([
      statusAsSent(['available', 'registered', 'cancelled', 'entered-in-error']),
      withoutValue,
    ])
    .optional(),
  patient: z.literal('other').optional(),
  /**
   * the study is not sent as a resource of its own but contained in the Condition (its id) or
   * the report ("report:<id>") `in`, as `#<as>` (FHIR R4 §2.3.0.6 "Contained resources");
   * only that resource cites it, by `#<as>`
   */
  contained: z
    .strictObject({
      in: z.string().regex(/^(report:)?[a-z0-9-]+$/),
      as: z.string().regex(/^[a-z0-9-]+$/),
    })
    .optional(),
});
export type StudySpec = z.infer<typeof study>;

const report = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** `rad-oid`: RAD under HL7 v2 table 0074's OID, as C-CDA and HL7 v2 converters write it */
  category: z.enum(['rad', 'rad-oid', 'loinc-radiology', 'lab', 'none']),
  /** the study it reports on, or several: `[pet1, ct1]` */
  study: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
  /**
   * how the report names its studies: by reference (the default), or `identifier` only, their
   * DICOM Study Instance UID (Reference.identifier), as HL7 v2 converters write it, with
   * `type: ImagingStudy`; `identifier-untyped`: the same without `type`
   */
  studyBy: z.enum(['reference', 'identifier', 'identifier-untyped']).optional(),
  effective: imagingDate,
  /** the report's status; final unless the row says (a preliminary report, say) */
  status: z
    .union([
      statusAsSent(['preliminary', 'final', 'amended', 'cancelled', 'entered-in-error']),
      withoutValue,
    ])
    .optional(),
  /** conclusionCode entries: "system code" or a site name. */
  conclusions: z.array(z.string()),
  /**
   * the report's `code` as a code alone ("loinc 44139-4"), no text or display, as HL7 v2
   * converters send OBR-4; without it the report's code is the text "Imaging report"
   */
  code: z.string().optional(),
});
export type ReportSpec = z.infer<typeof report>;

const hook = z.enum(['patient-view', 'imaging-review', 'order-select', 'order-sign']);

/**
 * Another order of the order session, beside the draft whole-body CT: its code ("sct
 * 443271005"), its status as the EHR sends it (FHIR R4 request-status), `patient: other`
 * for another patient's, and `doNotPerform` for an order not to perform it. In `draftOrders`, never selected (order-select selects the CT).
 */
const order = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  code: z.string(),
  status: statusAsSent(['draft', 'active', 'on-hold', 'revoked', 'completed', 'entered-in-error']),
  patient: z.literal('other').optional(),
  /** `doNotPerform: true`: an order not to perform the test (FHIR R4 ServiceRequest) */
  doNotPerform: z.boolean().optional(),
});
export type OrderSpec = z.infer<typeof order>;

const row = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    section: z.string().regex(/^§\d/),
    sketch: z.string().min(10),
    now: z.iso.datetime().optional(),
    hook,
    /**
     * the patient's id as the EHR gives it (a gateway's `ZY_…`, H110), in place of `dt-<row id>`;
     * every resource id of the row starts with it
     */
    patientId: z
      .string()
      .regex(/^[\w.~-]{1,48}$/)
      .optional(),
    /** imaging-review: the study under review */
    review: z.string().optional(),
    /** an example patient of fhir-resources/examples/ in place of a sketch */
    example: z.string().optional(),
    conditions: z.array(condition).default([]),
    studies: z.array(study).default([]),
    reports: z.array(report).default([]),
    /** order hooks: the session's other orders, beside the draft CT */
    orders: z.array(order).default([]),
    /** imaging studies and reports could not be obtained (prefetch keys absent, no server) */
    imagingUnavailable: z.boolean().optional(),
    cards: z.union([z.literal('none'), z.partialRecord(ruleId, indicator)]),
    phase: z.enum(['diagnosis', 'relapsed', 'unknown']).optional(),
    /**
     * rule → ids (Condition ids, "study:<id>", "report:<id>") its evidence holds, exactly: the
     * findings, the studies and reports they cite, the study under review (rules page §4)
     */
    evidence: z.partialRecord(ruleId, z.array(z.string())).optional(),
    /** rule → ids its evidence must not include (another patient's study, say) */
    evidenceLacks: z.partialRecord(ruleId, z.array(z.string())).optional(),
    /** rule → whether the card offers an imaging order (PET/CT or MRI) */
    suggestsImaging: z.partialRecord(ruleId, z.boolean()).optional(),
    /**
     * rule → the Conditions the card proposes, one list a suggestion, in order: the ids
     * ("report:<id>") each Condition's evidence.detail cites, exactly
     */
    proposesConditions: z.partialRecord(ruleId, z.array(z.array(z.string()))).optional(),
    /** rule → whether the card offers any suggestion at all (the CSF work-up is always offered) */
    offersSuggestions: z.partialRecord(ruleId, z.boolean()).optional(),
    /** rule → the reasons the card says it was lowered (`org.emd-cds.lowered`) */
    lowered: z
      .partialRecord(ruleId, z.array(z.enum(['finding-uncertain', 'myeloma-uncertain'])))
      .optional(),
    /** rule → words the card's detail must contain (a finding listed, never dropped) */
    detailMentions: z.partialRecord(ruleId, z.array(z.string())).optional(),
    /** rule → words the card's detail must contain exactly once (a duplicate listed once) */
    detailOnce: z.partialRecord(ruleId, z.array(z.string())).optional(),
    /** rule → words the card's detail must not contain (a source it must not name) */
    detailOmits: z.partialRecord(ruleId, z.array(z.string())).optional(),
    /** the paths the row can be played through, when not both; `why` says why */
    paths: z.array(z.enum(['prefetch', 'fhir-server'])).optional(),
    why: z.string().optional(),
  })
  .refine((r) => r.hook !== 'imaging-review' || r.review !== undefined || r.example, {
    message: 'an imaging-review row names the study under review',
  })
  .refine((r) => r.orders.length === 0 || r.hook.startsWith('order'), {
    message: 'only an order-select or order-sign row has other orders',
  })
  .refine((r) => r.paths === undefined || r.why !== undefined, {
    message: 'a row played on one path only says why',
  });
export type Row = z.infer<typeof row>;

const table = z.strictObject({ now: z.iso.datetime(), rows: z.array(row).min(1) });
export type DecisionTable = z.infer<typeof table>;

export function loadDecisionTable(
  file = join(PROJECT_ROOT, 'test', 'clinical', 'decision-table.yaml'),
): DecisionTable {
  return table.parse(parse(readFileSync(file, 'utf8')));
}
