import type { Request } from 'express';
import { ServiceError } from '../errors.js';
import { JSON_BODY_TYPES } from './json-body.js';

/**
 * CDS Hooks bodies are JSON; anything else is refused with 415 rather than read as empty. The
 * answer names every type taken: a client sending FHIR's `application/fhir+json`, or DSTU2's
 * `application/json+fhir` (not taken: CDS Hooks names no FHIR type for its bodies, and no
 * current FHIR version uses it), must see that the first is one.
 */
export function requireJson(req: Request): void {
  if (req.is(JSON_BODY_TYPES)) return;
  const legacy = req.is('application/json+fhir')
    ? ' (application/json+fhir is FHIR DSTU2’s name for application/fhir+json)'
    : '';
  throw new ServiceError('unsupported-media-type', [
    {
      severity: 'error',
      code: 'not-supported',
      diagnostics: `request body: send Content-Type ${JSON_BODY_TYPES.join(' or ')}${legacy}`,
    },
  ]);
}
