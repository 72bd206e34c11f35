import type { Request } from 'express';
import { ServiceError } from '../errors.js';
import { JSON_BODY_TYPES } from './json-body.js';

/** CDS Hooks bodies are JSON; anything else is refused with 415 rather than read as empty. */
export function requireJson(req: Request): void {
  if (req.is(JSON_BODY_TYPES)) return;
  throw new ServiceError('unsupported-media-type', [
    {
      severity: 'error',
      code: 'not-supported',
      diagnostics: 'request body: send Content-Type application/json',
    },
  ]);
}
