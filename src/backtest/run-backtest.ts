/**
 * A backtest from source to report: the source yields one patient at a time, batches go to
 * the worker threads, their tallies are added, and the report says what was read, what was
 * not, and what the rules would have shown.
 */
import { availableParallelism } from 'node:os';
import { pseudonymiser } from '../cds/pseudonyms.js';
import type { ServiceSettings } from '../cds/service-settings.js';
import type { BacktestHook } from './backtest-hooks.js';
import { buildReport, type BacktestReport, type SourceInput } from './backtest-report.js';
import { reportChanges } from './patient-changes.js';
import type { Tally } from './tally.js';
import { startWorkerPool } from './worker-pool.js';
import type { PatientLines, RulesSource } from './worker-messages.js';

/** Patients per message to a worker: large enough that messaging costs little. */
const BATCH_SIZE = 100;

/** Where the patients come from: an export folder (DuckDB) or a FHIR server. */
export interface PatientSource {
  /** Patients expected, when known before reading them (for the ETA). */
  total: number | undefined;
  patients(): AsyncGenerator<PatientLines>;
  /** What the source read and could not use, once every patient was read. */
  input(): SourceInput;
  close(): void;
}

/** A configuration to evaluate every patient under, and the settings built from it. */
export interface BacktestConfiguration {
  /** The config file; undefined for the built-in configuration. */
  file: string | undefined;
  /**
   * Built once, on the main thread, which so checks the configuration before any patient is
   * read; the workers compile the rules again from `classification` (./worker-messages.ts).
   */
  settings: Pick<ServiceSettings, 'configHash' | 'classification' | 'rules' | 'silentRules'>;
}

export interface BacktestOptions {
  hook: BacktestHook;
  now: Date;
  configuration: BacktestConfiguration;
  /** --compare with a configuration: every patient is also evaluated under this one. */
  compareWith?: BacktestConfiguration | undefined;
  /** The audit's HMAC key; undefined means --show-ids (patients named by id). */
  auditSecret: Buffer | undefined;
  workers?: number;
  onProgress?: (done: number, total: number | undefined) => void;
}

export async function runBacktest(
  source: PatientSource,
  options: BacktestOptions,
): Promise<BacktestReport> {
  const pool = startWorkerPool(
    {
      hook: options.hook,
      now: options.now.toISOString(),
      configurations: [
        rulesSourceOf(options.configuration),
        ...(options.compareWith ? [rulesSourceOf(options.compareWith)] : []),
      ],
      auditSecret: options.auditSecret ? new Uint8Array(options.auditSecret) : undefined,
    },
    options.workers ?? availableParallelism(),
  );
  pool.onProgress = (done) => options.onProgress?.(done, source.total);
  let batch: PatientLines[] = [];
  try {
    for await (const patient of source.patients()) {
      batch.push(patient);
      if (batch.length >= BATCH_SIZE) {
        await pool.submit(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await pool.submit(batch);
  } catch (error) {
    await pool.finish().catch(() => undefined);
    throw error;
  } finally {
    source.close();
  }
  const [tally, comparedTally] = (await pool.finish()) as [Tally, Tally | undefined];
  const input = source.input();
  // Patients not read are named like the others: by pseudonymous key unless --show-ids.
  const secret = options.auditSecret;
  if (secret) {
    const pseudonymise = pseudonymiser(secret);
    input.patientsNotRead = input.patientsNotRead.map((id) => pseudonymise(`Patient/${id}`));
  }
  const meta = {
    hook: options.hook,
    now: options.now,
    showIds: options.auditSecret === undefined,
  };
  const reportOf = (counted: Tally, { file, settings }: BacktestConfiguration) =>
    buildReport(
      counted,
      {
        ...meta,
        configHash: settings.configHash,
        configFile: file,
        terminology: settings.rules.terminology,
        disabledRules: settings.rules.disabledRules,
        silentRules: settings.silentRules,
      },
      input,
    );
  const report = reportOf(tally, options.configuration);
  const compared = options.compareWith;
  if (!compared || !comparedTally) return report;
  return {
    ...report,
    compared: reportOf(comparedTally, compared),
    changedPatients: reportChanges(tally.changedPatients, {
      showIds: meta.showIds,
      levelsCompared: true,
    }),
  };
}

/** What a worker compiles a configuration's rules from: the data, not the compiled settings. */
function rulesSourceOf({ settings }: BacktestConfiguration): RulesSource {
  const { disabledRules, indicators } = settings.rules;
  return { classification: settings.classification, levels: { disabledRules, indicators } };
}
