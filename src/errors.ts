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
    super(issues.map((i) => i.diagnostics).join('; '), options);
    this.code = code;
    this.issues = issues;
  }
}

export function toOperationOutcome(issues: readonly OutcomeIssue[]): fhir4.OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: issues.map((issue) => ({ ...issue })) };
}
