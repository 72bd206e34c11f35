/**
 * The request of one hook call, read before any data are gathered (CDS Hooks 2.0 §Calling a
 * CDS Service): the service its id names, then the body checked against the request schema,
 * the fhirAuthorization rules, the service's hook and that hook's context. A bad request is
 * refused with a ServiceError naming the field before any patient data are read. Feedback
 * (./feedback.ts) finds its service here too.
 */
import type { ServiceSettings } from './service-settings.js';
import { ServiceError } from '../errors.js';
import { isSupportedHook, parseHookContext } from './hooks.js';
import { fhirAuthorizationProblem, hookRequestSchema, type HookRequest } from './request-schema.js';
import { isCertainlyValidHookRequest } from './request-fast-check.js';
import type { ServiceDefinition } from './service-definition.js';
import { zodIssuesToOutcome } from './zod-issues.js';

/**
 * The discovery entry with this id (ids are unique: src/config/load-services.ts). Unknown
 * id → 404.
 */
export function serviceWithId(settings: ServiceSettings, serviceId: string): ServiceDefinition {
  const service = settings.services.find((s) => s.id === serviceId);
  if (service) return service;
  throw new ServiceError('unknown-service', [
    {
      severity: 'error',
      code: 'not-found',
      diagnostics: `no CDS Service with id "${serviceId}"; see GET /cds-services`,
    },
  ]);
}

/**
 * Each service answers one hook, so each discovery entry has an id of its own: the CDS Hooks
 * Sandbox keeps services by id, and two entries sharing one hid each other (issue #14).
 */
function checkHook(service: ServiceDefinition, hook: string): void {
  if (service.hook === hook) return;
  throw new ServiceError('invalid-request', [
    {
      severity: 'error',
      code: 'value',
      diagnostics: `hook: service ${service.id} answers "${service.hook}", not "${hook}"`,
      expression: ['hook'],
    },
  ]);
}

/** The request, checked against the CDS Hooks schema and the service's hook context. */
export function parseCall(service: ServiceDefinition, body: unknown) {
  const request = checkedRequest(body);
  const problem = fhirAuthorizationProblem(request);
  if (problem) throw new ServiceError('invalid-request', [problem]);
  checkHook(service, request.hook);
  if (!isSupportedHook(service.hook))
    throw new Error(`service ${service.id} names hook ${service.hook}, which has no definition`);
  const context = parseHookContext(service.hook, request.context);
  if (!context.ok)
    throw new ServiceError(
      'invalid-request',
      zodIssuesToOutcome(context.error, { input: request.context, prefix: ['context'] }),
    );
  return { request, ruleContext: context.context };
}

/** The body as a hook request: as sent when certainly valid, else as the schema reads it. */
function checkedRequest(body: unknown): HookRequest {
  if (isCertainlyValidHookRequest(body)) return body;
  const parsed = hookRequestSchema.safeParse(body);
  if (!parsed.success)
    throw new ServiceError('invalid-request', zodIssuesToOutcome(parsed.error, { input: body }));
  return parsed.data;
}
