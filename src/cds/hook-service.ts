/**
 * One CDS Hooks call, from request body to response (CDS Hooks 2.0 §Calling a CDS Service):
 * validate, gather the patient's data (prefetch, else FHIR), evaluate the rules, build the
 * cards. No HTTP here: the same function serves the HTTP route, the CLI and the tests.
 */
import type { ServiceSettings } from './service-settings.js';
import { evaluate, type Evaluation } from '../rules/evaluate.js';
import { buildPatientRecord } from '../rules/patient-record.js';
import type { RuleOutcome } from '../rules/rule-outcome.js';
import { callAudit, type AuditDeps } from './call-audit.js';
import { countAnsweredCall, countProvenance, timedAccess, timedRule } from './call-metrics.js';
import { buildCards, ruleIdOf } from './cards/build-card.js';
import type { FhirAccess } from '../fhir/fhir-query.js';
import { gatherPatientData, type DataProvenance } from './patient-data.js';
import { isUnrelatedCondition } from './unrelated-condition.js';
import { parseCall, serviceWithId } from './hook-request.js';
import type { ServiceMetrics } from './metrics.js';
import type { HookRequest } from './request-schema.js';
import type { Card, HookResponse } from './response-schema.js';
import { dataNeedsOf, type ServiceDefinition } from './service-definition.js';
import { authorizedAccess, checkAuthorizedPatient } from './fhir-authorization.js';

/** How to reach the client's FHIR server for this call, or why it cannot be used. */
export interface HookCallDeps {
  settings: ServiceSettings;
  now: Date;
  locale: string;
  newUuid: () => string;
  /** Decides whether the request's fhirServer may be called (allowlist, scheme) and how. */
  fhirAccess: (request: HookRequest) => FhirAccess;
  metrics: ServiceMetrics;
  /** Where served cards are audited (before the answer) and overrides are looked up. */
  audit: AuditDeps | undefined;
  /** Where a guard that acted is reported (warn level); never given patient data. */
  logger?: { warn(fields: object, message: string): void };
  /** The verified CDS client calling; feedback on its cards counts only from it (issue #14). */
  caller?: { iss: string; tenant: string | undefined } | undefined;
}

export interface HookCallResult {
  response: HookResponse;
  /** The cards of silent rules (issue #17): built as if live, audited, never in `response`. */
  silentCards: Card[];
  /** The outcomes and the explain trace; not the patient's facts, which are gone by the answer. */
  evaluation: Omit<Evaluation, 'facts'>;
  service: ServiceDefinition;
  provenance: Record<string, DataProvenance>;
}

/**
 * In two steps (issue #15): the first reads the patient's data, evaluates and drafts every
 * card; the second suppresses, audits and answers, holding only outcomes, cards and trace.
 * The audit's awaits then keep no prefetch or patient record alive while other calls run, so
 * a young-generation collection during a commit copies no one's 2,000 resources
 * (docs/performance-log.md §14).
 */
export async function callService(
  serviceId: string,
  body: unknown,
  deps: HookCallDeps,
): Promise<HookCallResult> {
  const evaluated = await evaluateCall(serviceWithId(deps.settings, serviceId), body, deps);
  return auditedAnswer(evaluated, deps);
}

/** What the answer is made of once the patient's data have been read and evaluated. */
interface EvaluatedCall {
  service: ServiceDefinition;
  hookInstance: string;
  patientId: string;
  evaluation: Omit<Evaluation, 'facts'>;
  /** The card of every fired live rule (by severity), before suppression. */
  liveCards: Card[];
  silentCards: Card[];
  provenance: Record<string, DataProvenance>;
}

