/**
 * Rules page §3.1: the patient has myeloma when any non-refuted, non-entered-in-error
 * multiple myeloma or plasma cell leukaemia Condition exists, whatever its clinical status.
 */
import { certaintyOf, clinicalStatusCode, onsetOf } from './condition-status.js';
import { conceptLabel } from './findings.js';
import type { PatientRecord } from './patient-record.js';
import type { RuleSettings, TraceLine } from './types.js';

export interface MyelomaCondition {
  reference: string;
  label: string;
  isUncertain: boolean;
  /** Coded in the relapse value set, or clinicalStatus relapse / recurrence. */
  isRelapse: boolean;
  /** Coded in the remission value set (C90.x1), or clinicalStatus remission. */
  isRemission: boolean;
  onset: string | undefined;
}

export interface MyelomaFacts {
  isMyelomaPatient: boolean;
  /** Every myeloma Condition is unconfirmed, provisional or differential: cards are lowered. */
  isUncertain: boolean;
  conditions: readonly MyelomaCondition[];
  trace: readonly TraceLine[];
}

export function assessMyeloma(record: PatientRecord, settings: RuleSettings): MyelomaFacts {
  const { terminology } = settings;
  const trace: TraceLine[] = [];
  const conditions: MyelomaCondition[] = [];
  for (const entry of record.conditions) {
    const condition = entry.resource;
    const codings = condition.code?.coding ?? [];
    const role = terminology.match('multipleMyeloma', codings)
      ? 'multipleMyeloma'
      : terminology.match('plasmaCellLeukemia', codings)
        ? 'plasmaCellLeukemia'
        : undefined;
    if (!role) continue;
    const certainty = certaintyOf(condition);
    if (certainty === 'excluded') {
      trace.push({
        reference: entry.reference,
        message: `myeloma Condition ignored: verificationStatus ${condition.verificationStatus?.coding?.[0]?.code ?? ''}`,
      });
      continue;
    }
    const status = clinicalStatusCode(condition);
    const myeloma: MyelomaCondition = {
      reference: entry.reference,
      label: conceptLabel(condition.code) ?? 'multiple myeloma',
      isUncertain: certainty === 'uncertain',
      isRelapse:
        terminology.match('myelomaRelapse', codings) !== undefined ||
        status === 'relapse' ||
        status === 'recurrence',
      isRemission:
        terminology.match('myelomaRemission', codings) !== undefined || status === 'remission',
      onset: onsetOf(condition),
    };
    trace.push({
      reference: entry.reference,
      message: `myeloma Condition (${terminology.urlOf(role)})${myeloma.isUncertain ? ', uncertain' : ''}${myeloma.isRelapse ? ', in relapse' : ''}${myeloma.isRemission ? ', in remission' : ''}`,
    });
    conditions.push(myeloma);
  }
  return {
    isMyelomaPatient: conditions.length > 0,
    isUncertain: conditions.length > 0 && conditions.every((c) => c.isUncertain),
    conditions,
    trace,
  };
}
