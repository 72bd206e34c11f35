/**
 * What a Bundle says about its own search having failed, wholly or in part, so that a page
 * reporting an error is never read as fewer data (CDS Hooks 2.0 §Prefetch: "CDS Services
 * SHOULD check any prefetched data for the existence of OperationOutcomes"), nor a page whose
 * server says it left results out (H131). Described by where the problem is and its status or
 * issue code, never by the server's diagnostics, which can hold identifiers.
 */
import { isOperationOutcome } from '../rules/fhir-resource-type.js';

/**
 * Why a Bundle of this type cannot stand for a search's result, else undefined. A `history`
 * (FHIR R4 §3.1.0.10) lists past versions and deletions: a Condition deleted since would be
 * read as live.
 */
export function bundleTypeProblem(type: string, entries: number): string | undefined {
  if (type === 'history')
    return "a history Bundle, not a search's result (it holds deleted and past versions)";
  // A batch's or transaction's answer holds one entry per request it ran: with none, it is the
  // answer to no search, and read as one it would be a patient with no Conditions (H131).
  if (entries === 0 && (type === 'batch-response' || type === 'transaction-response'))
    return `a ${type} with no entries, not a search's result (it answers no request)`;
  return undefined;
}

/**
 * Why an entry that records a deletion (`request.method` DELETE) cannot be a search's result,
 * else undefined (H145). FHIR R4 bdl-3 allows `entry.request` only in a batch, transaction or
 * history; in a history it says how the entry's version came to be, and a DELETE is the
 * version that deleted the resource, with or without the resource's last content. A history's
 * entries passed on as a search answer (a proxy relabelling the type) would have the deleted
 * Condition read as live from its earlier version, or from the copy the DELETE entry carries:
 * a critical card from a Condition the record deleted. Refused as a history Bundle is.
 */
export function deletionEntryProblem(entry: object, index: number): string | undefined {
  if (!recordsDeletion(entry)) return undefined;
  return `entry[${String(index)}] records a deletion (request.method DELETE), as a history's entries do: not a search's result (a resource deleted since would be read as live)`;
}

/**
 * The Bundle types whose entries are requests to run (FHIR R4 bdl-3): a DELETE among them is
 * a request, no one's data; elsewhere it records a deletion (H145).
 */
export const REQUEST_BUNDLE_TYPES: ReadonlySet<string> = new Set(['transaction', 'batch']);

/**
 * Whether the entry (any JSON value, as a file holds it) has `request.method` DELETE (FHIR R4
 * http-verb; any case, trimmed).
 */
export function recordsDeletion(entry: unknown): boolean {
  if (typeof entry !== 'object' || entry === null) return false;
  const { request } = entry as { request?: unknown };
  if (typeof request !== 'object' || request === null) return false;
  const { method } = request as { method?: unknown };
  return typeof method === 'string' && method.trim().toUpperCase() === 'DELETE';
}

/**
 * Why this entry says part of the answer failed or was left out, else undefined: an
 * OperationOutcome with an `error` or `fatal` issue, or one saying the answer may be incomplete
 * (`leftOutIssue`), whatever its `search.mode` (FHIR R4 search-entry-mode: an
 * `outcome` entry carries information or warnings only), or a `response` (a batch's or
 * transaction's answer) whose status is not 2xx or whose `outcome` says either.
 */
export function entryFailure(
  entry: { resource?: unknown; response?: unknown },
  index: number,
): string | undefined {
  const at = `entry[${String(index)}]`;
  if (isOperationOutcome(entry.resource)) {
    if (hasErrorIssue(entry.resource))
      return `a page whose ${at}.resource is an OperationOutcome reporting an error (the search did not complete)`;
    const leftOut = leftOutIssue(entry.resource);
    if (leftOut) return `a page whose ${at}.resource is an OperationOutcome ${leftOut}`;
  }
  const { response } = entry;
  if (typeof response !== 'object' || response === null) return undefined;
  const { status, outcome } = response as { status?: unknown; outcome?: unknown };
  const code = typeof status === 'string' ? /^\s*(\d{3})/.exec(status)?.[1] : undefined;
  if (code !== undefined && !code.startsWith('2'))
    return `a page whose ${at}.response reports a failure (HTTP ${code})`;
  if (!isOperationOutcome(outcome)) return undefined;
  if (hasErrorIssue(outcome)) return `a page whose ${at}.response.outcome reports an error`;
  const leftOut = leftOutIssue(outcome);
  return leftOut
    ? `a page whose ${at}.response.outcome is an OperationOutcome ${leftOut}`
    : undefined;
}

/**
 * The FHIR R4 IssueType by which a server says its answer lacks results, at any severity (a
 * warning or information does not fail the search, but the page is not the whole answer):
 * `incomplete`, "Not all data sources typically accessed could be reached or responded in
 * time, so the returned information might not be complete (applies to search interfaces and
 * other operations)". A Condition left out is read as one the patient does not have: no card,
 * and a 200 (H131). Read afresh, such an answer is whole once the sources answer again.
 *
 * `suppressed` ("not returned due to business rules, consent or privacy rules, or access
 * permission constraints") is not read so: it is read past as other warnings are, since a server
 * withholds by its rules on every read, so refusing its answer would give a patient with any
 * record withheld (a sensitive diagnosis, most often) a 412 on every call, and lose the critical
 * card of a finding the server did send. The clinician's own view of the record lacks what was
 * withheld too (H131's residual risk).
 */
const INCOMPLETE =
  'saying the answer may be incomplete (issue type incomplete: not every data source answered)';

/** INCOMPLETE when an issue of the OperationOutcome is of type `incomplete`, else undefined. */
function leftOutIssue(outcome: fhir4.OperationOutcome): string | undefined {
  return hasIssueOfType(outcome, 'incomplete') ? INCOMPLETE : undefined;
}

/**
 * Whether this entry, an OperationOutcome or a `response.outcome`, says the server withheld
 * results by its rules (issue type `suppressed`, any severity): read past (above), but said in
 * the trace, so that a finding the clinician knows of and sees no card for is explained (H131).
 */
export function withholdsResults(entry: { resource?: unknown; response?: unknown }): boolean {
  if (isOperationOutcome(entry.resource) && hasIssueOfType(entry.resource, 'suppressed'))
    return true;
  const { response } = entry;
  if (typeof response !== 'object' || response === null) return false;
  const { outcome } = response as { outcome?: unknown };
  return isOperationOutcome(outcome) && hasIssueOfType(outcome, 'suppressed');
}

/** Whether an issue of the OperationOutcome is of this FHIR R4 IssueType. */
function hasIssueOfType(outcome: fhir4.OperationOutcome, code: string): boolean {
  const issues: unknown = outcome.issue;
  if (!Array.isArray(issues)) return false;
  return issues.some(
    (issue: unknown) =>
      typeof issue === 'object' && issue !== null && (issue as { code?: unknown }).code === code,
  );
}

/** Whether an OperationOutcome has an `error` or `fatal` issue (FHIR R4 IssueSeverity). */
function hasErrorIssue(outcome: fhir4.OperationOutcome): boolean {
  const issues: unknown = outcome.issue;
  if (!Array.isArray(issues)) return false;
  return issues.some((issue: unknown) => {
    const severity =
      typeof issue === 'object' && issue !== null
        ? (issue as { severity?: unknown }).severity
        : undefined;
    return severity === 'error' || severity === 'fatal';
  });
}
