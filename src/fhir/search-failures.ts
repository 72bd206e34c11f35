/**
 * What a Bundle says about its own search having failed, wholly or in part, so that a page
 * reporting an error is never read as fewer data (CDS Hooks 2.0 §Prefetch: "CDS Services
 * SHOULD check any prefetched data for the existence of OperationOutcomes"). Described by
 * where the problem is and its status code, never by the server's diagnostics, which can hold
 * identifiers.
 */
import { isOperationOutcome } from '../rules/fhir-resource-type.js';

/**
 * Why a Bundle of this type cannot stand for a search's result, else undefined. A `history`
 * (FHIR R4 §3.1.0.10) lists past versions and deletions: a Condition deleted since would be
 * read as live.
 */
export function bundleTypeProblem(type: string): string | undefined {
  return type === 'history'
    ? "a history Bundle, not a search's result (it holds deleted and past versions)"
    : undefined;
}

/**
 * Why this entry says part of the answer failed, else undefined: an OperationOutcome with an
 * `error` or `fatal` issue, whatever its `search.mode` (FHIR R4 search-entry-mode: an
 * `outcome` entry carries information or warnings only), or a `response` (a batch's or
 * transaction's answer) whose status is not 2xx or whose `outcome` reports an error.
 */
export function entryFailure(
  entry: { resource?: unknown; response?: unknown },
  index: number,
): string | undefined {
  const at = `entry[${String(index)}]`;
  if (isOperationOutcome(entry.resource) && hasErrorIssue(entry.resource))
    return `a page whose ${at}.resource is an OperationOutcome reporting an error (the search did not complete)`;
  const { response } = entry;
  if (typeof response !== 'object' || response === null) return undefined;
  const { status, outcome } = response as { status?: unknown; outcome?: unknown };
  const code = typeof status === 'string' ? /^\s*(\d{3})/.exec(status)?.[1] : undefined;
  if (code !== undefined && !code.startsWith('2'))
    return `a page whose ${at}.response reports a failure (HTTP ${code})`;
  if (isOperationOutcome(outcome) && hasErrorIssue(outcome))
    return `a page whose ${at}.response.outcome reports an error`;
  return undefined;
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
