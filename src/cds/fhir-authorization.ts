/**
 * What the client's `fhirAuthorization` (CDS Hooks 2.0 §FHIR Resource Access) lets the
 * service read: nothing once the token has expired, and only the searches and reads its
 * `scope` grants (SMART App Launch v1 `patient/Condition.read`, `patient/*.read`; v2
 * `patient/Condition.rs`). A query the token does not cover is not attempted: the data then
 * count as unavailable, which is a 412 for required data and a data gap for optional data.
 */
import { ServiceError } from '../errors.js';
import type { FhirAccess, FhirQueryRunner, FhirQueryTarget } from '../fhir/fhir-query.js';
import type { HookRequest } from './request-schema.js';

type Interaction = FhirQueryTarget['interaction'];

/**
 * Whether `scope` (space-separated) grants `interaction` on `resourceType`. Any of the
 * patient/, user/ and system/ contexts will do. A v2 scope narrowed by a query
 * (`patient/Condition.rs?category=…`) does not count: the server would return part of the
 * record, and the rules must see all of a patient's Conditions (rules page §2).
 */
export function scopeCovers(scope: string, resourceType: string, interaction: Interaction) {
  return scope.split(/\s+/).some((granted) => {
    const match = /^(?:patient|user|system)\/([A-Za-z]+|\*)\.([a-z*]+)$/.exec(granted);
    if (!match) return false;
    const [, type, access = ''] = match;
    if (type !== '*' && type !== resourceType) return false;
    if (access === 'read' || access === '*') return true; // SMART v1
    // SMART v2: the letters c, r, u, d, s in this order; read needs r, search needs s.
    if (!/^c?r?u?d?s?$/.test(access)) return false;
    return access.includes(interaction === 'read' ? 'r' : 's');
  });
}

/** The scope a query needs, for the message when it is missing. */
function neededScope(need: FhirQueryTarget): string {
  const v2 = need.interaction === 'read' ? 'r' : 's';
  return `patient/${need.resourceType}.read or patient/${need.resourceType}.${v2}`;
}

/**
 * The runner, refusing each query the token cannot be used for. `elapsedMs` is the time
 * since the request arrived: `expires_in` counts from then (the spec gives no issue time).
 */
function authorizedRunner(
  runner: FhirQueryRunner,
  authorization: NonNullable<HookRequest['fhirAuthorization']>,
  elapsedMs: () => number,
): FhirQueryRunner {
  return {
    run(need, query, continueFrom, leaveOut, onWithheld) {
      if (elapsedMs() >= authorization.expires_in * 1000)
        return Promise.reject(
          new Error(
            `the fhirAuthorization token has expired (expires_in ${String(authorization.expires_in)} s, counted from the request's arrival), so it was not used`,
          ),
        );
      if (!scopeCovers(authorization.scope, need.resourceType, need.interaction))
        return Promise.reject(
          new Error(
            `the fhirAuthorization scope does not cover this ${need.resourceType} ${need.interaction} (it needs ${neededScope(need)}), so it was not attempted`,
          ),
        );
      return runner.run(need, query, continueFrom, leaveOut, onWithheld);
    },
  };
}

/** CDS Hooks 2.0 §fhirAuthorization: `patient`, when given, is the patient in context. */
export function checkAuthorizedPatient(request: HookRequest, patientId: string): void {
  const granted = request.fhirAuthorization?.patient;
  if (granted === undefined || granted === patientId) return;
  throw new ServiceError('invalid-request', [
    {
      severity: 'error',
      code: 'value',
      diagnostics:
        'fhirAuthorization.patient: the token is for another patient than context.patientId',
      expression: ['fhirAuthorization.patient'],
    },
  ]);
}

/** The runner, used only within the token's lifetime and scope; `arrived` is performance.now() at arrival. */
export function authorizedAccess(
  access: FhirAccess,
  request: HookRequest,
  arrived: number,
): FhirAccess {
  const authorization = request.fhirAuthorization;
  if (!('runner' in access) || !authorization) return access;
  return {
    runner: authorizedRunner(access.runner, authorization, () => performance.now() - arrived),
  };
}
