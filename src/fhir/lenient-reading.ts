/**
 * The lenient reading of a resource the shapes refuse (./resource-schemas.ts), for elements
 * that only date or name it (H102, H103): hospital gateways send a JSON null or "" for an
 * element they have no value for, a date in an everyday spelling ("2026-10-20 08:00:00"), an id
 * with `_`. One such element made the whole Condition search missing: 412, no card at all
 * (H37 leaves out only a Condition no rule reads). Here such an element is read instead:
 * - a null or "" as absent (H69 read an abatement's null so);
 * - a date in an everyday spelling as the FHIR date it spells (./date-spellings.ts); any other
 *   date that cannot be read is taken out and marked (../rules/lenient-readings.ts), so the
 *   rules read it as undatable (H53) and never let another date stand in for it;
 * - an id outside FHIR's pattern, within ../rules/fhir-reference.ts's bounds, as written.
 * What decides a card is read only where the reading cannot raise what the record does not say:
 * - a JSON null anywhere the shapes check a code, site, status, subject or reference (a system,
 *   a code, a coding list, bodySite, evidence.detail …) as absent, and a null item of such a
 *   list left out of it (H111): exactly the element left out, so nothing the absent element
 *   would not raise. A wrong type stays refused;
 * - abatementDateTime and abatementPeriod's dates in an everyday spelling as their date, and any
 *   other text as an abatement of unknown date (H112, H119: rules page §2, it has an abatement,
 *   so history), in ./lenient-abatement.ts, which says what is read of a null or "";
 * - an STU3 string status as the R4 code it spells, or else as status text (H113);
 * - a code written as a JSON number as its digits, when the parse kept them exactly, and one
 *   object where a list belongs as the list of that one item (H134: exporters and XML-to-JSON
 *   converters write so); both are the record's own value, in another JSON form;
 * - a study's or report's `status` sent only as `_status` (FHIR JSON's form for a primitive
 *   with no value, holding a data-absent-reason) as `unknown` (H142): the code FHIR gives a
 *   status the sender does not know, read as such a status already is.
 * Anything else wrong with those stays refused, and the caller's 412 names it.
 *
 * Only the resource refused by the shapes gets here (never well-formed data: issue #15), and it
 * is copied only along the paths it changes; the original is never touched. Each list is walked
 * once, so the cost is linear in the resource, as the shapes' own check.
 */
import type { StatusElement } from '../rules/condition-status.js';
import { isReadableId } from '../rules/fhir-reference.js';
import type { LenientReading } from '../rules/lenient-readings.js';
import { statusCodeSpelled } from '../rules/status-string.js';
import { readAbatementDateTime, readAbatementPeriod } from './lenient-abatement.js';
import {
  Changes,
  coding,
  concept,
  concepts,
  isRecord,
  readDate,
  readList,
  readName,
  readObject,
  readPart,
  readPeriod,
  reference,
  Readings,
  type Fields,
} from './lenient-elements.js';
import { isFhirId } from './resource-fast-check.js';

/**
 * The id: null or "" as absent; outside FHIR's pattern but readable (H103) as written. Returns
 * whether it is kept so, for the shapes' check, which refuses it.
 */
function readId(object: Fields, changes: Changes, r: Readings): boolean {
  const { id } = object;
  if (id === null || id === '') {
    changes.put('id', undefined);
    r.add('id', id === null ? 'null' : 'empty');
    return false;
  }
  if (!isKeptAsWritten(id)) return false;
  r.add('id', 'id');
  return true;
}

/** An id outside FHIR's pattern that ../rules/fhir-reference.ts reads all the same (H103). */
const isKeptAsWritten = (id: unknown): id is string =>
  typeof id === 'string' && !isFhirId(id) && isReadableId(id);

/**
 * A status written as a string, FHIR STU3's form (H113): as the CodeableConcept of the R4 code
 * it spells (no system: the feed named none, and the rules read a bare status code), or else
 * as that text, which the rules read against the status words only towards history or
 * ignored, never as active or confirmed. Returns whether it was a string.
 */
