/** Rules page §3: the derived facts every rule reads, computed once per evaluation. */
import { collectFindings, type FindingsResult } from './collect-findings.js';
import { assessImagingCoverage, type ImagingCoverage } from './imaging-coverage.js';
import { conditionCodeRoles } from './condition-codes.js';
import { assessMyeloma, type MyelomaFacts } from './myeloma.js';
import type { PatientRecord } from './patient-record.js';
import { determinePhase, type PhaseFacts } from './phase.js';
import type { RuleSettings } from './types.js';

export interface PatientFacts {
  record: PatientRecord;
  myeloma: MyelomaFacts;
  findings: FindingsResult;
  phase: PhaseFacts;
  imaging: ImagingCoverage;
  /** The evaluation time every date comparison uses. */
  now: Date;
}

export function derivePatientFacts(
  record: PatientRecord,
  settings: RuleSettings,
  now: Date,
): PatientFacts {
  // Each Condition's code is classified once, then read by both (issue #15).
  const codeRoles = conditionCodeRoles(record, settings);
  const myeloma = assessMyeloma(record, settings, now, codeRoles);
  const findings = collectFindings(record, settings, now, codeRoles);
  return {
    record,
    myeloma,
    findings,
    phase: determinePhase(myeloma, findings, settings.phaseWindowDays),
    imaging: assessImagingCoverage(record, settings, now),
    now,
  };
}
