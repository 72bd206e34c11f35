/** What the backtest's main thread and its workers send each other (structured clone). */
import type { BacktestHook } from './evaluate-patient.js';
import type { Tally } from './tally.js';

export interface WorkerSetup {
  hook: BacktestHook;
  /** ISO date-time every patient is evaluated at. */
  now: string;
  /**
   * The configurations evaluated, each patient under every one (undefined: the built-in
   * defaults): the configuration under test, then the one of --compare if given.
   */
  configFiles: (string | undefined)[];
  /** The audit's HMAC key: patients are named by pseudonymous key. Absent: by id (--show-ids). */
  auditSecret: Uint8Array | undefined;
}

/** One patient's resources as NDJSON lines. */
export interface PatientLines {
  id: string;
  lines: string[];
}

export interface BatchRequest {
  id: number;
  patients: PatientLines[];
}

export interface BatchReply {
  id: number;
  /** One tally per configuration, in the order of `WorkerSetup.configFiles`. */
  tallies: Tally[];
}
