/**
 * The result of a backtest, as `--json` writes it (issue #17): `patients`, `myelomaPatients`
 * and per rule `patients` and `byIndicator` as the issue names them; beside them the cards
 * and cards per 1,000 patients, the patients' keys (ids only with --show-ids), the patients
 * whose diagnoses' codes were not read (`codesNotRead`), and what was not counted and why
 * (`input`), so nothing is dropped silently.
 */
import { RULES_BY_HOOK } from '../rules/evaluate.js';
import { systemFeedFix } from '../rules/system-advice.js';
import type { Terminology } from '../rules/terminology.js';
import type { RuleId } from '../rules/types.js';
import { reportCodesNotRead, type CodesNotReadReport } from './codes-not-read.js';
import type { BacktestHook } from './backtest-hooks.js';
import type { MalformedLine } from './malformed-lines.js';
import type { ChangedPatientsReport } from './patient-changes.js';
import { ruleModeOf, type RuleMode } from './rule-mode.js';
import type { ByIndicator, Tally } from './tally.js';

export interface RuleReport {
  /**
   * Off: not evaluated, so its zeros say nothing; silent: counted, but never shown in
   * production. Absent from a report written before modes were kept.
   */
  mode?: RuleMode;
  patients: number;
  byIndicator: ByIndicator;
  cards: number;
  cardsPer1000: number;
  /** Pseudonymous keys (HMAC of `Patient/<id>` with the audit's key), or `patientIds`. */
  patientKeys?: string[];
  patientIds?: string[];
}

export interface InputReport {
  source: string;
  /** Resources of the types the rules read, with a patient. */
  resources: number;
  malformedLines: number;
  malformed: MalformedLine[];
  withoutPatient: number;
  otherTypes: number;
  /** Resources that fail the shapes the rules read: left out of their patient's record. */
  invalidResources: number;
  /** Patients whose data could not be read (a FHIR server failing mid-run). */
  patientsNotRead: string[];
  /** Set when the list of patients itself could not be read to its end. */
  patientListIncomplete?: string;
  /** Patients whose evaluation failed (a defect of the service; please report it). */
  failedPatients: string[];
  /**
   * Patients the service would answer with 412, so no card: a malformed Condition that might
   * be the myeloma or a finding (docs/clinical-safety.md H37). Their data need fixing.
   */
  refusedPatients: string[];
  /**
   * Patients with a Condition, ImagingStudy or DiagnosticReport marked SUBSETTED (sent only in
   * part, docs/clinical-safety.md H108): not evaluated, so neither a card nor a myeloma
   * diagnosis is counted for them. The service reads such data afresh from the FHIR server,
   * or answers 412 without one; export them whole (no `_elements` or `_summary`).
   */
  subsettedPatients: string[];
}

/** What the source says of its input; the rest of InputReport comes from the evaluation. */
export type SourceInput = Omit<
  InputReport,
  'invalidResources' | 'failedPatients' | 'refusedPatients' | 'subsettedPatients'
>;

export interface BacktestReport {
  patients: number;
  myelomaPatients: number;
  rules: Record<string, RuleReport>;
  /**
   * Patients with a diagnosis whose codes no value set reads, by kind, and the codes most
   * carry. Absent from a report written before it was counted (an earlier run's --json).
   */
  codesNotRead?: CodesNotReadReport;
  hook: BacktestHook;
  now: string;
  configHash: string;
  /** The configuration file evaluated; absent for the built-in defaults. */
  configFile?: string;
  input: InputReport;
  /**
   * With `--compare <config>`: the same patients, read once, evaluated under that
   * configuration (the one in force, say) for comparison with this one.
   */
  compared?: BacktestReport;
  /** With --compare: the patients whose cards differ between the two runs, and how. */
  changedPatients?: ChangedPatientsReport;
}

export function buildReport(
  tally: Tally,
  meta: {
    hook: BacktestHook;
    now: Date;
    configHash: string;
    configFile: string | undefined;
    showIds: boolean;
    /** The configuration's terminology: which code systems' codes a value set may hold. */
    terminology: Terminology;
    disabledRules: ReadonlySet<RuleId>;
    silentRules: ReadonlySet<RuleId>;
  },
  input: SourceInput,
): BacktestReport {
  const hookKind = meta.hook === 'patient-view' ? 'patient-view' : 'imaging-review';
  const rules: Record<string, RuleReport> = {};
  for (const rule of RULES_BY_HOOK[hookKind]) {
    const counted = tally.rules[rule.id];
    const keys = [...(counted?.patientKeys ?? [])].sort();
    rules[rule.id] = {
      mode: ruleModeOf(rule.id, meta.disabledRules, meta.silentRules),
      patients: counted?.patients ?? 0,
      byIndicator: counted?.byIndicator ?? { info: 0, warning: 0, critical: 0 },
      cards: counted?.cards ?? 0,
      cardsPer1000: perThousand(counted?.cards ?? 0, tally.patients),
      ...(meta.showIds ? { patientIds: keys } : { patientKeys: keys }),
    };
  }
  return {
    patients: tally.patients,
    myelomaPatients: tally.myelomaPatients,
    rules,
    codesNotRead: reportCodesNotRead(tally.codesNotRead, meta.showIds, (system) =>
      systemFeedFix(system, meta.terminology),
    ),
    hook: meta.hook,
    now: meta.now.toISOString(),
    configHash: meta.configHash,
    ...(meta.configFile ? { configFile: meta.configFile } : {}),
    input: {
      ...input,
      invalidResources: tally.invalidResources,
      failedPatients: [...tally.failedPatients].sort(),
      refusedPatients: [...tally.refusedPatients].sort(),
      subsettedPatients: [...tally.subsettedPatients].sort(),
    },
  };
}

/**
 * Why the patients sent in part are not evaluated, and what to do, as the table and the HTML
 * say it: the service would not read such data as whole (H108).
 */
export const SUBSETTED_WORDS =
  'a Condition, imaging study or report marked SUBSETTED (meta.tag or meta.security), sent without some of its elements, which the service reads afresh from the FHIR server, or answers 412 for without one (H108, H141): export them whole, without _elements or _summary';

/** Cards per 1,000 patients, to one decimal. */
function perThousand(count: number, patients: number): number {
  return patients === 0 ? 0 : Math.round((count * 10_000) / patients) / 10;
}

/** How a report is named when another is compared with it: its file, else the defaults. */
export function comparedLabel(report: BacktestReport): string {
  const config = report.configFile ?? 'the built-in configuration';
  return `${config} (config ${report.configHash}, ${String(report.patients)} patients)`;
}
