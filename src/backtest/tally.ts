/**
 * Counting a backtest: per rule, the patients with at least one card (once, at the highest
 * indicator among their cards) and all cards; the patients' keys per rule; the patients with
 * diagnoses whose codes were not read (./codes-not-read.ts). Tallies of batches merge by
 * addition, so workers count and the main thread only adds.
 */
import { INDICATORS, type Indicator } from '../rules/types.js';
import {
  addCodesNotRead,
  emptyCodesNotRead,
  mergeCodesNotRead,
  type CodesNotReadTally,
} from './codes-not-read.js';
import type { PatientResult } from './evaluate-patient.js';
import { highestByRule, type PatientChange } from './patient-changes.js';

export type ByIndicator = Record<Indicator, number>;

export interface RuleTally {
  patients: number;
  byIndicator: ByIndicator;
  cards: number;
  /** Pseudonymous keys (or ids with --show-ids) of the patients with a card of this rule. */
  patientKeys: string[];
}

export interface Tally {
  patients: number;
  myelomaPatients: number;
  invalidResources: number;
  /** Patients whose evaluation threw (a defect): counted, never silently dropped. */
  failedPatients: string[];
  /** Patients the service would answer 412 (a malformed Condition a rule might read). */
  refusedPatients: string[];
  /** Patients with data marked SUBSETTED (H108): not evaluated (./evaluate-patient.ts). */
  subsettedPatients: string[];
  rules: Record<string, RuleTally>;
  codesNotRead: CodesNotReadTally;
  /**
   * With --compare <config>, in the tally of the configuration under test only: the patients
   * whose cards differ under the other configuration (./patient-changes.ts).
   */
  changedPatients: PatientChange[];
}

export function emptyTally(): Tally {
  return {
    patients: 0,
    myelomaPatients: 0,
    invalidResources: 0,
    failedPatients: [],
    refusedPatients: [],
    subsettedPatients: [],
    rules: {},
    codesNotRead: emptyCodesNotRead(),
    changedPatients: [],
  };
}

const noIndicators = (): ByIndicator => ({ info: 0, warning: 0, critical: 0 });

function ruleTally(tally: Tally, ruleId: string): RuleTally {
  const existing = tally.rules[ruleId];
  if (existing) return existing;
  const created: RuleTally = {
    patients: 0,
    byIndicator: noIndicators(),
    cards: 0,
    patientKeys: [],
  };
  tally.rules[ruleId] = created;
  return created;
}

export interface AddOptions {
  /** --show-ids: `key` is the patient's id, listed with its codes not read. */
  listsIds: boolean;
}

export function addPatient(
  tally: Tally,
  key: string,
  result: PatientResult,
  { listsIds }: AddOptions,
): void {
  tally.patients += 1;
  addCodesNotRead(tally.codesNotRead, listsIds ? key : undefined, result.codesNotRead);
  if (result.isMyelomaPatient) tally.myelomaPatients += 1;
  tally.invalidResources += result.invalidResources;
  if (result.refused) tally.refusedPatients.push(key);
  if (result.sentInPart) tally.subsettedPatients.push(key);
  for (const card of result.cards) ruleTally(tally, card.ruleId).cards += 1;
  for (const [ruleId, indicator] of highestByRule(result.cards)) {
    const rule = ruleTally(tally, ruleId);
    rule.patients += 1;
    rule.byIndicator[indicator] += 1;
    rule.patientKeys.push(key);
  }
}

export function mergeTally(into: Tally, from: Tally): void {
  into.patients += from.patients;
  into.myelomaPatients += from.myelomaPatients;
  into.invalidResources += from.invalidResources;
  into.failedPatients.push(...from.failedPatients);
  into.refusedPatients.push(...from.refusedPatients);
  into.subsettedPatients.push(...from.subsettedPatients);
  mergeCodesNotRead(into.codesNotRead, from.codesNotRead);
  into.changedPatients.push(...from.changedPatients);
  for (const [ruleId, source] of Object.entries(from.rules)) {
    const target = ruleTally(into, ruleId);
    target.patients += source.patients;
    target.cards += source.cards;
    for (const indicator of INDICATORS)
      target.byIndicator[indicator] += source.byIndicator[indicator];
    target.patientKeys.push(...source.patientKeys);
  }
}
