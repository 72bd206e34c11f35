/**
 * What the core asks of a client's FHIR server: one read or search per prefetch key. Declared
 * here, beside the implementation (./fhir-kit-runner.ts), and used by src/cds/, which sits
 * above src/fhir/ (docs/architecture.md).
 */
import type { SourcedResource } from '../rules/patient-record.js';
import type { LeaveOut } from './parse-fhir-data.js';

/** The FHIR interaction behind one prefetch key; src/cds/'s DataNeed extends it. */
export interface FhirQueryTarget {
  resourceType: string;
  interaction: 'read' | 'search';
}

/** Runs one prefetch query against the client's FHIR server. */
export interface FhirQueryRunner {
  /**
   * All resources the query returns; `continueFrom` resumes a search the client paginated
   * (`withheld`: its first page said results were withheld); `leaveOut` says which malformed
   * results may be left out (./parse-fhir-data.ts), none without it; `onWithheld` is told when
   * a page it reads, or the client's first page it continues, says the server withheld results
   * by its rules (issue type `suppressed`, H131), or is itself marked REDACTED (`redacted`,
   * H141): they are read all the same.
   */
  run(
    need: FhirQueryTarget,
    query: string,
    continueFrom?: {
      resources: SourcedResource[];
      next: string;
      withheld?: true;
      redacted?: true;
    },
    leaveOut?: LeaveOut,
    onWithheld?: (why: WithheldBy) => void,
  ): Promise<SourcedResource[]>;
}

/**
 * How a search answer says some of it was held back, read all the same: an issue of type
 * `suppressed` (H131), or the Bundle itself marked REDACTED (H141).
 */
export type WithheldBy = 'suppressed' | 'redacted';

/** The call's FHIR time budget ran out (counted in the metrics, said in the trace). */
export class FhirBudgetExhausted extends Error {
  override readonly name = 'FhirBudgetExhausted';
}

/**
 * A read cut off because this process was already reading its bound of FHIR answer bytes, every
 * call's reads together (./bytes-in-flight.ts): neither this server's answer nor this call is
 * at fault, so it is counted apart for operations (more workers, or fewer huge answers).
 */
export class FhirNodeReadBoundReached extends Error {
  override readonly name = 'FhirNodeReadBoundReached';
}

/** How this call may read from the request's fhirServer, or why it may not (allowlist, scheme, grant). */
export type FhirAccess = { runner: FhirQueryRunner } | { unusableBecause: string };
