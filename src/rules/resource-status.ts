/**
 * The `status` of an ImagingStudy, a DiagnosticReport or a ServiceRequest, read as the FHIR R4
 * code it spells. FHIR's codes are lower case with hyphens (`entered-in-error`, `cancelled`),
 * but real exports write them otherwise: "Entered-In-Error", "ENTERED_IN_ERROR", "entered in
 * error", "Cancelled", the US "canceled" (records probe, session 36). Compared as sent, a study
 * under review "Entered-In-Error" raised the CNS imaging-review warning and a report
 * "CANCELLED" was proposed as a finding no Condition lists: cards from voided data, which rules
 * page §6 forbids. A status is one code of a small required value set, so each spelling can
 * mean only that code; anything else stays as sent and matches nothing, as before.
 */
import { boundedMemo } from './bounded-memo.js';

/** R4's DiagnosticReport status value set, as FHIR writes its codes (./report-status.ts too). */
export const REPORT_STATUSES: ReadonlySet<string> = new Set([
  'registered',
  'partial',
  'preliminary',
  'final',
  'amended',
  'corrected',
  'appended',
  'cancelled',
  'entered-in-error',
  'unknown',
]);

/**
 * Every code of R4's ImagingStudy, DiagnosticReport and ServiceRequest status value sets,
 * already as FHIR writes them: these come back as they are, with no work.
 */
const FHIR_STATUSES: ReadonlySet<string> = new Set([
  // ImagingStudy
  'registered',
  'available',
  'cancelled',
  'entered-in-error',
  'unknown',
  ...REPORT_STATUSES,
  // ServiceRequest (beside entered-in-error, unknown)
  'draft',
  'active',
  'on-hold',
  'revoked',
  'completed',
]);

/** Spellings, once normalised, of codes FHIR spells otherwise. */
const SPELLINGS: ReadonlyMap<string, string> = new Map([
  ['canceled', 'cancelled'],
  ['onhold', 'on-hold'],
  ['enteredinerror', 'entered-in-error'],
]);

/** Bounded, since statuses are request data: a client may send any number of them. */
const READINGS_KEPT = 256;
const readStatusOnce = boundedMemo(READINGS_KEPT, (status) => readStatus(status));

/**
 * The FHIR code a status spells, or the status as sent when it spells none (or is no string:
 * the shapes let only strings through, but the rules never trust that for what they compare).
 */
export function resourceStatus(status: unknown): string | undefined {
  if (typeof status !== 'string') return undefined;
  if (FHIR_STATUSES.has(status)) return status;
  return readStatusOnce(status);
}

const FORMAT_CHARACTERS = /\p{Cf}/gu;

/**
 * A status as FHIR writes its codes: case, width (NFKC), format characters (zero-width, H97),
 * blanks and the separators `-`, `_` and space do not matter (" Entered_In_Error " =
 * entered-in-error). The shared spelling of every status code the rules read, on resources
 * here and on Conditions (./status-string.ts).
 */
export function asStatusCode(written: string): string {
  return written
    .normalize('NFKC')
    .replace(FORMAT_CHARACTERS, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/gu, '-');
}

function readStatus(status: string): string {
  const words = asStatusCode(status);
  const read = SPELLINGS.get(words) ?? SPELLINGS.get(words.replaceAll('-', '')) ?? words;
  return FHIR_STATUSES.has(read) ? read : status;
}

/**
 * How the trace names a status: the code, and the record's own spelling beside it when that
 * differs, so the informatics team sees what the feed sends ("cancelled (sent as
 * "CANCELLED")").
 */
export function statusAsRead(status: string): string {
  return namedAsRead(status, resourceStatus(status) ?? status);
}

/**
 * A status as the trace names it, given what it was read as and, when read by another
 * standard's map (a report's HL7 v2 letter: ./report-status.ts), which map.
 */
export function namedAsRead(status: string, read: string, from?: string): string {
  if (read === status) return read;
  const sent = JSON.stringify(status);
  return from === undefined ? `${read} (sent as ${sent})` : `${read} (sent as ${sent}, ${from})`;
}