async function evaluateCall(
  service: ServiceDefinition,
  body: unknown,
  deps: HookCallDeps,
): Promise<EvaluatedCall> {
  const { settings } = deps;
  const arrived = performance.now();
  const { request, ruleContext } = parseCall(service, body);
  checkAuthorizedPatient(request, ruleContext.patientId);

  const budget = { exhausted: false };
  const gathered = await gatherPatientData(
    dataNeedsOf(service),
    request.prefetch,
    request.context,
    authorizedAccess(timedAccess(deps.fhirAccess(request), deps.metrics, budget), request, arrived),
    (resource) => isUnrelatedCondition(resource, settings.rules),
  ).finally(() => {
    if (budget.exhausted) deps.metrics.fhirBudgetExhausted(service.id);
  });
  countProvenance(deps.metrics, gathered.provenance);
  const record = buildPatientRecord(ruleContext.patientId, gathered.resources, gathered.gaps);
  const { facts, ...evaluation } = evaluate({
    record,
    settings: settings.rules,
    context: ruleContext,
    now: deps.now,
    runRule: timedRule(deps.metrics),
  });
  // Rules page §6: the output guard acting means a rule let a card through that it should
  // have held. Say which rule and guard, and nothing about the patient.
  for (const action of evaluation.guardActions)
    deps.logger?.warn(
      { serviceId: service.id, hook: service.hook, ruleId: action.ruleId, guard: action.guard },
      'a §6 guard held a card at info: a rule has a gap',
    );
  // Issue #17: a silent rule's card is built as if live and audited, never returned.
  const context = cardContext(settings, deps, ruleContext.patientId);
  const isSilent = isSilentIn(settings);
  return {
    service,
    hookInstance: request.hookInstance,
    patientId: ruleContext.patientId,
    evaluation: {
      ...evaluation,
      // Why data are missing (not sent, not covered by the scope, out of time) leads the trace.
      trace: [...gathered.notes.map((message) => ({ message })), ...evaluation.trace],
    },
    liveCards: buildCards(
      evaluation.outcomes.filter((outcome) => !isSilent(outcome)),
      facts,
      context,
    ),
    silentCards: buildCards(evaluation.outcomes.filter(isSilent), facts, context),
    provenance: gathered.provenance,
  };
}

/** Suppression (overridden cards), then the audit commit, then the answer. */
async function auditedAnswer(call: EvaluatedCall, deps: HookCallDeps): Promise<HookCallResult> {
  const { settings } = deps;
  const audit =
    deps.audit &&
    callAudit(deps.audit, {
      ...deps,
      service: call.service,
      hookInstance: call.hookInstance,
      patientId: call.patientId,
    });
  const isSilent = isSilentIn(settings);
  const outcomes = (
    audit ? await audit.suppress(call.evaluation.outcomes) : call.evaluation.outcomes
  ).map((outcome) => (isSilent(outcome) && outcome.fired ? explainedSilent(outcome) : outcome));
  // Suppression only ever unfires an outcome (its card is then dropped) or explains more:
  // the cards dropped are the ones it hid, counted for the stats and metrics, never audited.
  const stillFired = new Set(outcomes.filter((o) => o.fired).map((o) => o.ruleId));
  const cards: Card[] = [];
  const suppressed: Card[] = [];
  for (const card of call.liveCards)
    (stillFired.has(ruleIdOf(card)) ? cards : suppressed).push(card);
  const { silentCards } = call;
  await audit?.record({ served: cards, silent: silentCards, suppressed });
  // After the record, as the statistics count the call (./call-audit.ts): a call refused
  // on the way (400, 401, 412, 429, or 503 when it cannot be recorded) counts in neither.
  countAnsweredCall(deps.metrics, call.service.id, {
    served: cards,
    silent: silentCards,
    suppressed,
  });
  return {
    response: { cards },
    silentCards,
    evaluation: { ...call.evaluation, outcomes },
    service: call.service,
    provenance: call.provenance,
  };
}

/** Whether an outcome's rule is in silent mode (issue #17) under these settings. */
function isSilentIn(settings: ServiceSettings) {
  return (outcome: RuleOutcome) => settings.silentRules.has(outcome.ruleId);
}

function explainedSilent(outcome: RuleOutcome): RuleOutcome {
  const why = 'silent mode: the card is built and audited, never returned (docs/go-live.md)';
  return { ...outcome, explain: [...outcome.explain, why] };
}

/** What the cards are written with: the caller's locale (else the default) and the settings. */
function cardContext(settings: ServiceSettings, deps: HookCallDeps, patientId: string) {
  const wording = settings.wording[deps.locale] ?? settings.wording[settings.defaultLocale];
  if (!wording)
    throw new Error(
      `no wording for locale ${deps.locale} nor the default ${settings.defaultLocale}`,
    );
  return {
    wording,
    terminology: settings.rules.terminology,
    patientId,
    settings: settings.cards,
    lookbackDays: settings.rules.imagingLookbackDays,
    serviceVersion: settings.serviceVersion,
    configHash: settings.configHash,
    newUuid: deps.newUuid,
  };
}
