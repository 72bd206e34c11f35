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
 * Codes, statuses, sites, subjects, references and the abatement are not read leniently: what
 * decides a card stays refused, and the caller's 412 names it.
 *
 * Only the resource refused by the shapes gets here (never well-formed data: issue #15), and it
 * is copied only along the paths it changes; the original is never touched. Each list is walked
 * once, so the cost is linear in the resource, as the shapes' own check.
 */
import { isReadableId } from '../rules/fhir-reference.js';
import {
  unreadableDateMark,
  type LenientKind,
  type LenientReading,
} from '../rules/lenient-readings.js';
import { readDateSpelling } from './date-spellings.js';
import { isFhirDateTime } from './lexical-checks.js';
import { isFhirId } from './resource-fast-check.js';

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The readings of one resource, one per element and kind, counted. */
class Readings {
  readonly #byKey = new Map<string, LenientReading>();

  add(element: string, kind: LenientKind, spelled?: LenientReading['spelled']): void {
    const key = `${element} ${kind}`;
    const known = this.#byKey.get(key);
    if (known) known.count += 1;
    else this.#byKey.set(key, { element, kind, count: 1, ...(spelled ? { spelled } : {}) });
  }

  get list(): LenientReading[] {
    return [...this.#byKey.values()];
  }
}

/** The changes to one object, made on one shallow copy, or none. */
class Changes {
  readonly #set = new Map<string, unknown>();

  put(key: string, value: unknown): void {
    this.#set.set(key, value);
  }

  /** The object with the changes (undefined deletes), or the object itself when there are none. */
  applyTo(object: Fields): Fields {
    if (this.#set.size === 0) return object;
    const copy: Fields = { ...object };
    for (const [key, value] of this.#set) {
      if (value === undefined) Reflect.deleteProperty(copy, key);
      // As an own data property: a key never comes from the data, but stay on the safe side.
      else
        Object.defineProperty(copy, key, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return copy;
  }
}

/** `text` or `display`: JSON null read as absent. Any other wrong value is for the shapes. */
function readName(object: Fields, key: string, path: string, changes: Changes, r: Readings): void {
  if (object[key] !== null) return;
  changes.put(key, undefined);
  r.add(path, 'null');
}

/**
 * A date element: a FHIR date as it is; null or "" as absent; an everyday spelling as the date
 * it spells; anything else taken out, with the mark in its `_` companion (FHIR JSON's place for
 * what is said about a primitive element).
 */
function readDate(object: Fields, key: string, path: string, changes: Changes, r: Readings): void {
  const value = object[key];
  if (value === undefined || (typeof value === 'string' && isFhirDateTime(value))) return;
  if (value === null || value === '') {
    changes.put(key, undefined);
    r.add(path, value === null ? 'null' : 'empty');
    return;
  }
  const spelled = typeof value === 'string' ? readDateSpelling(value) : undefined;
  if (spelled) {
    changes.put(key, spelled.date);
    r.add(path, 'date-spelling', {
      written: value as string,
      read: spelled.date,
      how: spelled.how,
    });
    return;
  }
  changes.put(key, undefined);
  changes.put(`_${key}`, unreadableDateMark());
  r.add(path, 'unreadable-date');
}

/** A list read item by item, copied only when an item changes; anything else as it is. */
function readList(value: unknown, readItem: (item: unknown) => unknown): unknown {
  if (!Array.isArray(value)) return value;
  const list: readonly unknown[] = value;
  let copy: unknown[] | undefined;
  for (let index = 0; index < list.length; index += 1) {
    const item = list[index];
    const read = readItem(item);
    if (read !== item) {
      copy ??= [...list];
      copy[index] = read;
    }
  }
  return copy ?? value;
}

/** An object element read by `readFields`, copied only when one of its fields changes. */
function readObject(
  value: unknown,
  readFields: (object: Fields, changes: Changes) => void,
): unknown {
  if (!isRecord(value)) return value;
  const changes = new Changes();
  readFields(value, changes);
  return changes.applyTo(value);
}

/** `object[key]` replaced by `read(object[key])` when that changes it. */
function readChild(
  object: Fields,
  key: string,
  changes: Changes,
  read: (value: unknown) => unknown,
): void {
  const value = object[key];
  if (value === undefined) return;
  const next = read(value);
  if (next !== value) changes.put(key, next);
}

const coding = (path: string, r: Readings) => (value: unknown) =>
  readObject(value, (object, changes) => {
    readName(object, 'display', `${path}.display`, changes, r);
  });

const concept = (path: string, r: Readings) => (value: unknown) =>
  readObject(value, (object, changes) => {
    readName(object, 'text', `${path}.text`, changes, r);
    readChild(object, 'coding', changes, (list) => readList(list, coding(`${path}.coding`, r)));
  });

const concepts = (path: string, r: Readings) => (value: unknown) =>
  readList(value, concept(path, r));

const reference = (path: string, r: Readings) => (value: unknown) =>
  readObject(value, (object, changes) => {
    readName(object, 'display', `${path}.display`, changes, r);
  });

/** A Period: null read as absent (by its holder); its start and end as dates. */
function readPeriod(object: Fields, key: string, changes: Changes, r: Readings): void {
  const value = object[key];
  if (value === null) {
    changes.put(key, undefined);
    r.add(key, 'null');
    return;
  }
  readChild(object, key, changes, (period) =>
    readObject(period, (fields, periodChanges) => {
      readDate(fields, 'start', `${key}.start`, periodChanges, r);
      readDate(fields, 'end', `${key}.end`, periodChanges, r);
    }),
  );
}

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

function readCondition(object: Fields, changes: Changes, r: Readings): void {
  readChild(object, 'subject', changes, reference('subject', r));
  for (const key of ['clinicalStatus', 'verificationStatus', 'code'])
    readChild(object, key, changes, concept(key, r));
  readChild(object, 'bodySite', changes, concepts('bodySite', r));
  readDate(object, 'onsetDateTime', 'onsetDateTime', changes, r);
  readPeriod(object, 'onsetPeriod', changes, r);
  readDate(object, 'recordedDate', 'recordedDate', changes, r);
  readChild(object, 'evidence', changes, (list) =>
    readList(list, (item) =>
      readObject(item, (evidence, evidenceChanges) => {
        readChild(evidence, 'code', evidenceChanges, concepts('evidence.code', r));
        readChild(evidence, 'detail', evidenceChanges, (details) =>
          readList(details, reference('evidence.detail', r)),
        );
      }),
    ),
  );
}

function readImagingStudy(object: Fields, changes: Changes, r: Readings): void {
  readChild(object, 'subject', changes, reference('subject', r));
  readDate(object, 'started', 'started', changes, r);
  readChild(object, 'modality', changes, (list) => readList(list, coding('modality', r)));
  readChild(object, 'procedureCode', changes, concepts('procedureCode', r));
  readChild(object, 'reasonCode', changes, concepts('reasonCode', r));
  readName(object, 'description', 'description', changes, r);
  readChild(object, 'series', changes, (list) =>
    readList(list, (item) =>
      readObject(item, (series, seriesChanges) => {
        readChild(series, 'modality', seriesChanges, coding('series.modality', r));
        readChild(series, 'bodySite', seriesChanges, coding('series.bodySite', r));
      }),
    ),
  );
}

function readDiagnosticReport(object: Fields, changes: Changes, r: Readings): void {
  readChild(object, 'subject', changes, reference('subject', r));
  readChild(object, 'code', changes, concept('code', r));
  readDate(object, 'effectiveDateTime', 'effectiveDateTime', changes, r);
  readPeriod(object, 'effectivePeriod', changes, r);
  readDate(object, 'issued', 'issued', changes, r);
  readChild(object, 'imagingStudy', changes, (list) =>
    readList(list, reference('imagingStudy', r)),
  );
  readChild(object, 'conclusionCode', changes, concepts('conclusionCode', r));
}

// A Map, not an object: a resourceType such as "constructor" must find nothing.
const READERS = new Map<string, (object: Fields, changes: Changes, r: Readings) => void>([
  ['Condition', readCondition],
  ['ImagingStudy', readImagingStudy],
  ['DiagnosticReport', readDiagnosticReport],
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
 * id, and other types are not checked).
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
