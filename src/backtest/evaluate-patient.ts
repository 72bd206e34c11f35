/**
 * One patient of a backtest through the same steps as a hook call, minus the protocol:
 * each resource checked with the service's FHIR shapes (src/fhir/resource-schemas.ts), the
 * record built and the rules run by src/rules, unchanged. A fired outcome is a card
 * (src/cds/cards/build-card.ts builds one per fired outcome, at its indicator); building
 * the card text is skipped because a backtest only counts cards.
 *
 * A malformed resource is treated as the service treats it, by src/cds/malformed-data.ts,
 * which the timeline app shares: a malformed Condition that might be read by a rule makes the
 * service answer 412, so the patient gets no card and is listed as refused; one no rule reads
 * is left out (H37); a malformed study switches the imaging checks off, as its missing search
 * would, and so does a malformed imaging report. An export holds every report, but the service
 * searches imaging reports only: a malformed lab report is left out, as the service would never
 * have read it.
 *
 * A Condition, study or report marked SUBSETTED (sent only in part, H108) is not read as whole:
 * the service reads such data afresh from the FHIR server, or answers 412 without one (for the
 * Conditions; studies and reports are then not had), so what it would show depends on data the
 * file does not hold. Such a patient is not evaluated at all: no card and no myeloma counted,
 * only listed, so that the export is made again in full (../fhir/subsetted.ts).
 */
import { checkGathered, judgeMalformed, type GatheredResource } from '../cds/malformed-data.js';
import { isSentInPart } from '../fhir/subsetted.js';
import { resourceTypeOf } from '../rules/fhir-resource-type.js';
import { evaluate } from '../rules/evaluate.js';
import { assessMyeloma } from '../rules/myeloma.js';
import { derivePatientFacts } from '../rules/patient-facts.js';
import { buildPatientRecord, type DataGap, type PatientRecord } from '../rules/patient-record.js';
import type { HookContext, Indicator, RuleId, RuleSettings } from '../rules/types.js';
import { unreadConditions } from '../rules/unread-conditions.js';
import type { UnreadCondition } from '../rules/unread-kinds.js';
import type { CodeNotRead } from './codes-not-read.js';
import type { BacktestHook } from './backtest-hooks.js';

export interface PatientCard {
  ruleId: RuleId;
  indicator: Indicator;
}

export interface PatientResult {
  isMyelomaPatient: boolean;
  /** patient-view: the cards of one call; imaging-review: of one call per ImagingStudy. */
  cards: PatientCard[];
  /** Resources that fail the shapes the rules read: left out of the record. */
  invalidResources: number;
  /**
   * The service would answer this patient's calls with 412: a malformed Condition might be
   * the myeloma or a finding. No card is counted, as none would be shown.
   */
  refused: boolean;
  /**
   * A Condition, study or report of the patient is marked SUBSETTED (H108): not evaluated, so
   * no card, no myeloma and no codes not read are counted from data sent only in part.
   */
  sentInPart: boolean;
  /**
   * The codes of the Conditions the explain trace names as not read (H74, H76); none for a
   * refused patient, whose calls the service answers without a trace.
   */
  codesNotRead: readonly CodeNotRead[];
}

/** A patient's record, read once and evaluated under each configuration of the run. */
export interface ReadPatient {
  /** The well-formed resources' record, before any malformed resource is judged. */
  record: PatientRecord;
  invalidResources: number;
  /**
   * Resources that fail the shapes, each as the data of its own type (an export is split by
   * type): whether one is read by a rule depends on the value sets in force.
   */
  malformed: readonly GatheredResource[];
  /** Some resource of a type the rules read is marked SUBSETTED, malformed ones included. */
  sentInPart: boolean;
}

export function readPatient(patientId: string, resources: readonly unknown[]): ReadPatient {
  const { resources: sourced, malformed } = checkGathered(
    resources.map((resource) => ({ resource, from: resourceTypeOf(resource) ?? '' })),
  );
  return {
    record: buildPatientRecord(patientId, sourced),
    invalidResources: malformed.length,
    malformed,
    sentInPart: resources.some(isSentInPart),
  };
}

export function evaluatePatient(
  { record: asRead, invalidResources, malformed, sentInPart }: ReadPatient,
  hook: BacktestHook,
  settings: RuleSettings,
  now: Date,
): PatientResult {
  const { refusedBy, gaps } = judgeMalformed(malformed, settings);
  const record = gaps.size > 0 ? withGaps(asRead, gaps) : asRead;
  const { patientId } = record;
  // Refused too, when it is: a malformed Condition a rule might read stays so, read afresh.
  if (sentInPart)
    return {
      isMyelomaPatient: false,
      cards: [],
      invalidResources,
      refused: refusedBy.length > 0,
      sentInPart,
      codesNotRead: [],
    };
  if (refusedBy.length > 0)
    return {
      isMyelomaPatient: assessMyeloma(record, settings, now).isMyelomaPatient,
      cards: [],
      invalidResources,
      refused: true,
      sentInPart,
      codesNotRead: [],
    };
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
  // The same for every context: the facts they rest on do not depend on the call.
  let unread: readonly UnreadCondition[] | undefined;
  const cards: PatientCard[] = [];
  for (const context of contexts) {
    const evaluation = evaluate({ record, settings, context, now });
    isMyelomaPatient = evaluation.facts.myeloma.isMyelomaPatient;
    unread ??= evaluation.unread;
    for (const outcome of evaluation.outcomes)
      if (outcome.fired && outcome.indicator)
        cards.push({ ruleId: outcome.ruleId, indicator: outcome.indicator });
    // No myeloma: no study of this patient can raise a card (rules page §3.1).
    if (!isMyelomaPatient) break;
  }
  if (isMyelomaPatient === undefined || unread === undefined) {
    // imaging-review of a patient without studies: nothing was evaluated; the facts (rules
    // page §3) still say whether the patient has myeloma and which codes were not read, as a
    // patient-view dry run would, so the summary does not depend on the hook.
    const facts = derivePatientFacts(record, settings, now);
    isMyelomaPatient = facts.myeloma.isMyelomaPatient;
    unread = unreadConditions(facts, settings);
  }
  return {
    isMyelomaPatient,
    cards,
    invalidResources,
    refused: false,
    sentInPart,
    codesNotRead: unread.flatMap(({ kind, codes }) => codes.map((code) => ({ kind, ...code }))),
  };
}

/** The record with the data malformed resources spoilt marked as not obtained, as the service would. */
function withGaps(record: PatientRecord, gaps: ReadonlySet<DataGap>): PatientRecord {
  return { ...record, dataGaps: new Set([...record.dataGaps, ...gaps]) };
}
