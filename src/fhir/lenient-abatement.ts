/**
 * The lenient reading of a Condition's abatement[x] (./lenient-reading.ts says when a resource
 * is read so). Rules page §2: a Condition "that has an abatement" is history, so whatever is read
 * here decides whether a finding raises its card, and only readings that cannot make a Condition
 * the feed marked abated active are made (H69's and H112's residual):
 * - a date in an everyday spelling is the date it spells (./date-spellings.ts), so H96 and H106
 *   compare it as any other date (a date after "now", a "no date" placeholder, one before the
 *   onset); any other text is an abatement of unknown date, taken out and marked;
 * - abatementDateTime null or "" stays for the shapes to refuse (H112: it says nothing);
 * - an abatementPeriod's start or end null or "" is absent, the other date reading for the
 *   period; with neither left, the period is kept empty, and ../rules/abatement.ts reads an
 *   empty abatement as none, as a null one (H119, H122).
 * A number or an object where a date belongs stays refused: a wrong type, 412 naming it.
 */
import { unreadableDateMark } from '../rules/lenient-readings.js';
import { readDateSpelling } from './date-spellings.js';
import {
  isRecord,
  readPeriod,
  type Changes,
  type Fields,
  type Readings,
} from './lenient-elements.js';
import { isFhirDateTime } from './lexical-checks.js';

/**
 * Text where an abatement date belongs: a FHIR date as it is; an everyday spelling as the date it
 * spells, as an onset is read; any other text as an abatement whose date cannot be read (taken
 * out and marked, as an onset is: ../rules/abatement.ts counts the mark as an abatement, rules
 * page §2's letter, as H96 keeps an undatable one, and never lets another date stand in for it).
 * Blank text and any other type are left for the caller or the shapes.
 */
function readAbatementText(
  fields: Fields,
  key: string,
  path: string,
  changes: Changes,
  r: Readings,
): void {
  const value = fields[key];
  if (typeof value !== 'string' || value.trim() === '' || isFhirDateTime(value)) return;
  const spelled = readDateSpelling(value);
  if (spelled) {
    changes.put(key, spelled.date);
    r.add(path, 'date-spelling', { written: value, read: spelled.date, how: spelled.how });
    return;
  }
  changes.put(key, undefined);
  changes.put(`_${key}`, unreadableDateMark());
  r.add(path, 'unreadable-abatement');
}

/**
 * abatementDateTime (H112). Its null or "" stays for the shapes to refuse: it says nothing; read
 * as absent it would make a Condition resolved by its abatement alone active, and read as an
 * abatement it would say what the record does not (H69's residual, kept).
 */
export function readAbatementDateTime(object: Fields, changes: Changes, r: Readings): void {
  readAbatementText(object, 'abatementDateTime', 'abatementDateTime', changes, r);
}

/** Null, or text that holds nothing: where a period's date says nothing. */
const isNothing = (value: unknown): boolean =>
  value === null || (typeof value === 'string' && value.trim() === '');

/**
 * abatementPeriod (H119). Null whole is no abatement (H69, as before). A start or end null or ""
 * is absent, as an onsetPeriod's is: the period still holds the other, which dates the
 * abatement. With neither a start nor an end left (each null, "" or not written), the period is
 * kept, empty, and counted with its own trace line; ../rules/abatement.ts reads an empty
 * abatement as none, as a null one (H122): feeds that write every choice element write such a
 * period on every Condition, and read as an abatement it made each finding history. Refused
 * (412, as abatementDateTime's null is), it would cost the patient every card for its sake.
 */
export function readAbatementPeriod(object: Fields, changes: Changes, r: Readings): void {
  const key = 'abatementPeriod';
  const period = object[key];
  if (isRecord(period) && [period['start'], period['end']].some(isNothing)) {
    const { start, end } = period;
    if ((start === undefined || isNothing(start)) && (end === undefined || isNothing(end))) {
      const { start: _start, end: _end, ...kept } = period;
      changes.put(key, kept);
      r.add(key, 'empty-abatement-period');
      return;
    }
  }
  readPeriod(object, key, changes, r, (fields, end, path, periodChanges) => {
    const value = fields[end];
    if (!isNothing(value)) {
      readAbatementText(fields, end, path, periodChanges, r);
      return;
    }
    periodChanges.put(end, undefined);
    r.add(path, value === null ? 'null' : 'empty');
  });
}
