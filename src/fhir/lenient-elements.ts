/**
 * The element readers of the lenient reading (./lenient-reading.ts): each reads one element a
 * gateway sent in a form the shapes refuse (a JSON null, "", a date in an everyday spelling)
 * onto a copy made only along the paths it changes, and counts what it read in `Readings` for
 * the explain trace (../rules/lenient-readings.ts). Which element of which resource is read so,
 * and why that cannot raise a card the record does not hold, is said there.
 */
import {
  unreadableDateMark,
  type LenientKind,
  type LenientReading,
} from '../rules/lenient-readings.js';
import { readDateSpelling } from './date-spellings.js';
import { isFhirDateTime } from './lexical-checks.js';

export type Fields = Record<string, unknown>;

export const isRecord = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The readings of one resource, one per element and kind, counted. */
export class Readings {
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
export class Changes {
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
export function readName(
  object: Fields,
  key: string,
  path: string,
  changes: Changes,
  r: Readings,
): void {
  readNullAs('null', object, key, path, changes, r);
}

/**
 * A null where a code, site, status, subject or reference belongs (H111): read as the element
 * left out, which is how the rules read it absent. Returns whether it was null.
 */
function readNull(
  object: Fields,
  key: string,
  path: string,
  changes: Changes,
  r: Readings,
): boolean {
  return readNullAs('null-element', object, key, path, changes, r);
}

/** `object[key]`, if JSON null, taken out and counted as `kind`; returns whether it was. */
function readNullAs(
  kind: 'null' | 'null-element',
  object: Fields,
  key: string,
  path: string,
  changes: Changes,
  r: Readings,
): boolean {
  if (object[key] !== null) return false;
  changes.put(key, undefined);
  r.add(path, kind);
  return true;
}

/** `object[key]`: a null read as absent (H111), anything else by `read`. */
export function readPart(
  object: Fields,
  key: string,
  path: string,
  changes: Changes,
  r: Readings,
  read: (value: unknown) => unknown,
): void {
  if (!readNull(object, key, path, changes, r)) readChild(object, key, changes, read);
}

/**
 * A date element: a FHIR date as it is; null or "" as absent; an everyday spelling as the date
 * it spells; anything else taken out, with the mark in its `_` companion (FHIR JSON's place for
 * what is said about a primitive element).
 */
export function readDate(
  object: Fields,
  key: string,
  path: string,
  changes: Changes,
  r: Readings,
): void {
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

/**
 * A list read item by item, copied only when an item changes; anything else as it is. A JSON
 * null as an item (`"bodySite": [null]`, H111) holds nothing: it is left out of the copy and
 * counted at `path`, so the list reads as if the feed had not written it. A list of nulls only
 * is read as the element absent (undefined: its holder takes the key out), exactly as the rules
 * read no list, never as an empty one, which FHIR JSON does not allow.
 */
export function readList(
  value: unknown,
  path: string,
  r: Readings,
  readItem: (item: unknown) => unknown,
): unknown {
  if (isRecord(value)) {
    // One object where FHIR JSON writes a list (H134): what XML-to-JSON converters make of an
    // element that repeats once. It is the list's one item, read as that: nothing is guessed.
    r.add(path, 'lone-item');
    return [readItem(value)];
  }
  if (!Array.isArray(value)) return value;
  const list: readonly unknown[] = value;
  let copy: unknown[] | undefined;
  for (let index = 0; index < list.length; index += 1) {
    const item = list[index];
    if (item === null) {
      copy ??= list.slice(0, index);
      r.add(path, 'null-item');
      continue;
    }
    const read = readItem(item);
    if (copy === undefined && read !== item) copy = list.slice(0, index);
    copy?.push(read);
  }
  if (copy === undefined) return value;
  return copy.length === 0 ? undefined : copy;
}

/** An object element read by `readFields`, copied only when one of its fields changes. */
export function readObject(
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

export const coding = (path: string, r: Readings) => (value: unknown) =>
  readObject(value, (object, changes) => {
    readName(object, 'display', `${path}.display`, changes, r);
    readNull(object, 'system', `${path}.system`, changes, r);
    if (!readNull(object, 'code', `${path}.code`, changes, r))
      readNumberCode(object, `${path}.code`, changes, r);
  });

/**
 * A code written as a JSON number (H134), as exporters that type a column of digits write a
 * SNOMED CT id or an ICD-O-3 morphology (`38341003`, `97323`): read as the digits it is, only
 * when the number is a whole one that JSON parsing kept exactly (at most 2^53 − 1). A fraction,
 * a negative number or a larger one, whose digits the parse may have changed, stays refused.
 */
function readNumberCode(object: Fields, path: string, changes: Changes, r: Readings): void {
  const { code } = object;
  if (typeof code !== 'number' || !Number.isSafeInteger(code) || code < 0) return;
  changes.put('code', String(code));
  r.add(path, 'number-code');
}

export const concept = (path: string, r: Readings) => (value: unknown) =>
  readObject(value, (object, changes) => {
    readName(object, 'text', `${path}.text`, changes, r);
    readPart(object, 'coding', `${path}.coding`, changes, r, (list) =>
      readList(list, `${path}.coding`, r, coding(`${path}.coding`, r)),
    );
  });

export const concepts = (path: string, r: Readings) => (value: unknown) =>
  readList(value, path, r, concept(path, r));

export const reference = (path: string, r: Readings) => (value: unknown) =>
  readObject(value, (object, changes) => {
    readName(object, 'display', `${path}.display`, changes, r);
    readNull(object, 'reference', `${path}.reference`, changes, r);
  });

/** How one date of a period is read: `fields[key]`, named `path` in the readings. */
export type DateReader = (
  fields: Fields,
  key: string,
  path: string,
  changes: Changes,
  r: Readings,
) => void;

/** A Period: null read as absent (by its holder); its start and end by `readEnd` (as dates). */
export function readPeriod(
  object: Fields,
  key: string,
  changes: Changes,
  r: Readings,
  readEnd: DateReader = readDate,
): void {
  if (readNullAs('null', object, key, key, changes, r)) return;
  readChild(object, key, changes, (period) =>
    readObject(period, (fields, periodChanges) => {
      readEnd(fields, 'start', `${key}.start`, periodChanges, r);
      readEnd(fields, 'end', `${key}.end`, periodChanges, r);
    }),
  );
}
