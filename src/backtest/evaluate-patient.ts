/**
 * One patient of a backtest through the same steps as a hook call, minus the protocol:
 * each resource checked with the service's FHIR shapes (src/fhir/resource-schemas.ts), the
 * record built and the rules run by src/rules, unchanged. A fired outcome is a card
 * (src/cds/cards/build-card.ts builds one per fired outcome, at its indicator); building
 * the card text is skipped because a backtest only counts cards.
 */
import { checkResource } from '../fhir/resource-schemas.js';
import { evaluate } from '../rules/evaluate.js';
import {
  buildPatientRecord,
  type PatientRecord,
  type SourcedResource,
} from '../rules/patient-record.js';
import type { HookContext, Indicator, RuleId, RuleSettings } from '../rules/types.js';

export const BACKTEST_HOOKS = ['patient-view', 'imaging-review'] as const;
export type BacktestHook = (typeof BACKTEST_HOOKS)[number];

export interface PatientCard {
  ruleId: RuleId;
  indicator: Indicator;
}

export interface PatientResult {
  isMyelomaPatient: boolean;
  /** patient-view: the cards of one call; imaging-review: of one call per ImagingStudy. */
  cards: PatientCard[];
  /** Resources that fail the shapes the rules read: left out, as a service would not use them. */
  invalidResources: number;
}

/** A patient's record, read once and evaluated under each configuration of the run. */
export interface ReadPatient {
  record: PatientRecord;
  invalidResources: number;
}

export function readPatient(patientId: string, resources: readonly unknown[]): ReadPatient {
  const sourced: SourcedResource[] = [];
  let invalidResources = 0;
  for (const resource of resources) {
    if (checkResource(resource).success) sourced.push({ resource: resource as fhir4.Resource });
    else invalidResources += 1;
  }
  return { record: buildPatientRecord(patientId, sourced), invalidResources };
}

export function evaluatePatient(
  { record, invalidResources }: ReadPatient,
  hook: BacktestHook,
  settings: RuleSettings,
  now: Date,
): PatientResult {
  const { patientId } = record;
  const contexts: HookContext[] =
    hook === 'patient-view'
      ? [{ kind: 'patient-view', patientId }]
      : record.imagingStudies.map((study) => ({
          kind: 'imaging-review',
          patientId,
          imagingStudyId: study.resource.id ?? '',
          diagnosticReportId: undefined,
        }));
  let isMyelomaPatient: boolean | undefined;
  const cards: PatientCard[] = [];
  for (const context of contexts) {
    const evaluation = evaluate({ record, settings, context, now });
    isMyelomaPatient = evaluation.facts.myeloma.isMyelomaPatient;
    for (const outcome of evaluation.outcomes)
      if (outcome.fired && outcome.indicator)
        cards.push({ ruleId: outcome.ruleId, indicator: outcome.indicator });
    // No myeloma: no study of this patient can raise a card (rules page §3.1).
    if (!isMyelomaPatient) break;
  }
  // imaging-review of a patient without studies: nothing was evaluated; the facts still say
  // whether the patient has myeloma, for the summary.
  isMyelomaPatient ??= evaluate({
    record,
    settings,
    context: { kind: 'patient-view', patientId },
    now,
  }).facts.myeloma.isMyelomaPatient;
  return { isMyelomaPatient, cards, invalidResources };
}
