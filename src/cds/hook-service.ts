/**
 * One CDS Hooks call, from request body to response (CDS Hooks 2.0 §Calling a CDS Service):
 * validate, gather the patient's data (prefetch, else FHIR), evaluate the rules, build the
 * cards. No HTTP here: the same function serves the HTTP route, the CLI and the tests.
 */
import type { ServiceSettings } from '../config/settings.js';
import { ServiceError } from '../errors.js';
import { evaluate, type Evaluation } from '../rules/evaluate.js';
import { buildPatientRecord } from '../rules/patient-record.js';
import { buildCards, CARD_EXTENSION } from './cards/build-card.js';
import { gatherPatientData, type DataProvenance, type FhirQueryRunner } from './patient-data.js';
import { isSupportedHook, parseHookContext } from './hooks.js';
import type { ServiceMetrics } from './metrics.js';
import { hookRequestSchema, type HookRequest } from './request-schema.js';
import type { Card, HookResponse } from './response-schema.js';
import type { Pseudonymise } from './pseudonyms.js';
import { suppressOverridden } from './suppression.js';
import type { Store } from '../store/store.js';
import { dataNeedsOf, type ServiceDefinition } from './service-definition.js';
import { zodIssuesToOutcome } from './zod-issues.js';

/** How to reach the client's FHIR server for this call, or why it cannot be used. */
export type FhirAccess = { runner: FhirQueryRunner } | { unusableBecause: string };

export interface HookCallDeps {
  settings: ServiceSettings;
  now: Date;
  locale: string;
  newUuid: () => string;
  /** Decides whether the request's fhirServer may be called (allowlist, scheme) and how. */
  fhirAccess: (request: HookRequest) => FhirAccess;
  metrics: ServiceMetrics;
  /** Where served cards are audited (before the answer) and overrides are looked up. */
  audit: { store: Store; pseudonymise: Pseudonymise } | undefined;
}

export interface HookCallResult {
  response: HookResponse;
  evaluation: Evaluation;
  service: ServiceDefinition;
  provenance: Record<string, DataProvenance>;
}

/** The discovery entries with this id: one per hook it answers. Unknown id → 404. */
export function servicesWithId(settings: ServiceSettings, serviceId: string): ServiceDefinition[] {
  const entries = settings.services.filter((s) => s.id === serviceId);
  if (entries.length > 0) return entries;
  throw new ServiceError('unknown-service', [
    {
      severity: 'error',
      code: 'not-found',
      diagnostics: `no CDS Service with id "${serviceId}"; see GET /cds-services`,
    },
  ]);
}

/**
 * The entry answering `hook`: one id may be listed once per hook (CDS Hooks 2.0 §Discovery:
 * "multiple entries … with the same id for different hooks").
 */
function entryForHook(entries: readonly ServiceDefinition[], hook: string): ServiceDefinition {
  const service = entries.find((s) => s.hook === hook);
  if (service) return service;
  throw new ServiceError('invalid-request', [
    {
      severity: 'error',
      code: 'value',
      diagnostics: `hook: service ${entries[0]?.id ?? ''} answers ${entries.map((s) => `"${s.hook}"`).join(' or ')}, not "${hook}"`,
      expression: ['hook'],
    },
  ]);
}

