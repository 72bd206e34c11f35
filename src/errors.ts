/**
 * Errors the service raises on purpose. Each has a stable code from a literal union (as
 * jose's JOSEError.code); the HTTP layer alone maps codes to statuses.
 */

/** One FHIR OperationOutcome.issue, as the client will see it. */
export interface OutcomeIssue {
  severity: 'fatal' | 'error' | 'warning' | 'information';
  /** FHIR issue-type code. */
  code:
    | 'invalid'
    | 'required'
    | 'value'
    | 'structure'
    | 'not-found'
    | 'processing'
    | 'not-supported'
    | 'too-costly'
    | 'throttled'
    | 'transient'
    | 'informational'
    | 'exception';
  diagnostics: string;
  /** FHIRPath-like location of the problem in the request, e.g. `context.patientId`. */
  expression?: string[];
}

/**
 * No code for 401: a refused caller is answered where it is refused (src/http/auth-middleware.ts,
 * admin.ts), with the `WWW-Authenticate` challenge RFC 7235 §4.1 requires ("MUST send"), which
 * an error handler that knows only the code could not write.
 */
export type ErrorCode =
  | 'invalid-request'
  | 'unknown-service'
  | 'unknown-route'
  | 'method-not-allowed'
  | 'required-data-unavailable'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'unavailable'
  | 'internal';

export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  readonly code: ErrorCode;
  readonly issues: readonly OutcomeIssue[];

  constructor(code: ErrorCode, issues: readonly OutcomeIssue[], options?: { cause?: unknown }) {
    const listed = cappedIssues(issues);
    super(listed.map((i) => i.diagnostics).join('; '), options);
    this.code = code;
    this.issues = listed;
  }
}

/**
 * The most issues one OperationOutcome lists, the closing "and N more" among them. A body of
 * 2.4 million bad items gave as many issues: a 377 MB answer and 22 s of the event loop, every
 * other caller waiting (docs/security.md, "Algorithmic complexity"). A client fixes the first
 * problems first, and 50 still lists every problem of a request wrong in a few fields.
 */
export const MAX_OUTCOME_ISSUES = 50;

/**
 * `issues` as an OperationOutcome lists them: all of them up to MAX_OUTCOME_ISSUES, else the
 * first ones and one closing issue saying how many more there are. `total` counts the issues
 * when `issues` holds only the first of them (./cds/zod-issues.ts words no more than it
 * lists). Applying it again changes nothing.
 */
export function cappedIssues(
  issues: readonly OutcomeIssue[],
  total: number = issues.length,
): readonly OutcomeIssue[] {
  if (total <= MAX_OUTCOME_ISSUES) return issues;
  const listed = issues.slice(0, MAX_OUTCOME_ISSUES - 1);
  const more = total - listed.length;
  return [
    ...listed,
    {
      severity: 'information',
      code: 'informational',
      diagnostics: `and ${String(more)} more issues not listed`,
    },
  ];
}

export function toOperationOutcome(issues: readonly OutcomeIssue[]): fhir4.OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: issues.map((issue) => ({ ...issue })) };
}