function readStatusString(
  object: Fields,
  key: StatusElement,
  changes: Changes,
  r: Readings,
): boolean {
  const written = object[key];
  if (typeof written !== 'string') return false;
  const code = statusCodeSpelled(key, written);
  if (code === undefined) {
    changes.put(key, { text: written });
    r.add(key, 'status-text');
  } else {
    changes.put(key, { coding: [{ code }] });
    r.add(key, 'status-code', { written, read: code, how: "FHIR STU3's form" });
  }
  return true;
}

function readCondition(object: Fields, changes: Changes, r: Readings): void {
  readPart(object, 'subject', 'subject', changes, r, reference('subject', r));
  for (const key of ['clinicalStatus', 'verificationStatus'] as const)
    if (!readStatusString(object, key, changes, r))
      readPart(object, key, key, changes, r, concept(key, r));
  readPart(object, 'code', 'code', changes, r, concept('code', r));
  readPart(object, 'bodySite', 'bodySite', changes, r, concepts('bodySite', r));
  readDate(object, 'onsetDateTime', 'onsetDateTime', changes, r);
  readPeriod(object, 'onsetPeriod', changes, r);
  readDate(object, 'recordedDate', 'recordedDate', changes, r);
  readAbatementDateTime(object, changes, r);
  readAbatementPeriod(object, changes, r);
  readPart(object, 'evidence', 'evidence', changes, r, (list) =>
    readList(list, 'evidence', r, (item) =>
      readObject(item, (evidence, evidenceChanges) => {
        readPart(
          evidence,
          'code',
          'evidence.code',
          evidenceChanges,
          r,
          concepts('evidence.code', r),
        );
        readPart(evidence, 'detail', 'evidence.detail', evidenceChanges, r, (details) =>
          readList(details, 'evidence.detail', r, reference('evidence.detail', r)),
        );
      }),
    ),
  );
}

/**
 * A `status` with no value whose `_status` companion holds extensions (H142): FHIR R4 JSON
 * §"primitive elements" writes a primitive that has extensions but no value so, and exporters
 * send a data-absent-reason there when they do not know the status. The element is required
 * (1..1) on ImagingStudy and DiagnosticReport, so the shapes refused it, and with it the study
 * under review (412) or a whole search key. Read as `unknown`, the code both status value sets
 * hold for a status the sender does not know: as the record says, and as a study or report
 * sent as `unknown` is already read (no coverage, not withdrawn: rules page §3.4 counts only
 * `available`). A `status` absent with no `_status`, or with one holding no extension, says
 * nothing of why and stays refused. A JSON null beside `_status` is read as absent, as H111
 * reads a null.
 */
function readStatusWithoutValue(object: Fields, changes: Changes, r: Readings): void {
  const { status } = object;
  if (status !== undefined && status !== null) return;
  const companion = object['_status'];
  if (!isRecord(companion)) return;
  const { extension } = companion;
  if (!Array.isArray(extension) || extension.length === 0) return;
  changes.put('status', 'unknown');
  r.add('status', 'status-without-value');
}

function readImagingStudy(object: Fields, changes: Changes, r: Readings): void {
  readPart(object, 'subject', 'subject', changes, r, reference('subject', r));
  readStatusWithoutValue(object, changes, r);
  readDate(object, 'started', 'started', changes, r);
  readPart(object, 'modality', 'modality', changes, r, (list) =>
    readList(list, 'modality', r, coding('modality', r)),
  );
  readPart(object, 'procedureCode', 'procedureCode', changes, r, concepts('procedureCode', r));
  readPart(object, 'reasonCode', 'reasonCode', changes, r, concepts('reasonCode', r));
  readName(object, 'description', 'description', changes, r);
  readPart(object, 'series', 'series', changes, r, (list) =>
    readList(list, 'series', r, (item) =>
      readObject(item, (series, seriesChanges) => {
        readPart(
          series,
          'modality',
          'series.modality',
          seriesChanges,
          r,
          coding('series.modality', r),
        );
        readPart(
          series,
          'bodySite',
          'series.bodySite',
          seriesChanges,
          r,
          coding('series.bodySite', r),
        );
      }),
    ),
  );
}

