/**
 * Card suggestions as FHIR create actions (CDS Hooks 2.0 §Suggestion, §Action): the work-up a
 * rule offers becomes draft ServiceRequests, and a reported-but-unlisted finding becomes a
 * provisional Condition citing every report that showed it, labelled with the finding's name.
 * Order codes come from value sets a site can replace (the first concept is proposed); where a
 * value set is empty, the order carries its text only.
 */
import type { ReportedFinding, RuleOutcome } from '../../rules/rule-outcome.js';
import type { Terminology } from '../../rules/terminology.js';
import type { ValueSetRole } from '../../rules/value-set-roles.js';
import type { Card } from '../response-schema.js';
import type { ReportedView } from './reported-view.js';
import { addConditionLabel } from './suggestion-label.js';
import type { Wording } from './wording.js';

type Suggestion = NonNullable<Card['suggestions']>[number];

export interface SuggestionContext {
  wording: Wording;
  terminology: Terminology;
  /**
   * The card view's `reported`: one view a finding of `outcome.reported`, in its order, for the
   * label naming it. Built once (card-view.ts), so the label and the card's detail name it alike.
   */
  reportedViews: readonly ReportedView[];
  patientId: string;
  newUuid: () => string;
}

export function buildSuggestions(outcome: RuleOutcome, context: SuggestionContext): Suggestion[] {
  const { wording } = context;
  const labels = wording.suggestionLabels;
  const texts = wording.orderTexts;
  const reasons = outcome.findings.flatMap((f) => f.references);
  const order = (role: ValueSetRole, text: string) => createOrder(role, text, reasons, context);
  const suggestions: Suggestion[] = [];
  if (outcome.workup.wholeBodyImaging) {
    suggestions.push(suggestion(context, labels.orderPetCt, [order('orderPetCt', texts.petCt)]));
  }
  if (outcome.workup.neuraxisMri) {
    // Both MRIs, less one already drafted on the order hooks (rules page §4); one alone is
    // named by its order.
    const { brain, spine } = outcome.workup.neuraxisMriParts;
    const label =
      brain && spine ? labels.orderNeuraxisMri : brain ? texts.mriBrain : texts.mriSpine;
    suggestions.push(
      suggestion(context, label, [
        ...(brain ? [order('orderMriBrain', texts.mriBrain)] : []),
        ...(spine ? [order('orderMriSpine', texts.mriSpine)] : []),
      ]),
    );
  }
  if (outcome.workup.csfWorkup) {
    suggestions.push(
      suggestion(context, labels.orderCsfWorkup, [
        order('orderCsfCytology', texts.csfCytology),
        order('orderCsfFlowCytometry', texts.csfFlowCytometry),
      ]),
    );
  }
  // One suggestion a finding, however many reports show it (the rule merged them, H59), its
  // label naming the finding so that two findings' buttons differ.
  for (const [index, reported] of outcome.reported.entries()) {
    const view = context.reportedViews[index];
    if (view === undefined) throw new Error(`reported finding ${String(index)} has no view`);
    const label = addConditionLabel(wording, view);
    suggestions.push(
      suggestion(context, label, [addCondition(reported, context.patientId, label)]),
    );
  }
  return suggestions;
}

function suggestion(
  context: SuggestionContext,
  label: string,
  actions: Suggestion['actions'],
): Suggestion {
  return { label, uuid: context.newUuid(), actions };
}

type Action = NonNullable<Suggestion['actions']>[number];

function createOrder(
  role: ValueSetRole,
  text: string,
  reasons: readonly string[],
  context: SuggestionContext,
): Action {
  const [coding] = context.terminology.conceptsOf(role);
  const resource: fhir4.ServiceRequest = {
    resourceType: 'ServiceRequest',
    status: 'draft',
    intent: 'proposal',
    subject: { reference: `Patient/${context.patientId}` },
    code: {
      ...(coding?.system && coding.code
        ? {
            coding: [
              {
                system: coding.system,
                code: coding.code,
                ...(coding.display ? { display: coding.display } : {}),
              },
            ],
          }
        : {}),
      text,
    },
    ...(reasons.length > 0 ? { reasonReference: reasons.map((reference) => ({ reference })) } : {}),
  };
  return { type: 'create', description: text, resource: { ...resource } };
}

function addCondition(reported: ReportedFinding, patientId: string, description: string): Action {
  const resource: fhir4.Condition = {
    resourceType: 'Condition',
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' },
      ],
    },
    // Provisional until a clinician confirms it: the report is the only evidence so far.
    verificationStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
          code: 'provisional',
        },
      ],
    },
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/condition-category',
            code: 'problem-list-item',
          },
        ],
      },
    ],
    code: reported.code,
    ...(reported.sites.length > 0 ? { bodySite: [...reported.sites] } : {}),
    subject: { reference: `Patient/${patientId}` },
    // Every report that showed it (rules page §2 "Duplicates": all its references).
    evidence: [{ detail: reported.reports.map((report) => ({ reference: report.reference })) }],
  };
  return { type: 'create', description, resource: { ...resource } };
}