export async function callService(
  serviceId: string,
  body: unknown,
  deps: HookCallDeps,
): Promise<HookCallResult> {
  const { settings } = deps;
  const entries = servicesWithId(settings, serviceId);
  const parsed = hookRequestSchema.safeParse(body);
  if (!parsed.success) throw new ServiceError('invalid-request', zodIssuesToOutcome(parsed.error));
  const request = parsed.data;
  const service = entryForHook(entries, request.hook);
  if (!isSupportedHook(service.hook))
    throw new Error(`service ${service.id} names hook ${service.hook}, which has no definition`);
  const context = parseHookContext(service.hook, request.context);
  if (!context.ok)
    throw new ServiceError('invalid-request', zodIssuesToOutcome(context.error, ['context']));
  const ruleContext = context.context;

  const gathered = await gatherPatientData(
    dataNeedsOf(service),
    request.prefetch,
    request.context,
    timedAccess(deps.fhirAccess(request), deps.metrics),
  );
  for (const [key, source] of Object.entries(gathered.provenance))
    deps.metrics.prefetchKey(key, source);
  const record = buildPatientRecord(ruleContext.patientId, gathered.resources, gathered.gaps);
  const evaluation = evaluate({
    record,
    settings: settings.rules,
    context: ruleContext,
    now: deps.now,
    runRule: (ruleId, run) => {
      const started = performance.now();
      try {
        return run();
      } finally {
        deps.metrics.ruleEvaluated(ruleId, (performance.now() - started) / 1000);
      }
    },
  });
  const patientKey = deps.audit?.pseudonymise(`Patient/${ruleContext.patientId}`);
  const outcomes =
    deps.audit && patientKey
      ? await suppressOverridden(evaluation.outcomes, {
          settings: settings.suppression,
          store: deps.audit.store,
          patientKey,
          pseudonymise: deps.audit.pseudonymise,
          now: deps.now,
        })
      : evaluation.outcomes;
  const wording = settings.wording[deps.locale] ?? settings.wording[settings.defaultLocale];
  if (!wording)
    throw new Error(
      `no wording for locale ${deps.locale} nor the default ${settings.defaultLocale}`,
    );
  const cards = buildCards(outcomes, evaluation.facts, {
    wording,
    terminology: settings.rules.terminology,
    patientId: ruleContext.patientId,
    settings: settings.cards,
    lookbackDays: settings.rules.imagingLookbackDays,
    serviceVersion: settings.serviceVersion,
    configHash: settings.configHash,
    newUuid: deps.newUuid,
  });
  if (deps.audit && patientKey) {
    await auditCards(cards, {
      service,
      request,
      patientKey,
      audit: deps.audit,
      now: deps.now,
      configHash: settings.configHash,
    });
  }
  return {
    response: { cards },
    evaluation: { ...evaluation, outcomes },
    service,
    provenance: gathered.provenance,
  };
}

/** Issue #7: every card served is recorded before the answer leaves; no store, no cards. */
async function auditCards(
  cards: readonly Card[],
  context: {
    service: ServiceDefinition;
    request: HookRequest;
    patientKey: string;
    audit: { store: Store; pseudonymise: Pseudonymise };
    now: Date;
    configHash: string;
  },
): Promise<void> {
  if (cards.length === 0) return;
  const servedAt = context.now.toISOString();
  try {
    await context.audit.store.recordCards(
      cards.map((card) => ({
        cardUuid: card.uuid,
        ruleId: String(card.extension?.[CARD_EXTENSION.ruleId]),
        serviceId: context.service.id,
        hook: context.service.hook,
        hookInstance: context.request.hookInstance,
        indicator: card.indicator,
        servedAt,
        configHash: context.configHash,
        patientKey: context.patientKey,
        evidenceKeys: (
          (card.extension?.[CARD_EXTENSION.evidence] as string[] | undefined) ?? []
        ).map(context.audit.pseudonymise),
      })),
    );
  } catch (error) {
    throw new ServiceError(
      'unavailable',
      [
        {
          severity: 'error',
          code: 'transient',
          diagnostics:
            'neither the audit store nor the local audit spool can record cards; no cards were served',
        },
      ],
      { cause: error },
    );
  }
}

/** The FHIR runner, timing each query for the metrics. */
function timedAccess(access: FhirAccess, metrics: ServiceMetrics): FhirAccess {
  if (!('runner' in access)) return access;
  const { runner } = access;
  return {
    runner: {
      async run(need, query, continueFrom) {
        const started = performance.now();
        const seconds = () => (performance.now() - started) / 1000;
        try {
          const resources = await runner.run(need, query, continueFrom);
          metrics.fhirRead(need.resourceType, 'ok', seconds());
          return resources;
        } catch (error) {
          metrics.fhirRead(need.resourceType, 'error', seconds());
          throw error;
        }
      },
    },
  };
}

/** CDS Hooks 2.0 §Discovery: `{ services: [...] }`, from cds-hooks/services/. */
export function discoveryDocument(settings: ServiceSettings): { services: ServiceDefinition[] } {
  return { services: [...settings.services] };
}