function readDiagnosticReport(object: Fields, changes: Changes, r: Readings): void {
  readPart(object, 'subject', 'subject', changes, r, reference('subject', r));
  readStatusWithoutValue(object, changes, r);
  readPart(object, 'code', 'code', changes, r, concept('code', r));
  readDate(object, 'effectiveDateTime', 'effectiveDateTime', changes, r);
  readPeriod(object, 'effectivePeriod', changes, r);
  readDate(object, 'issued', 'issued', changes, r);
  readPart(object, 'imagingStudy', 'imagingStudy', changes, r, (list) =>
    readList(list, 'imagingStudy', r, reference('imagingStudy', r)),
  );
  readPart(object, 'conclusionCode', 'conclusionCode', changes, r, concepts('conclusionCode', r));
}

/**
 * A draft order of an order hook's `context.draftOrders` (../cds/draft-orders.ts, H153): what
 * `emd-imaging-order` reads of it, its code and subject, read as a Condition's are, so an order
 * coded `443271005` as a JSON number is the PET/CT it names, not a 400. Its `status` and
 * `doNotPerform` decide whether it is a draft or an order not to perform at all: a null or a
 * `_status` alone stays refused there, where a guess would make or unmake the card.
 */
function readServiceRequest(object: Fields, changes: Changes, r: Readings): void {
  readPart(object, 'subject', 'subject', changes, r, reference('subject', r));
  readPart(object, 'code', 'code', changes, r, concept('code', r));
}

// A Map, not an object: a resourceType such as "constructor" must find nothing.
const READERS = new Map<string, (object: Fields, changes: Changes, r: Readings) => void>([
  ['Condition', readCondition],
  ['ImagingStudy', readImagingStudy],
  ['DiagnosticReport', readDiagnosticReport],
  ['ServiceRequest', readServiceRequest],
]);

export interface LenientCopy {
  /** The resource as read: a copy where anything was read leniently. */
  resource: Fields;
  /** What for the shapes to check: `resource`, with an id kept as written (H103) left out. */
  checkable: Fields;
  readings: LenientReading[];
}

/**
 * The resource as the lenient reading reads it, or undefined when nothing in it is read
 * leniently (its problem is elsewhere, or it is of a type not read so: of the Patient only its
 * id; a ServiceRequest is checked only as a draft order, ../cds/draft-orders.ts; other types
 * are not checked).
 */
export function readLeniently(value: unknown): LenientCopy | undefined {
  if (!isRecord(value)) return undefined;
  const type = value['resourceType'];
  if (type === 'Patient') return readPatient(value);
  const readFields = typeof type === 'string' ? READERS.get(type) : undefined;
  if (readFields === undefined) return undefined;
  const r = new Readings();
  const changes = new Changes();
  const isOddId = readId(value, changes, r);
  readFields(value, changes, r);
  const readings = r.list;
  if (readings.length === 0) return undefined;
  const resource = changes.applyTo(value);
  return { resource, checkable: isOddId ? { ...resource, id: undefined } : resource, readings };
}

/**
 * The Patient: its id alone, kept as written when ../rules/fhir-reference.ts reads it (H110). The
 * hook's `context.patientId` is read by that bound, so a patient a gateway numbers `ZY_1` is the
 * hook's patient, and a `urn:uuid` subject that resolves to its Patient names that patient;
 * refused, the Patient was missing, and with it a transaction Bundle's Conditions (412). Nothing
 * else of it is read leniently: it is for display, and a null id names no patient.
 */
function readPatient(value: Fields): LenientCopy | undefined {
  if (!isKeptAsWritten(value['id'])) return undefined;
  return {
    resource: value,
    checkable: { ...value, id: undefined },
    readings: [{ element: 'id', kind: 'id', count: 1 }],
  };
}
