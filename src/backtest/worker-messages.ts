/** What the backtest's main thread and its workers send each other (structured clone). */
import type { CardLevels, ClassificationSource } from '../rules/rule-settings.js';
import type { BacktestHook } from './backtest-hooks.js';
import type { Tally } from './tally.js';

/**
 * One configuration's rule settings as the plain data they are compiled from
 * (compileRuleSettings' two arguments). The main thread has read and checked the
 * configuration and its files; a worker only compiles these, in milliseconds, instead of
 * reading and checking it all again. The compiled settings cannot be sent: Terminology keeps
 * its indexes in private fields, which a structured clone drops.
 */
export interface RulesSource {
  classification: ClassificationSource;
  levels: CardLevels;
}

export interface WorkerSetup {
  hook: BacktestHook;
  /** ISO date-time every patient is evaluated at. */
  now: string;
  /**
   * The configurations evaluated, each patient under every one: the configuration under
   * test, then the one of --compare if given.
   */
  configurations: RulesSource[];
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
  /** One tally per configuration, in the order of `WorkerSetup.configurations`. */
  tallies: Tally[];
}
