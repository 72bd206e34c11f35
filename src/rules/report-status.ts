/**
 * A DiagnosticReport's `status` as HL7 v2 and C-CDA converters pass it through (H129). A naive
 * v2-to-FHIR converter copies OBR-25's result status letter (HL7 Table 0123): a report "X"
 * ("No results available; Order canceled") was read as no status, so a cancelled report's
 * plasmacytoma was proposed for the problem list (rules page §6: no card from voided data).
 * C-CDA converters likewise copy ActStatus, whose `aborted` FHIR's own definition of
 * `cancelled` names ("also sometimes called aborted"). Each is read only as the published maps
 * read it; codes they leave unmatched stay as sent:
 * - HL7 v2-to-FHIR IG 1.0.0 (http://hl7.org/fhir/uv/v2mappings), ConceptMap
 *   table-hl70123-queries-to-diagnostic-report-status: O, I, S → registered; P → preliminary;
 *   C → corrected; R → partial; F → final; X → cancelled. A, Y, Z, M and N are unmatched.
 * - C-CDA on FHIR 2.0.0, ConceptMap CF-ResultReportStatus
 *   (http://hl7.org/fhir/us/ccda/ConceptMap/CF-ResultReportStatus): aborted → cancelled;
 *   active, held, suspended → registered; cancelled → cancelled; completed → final. It has no
 *   row for nullified.
 * Only for a report: a lone letter means something else in other v2 tables (ORC-5's order
 * status, say), so studies and orders keep ./resource-status.ts's reading alone.
 */
import { boundedMemo } from './bounded-memo.js';
import { asStatusCode, namedAsRead, REPORT_STATUSES, resourceStatus } from './resource-status.js';

const V2_RESULT_STATUS = 'an HL7 v2 result status';
const CCDA_RESULT_STATUS = 'a C-CDA result status';

/**
 * Each mapped code, as ./resource-status.ts's `asStatusCode` writes it, with the report status
 * it maps to and the map it comes from. A lone letter is no spelling of any report code, so its
 * case or width cannot change which code it names ("x" can only be Table 0123's X).
 */
const MAPPED: ReadonlyMap<string, { read: string; from: string }> = new Map(
  (
    [
      ['o', 'registered', V2_RESULT_STATUS],
      ['i', 'registered', V2_RESULT_STATUS],
      ['s', 'registered', V2_RESULT_STATUS],
      ['p', 'preliminary', V2_RESULT_STATUS],
      ['c', 'corrected', V2_RESULT_STATUS],
      ['r', 'partial', V2_RESULT_STATUS],
      ['f', 'final', V2_RESULT_STATUS],
      ['x', 'cancelled', V2_RESULT_STATUS],
      ['aborted', 'cancelled', CCDA_RESULT_STATUS],
      ['active', 'registered', CCDA_RESULT_STATUS],
      ['completed', 'final', CCDA_RESULT_STATUS],
      ['held', 'registered', CCDA_RESULT_STATUS],
      ['suspended', 'registered', CCDA_RESULT_STATUS],
    ] as const
  ).map(([code, read, from]) => [code, { read, from }]),
);

/** A report status read, and the map it was read by when it is no spelling of FHIR's code. */
interface Reading {
  read: string;
  from?: string;
}

/** Bounded, since statuses are request data: a client may send any number of them. */
const READINGS_KEPT = 256;
const readOnce = boundedMemo(READINGS_KEPT, (status) => readReportStatus(status));

/**
 * The DiagnosticReport status a report's `status` stands for, or the status as sent when it
 * stands for none (or is no string: the rules never trust the shapes for what they compare).
 */
export function reportStatus(status: unknown): string | undefined {
  if (typeof status !== 'string') return undefined;
  if (REPORT_STATUSES.has(status)) return status;
  return readOnce(status).read;
}

/**
 * How the trace names a report status: as ./resource-status.ts names any status, and the map
 * it was read by when a v2 or C-CDA code ("cancelled (sent as "X", an HL7 v2 result status)").
 */
export function reportStatusAsRead(status: string): string {
  if (REPORT_STATUSES.has(status)) return status;
  const { read, from } = readOnce(status);
  return namedAsRead(status, read, from);
}

function readReportStatus(status: string): Reading {
  // FHIR's own code spelled otherwise first ("CANCELLED", H104); "active" and "completed" are
  // FHIR codes of ServiceRequest, not of a report, so they go on to C-CDA's map.
  const spelled = resourceStatus(status) ?? status;
  if (REPORT_STATUSES.has(spelled)) return { read: spelled };
  return MAPPED.get(asStatusCode(status)) ?? { read: status };
}
