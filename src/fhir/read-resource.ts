/**
 * A resource as the service reads it: checked against the shapes the rules read
 * (./resource-schemas.ts), and, when they refuse it, read leniently where only its dates,
 * names or id are wrong (./lenient-reading.ts, H102, H103). Every reader of arriving data
 * (prefetch, a FHIR server, the backtest, the timeline app) reads a resource here, so each
 * reads it alike.
 */
import type { z } from 'zod';
import type { LenientReading } from '../rules/lenient-readings.js';
import { readLeniently } from './lenient-reading.js';
import { isCertainlyValidResource } from './resource-fast-check.js';
import { schemaCheckResource } from './resource-schemas.js';

export type ResourceReading =
  | {
      success: true;
      /** The resource as read: itself, or its lenient copy. */
      resource: unknown;
      /** What was read leniently; undefined for a resource the shapes accept. */
      readings: readonly LenientReading[] | undefined;
    }
  | {
      success: false;
      error: z.ZodError;
      /**
       * The resource as far as it was read: its lenient copy, if one was made, else itself. What
       * judges it (../cds/unrelated-condition.ts, H37) reads this, so a null text beside an STU3
       * status does not keep a hypertension entry from being left out.
       */
      resource: unknown;
    };

/**
 * Well-formed data take the fast check and nothing more (issue #15). A refused resource is read
 * leniently; if its copy still fails, the copy's problems are the ones named, so the 412 names
 * what decides a card (a code, a status), not a date that would have been read.
 */
export function readResource(value: unknown): ResourceReading {
  if (isCertainlyValidResource(value))
    return { success: true, resource: value, readings: undefined };
  return readCheckedBy(schemaCheckResource, value);
}

/**
 * `value` as `check` accepts it, or its lenient copy when `check` refuses it and accepts the
 * copy. Shared by every reader of a resource with a shape of its own: a record's resource here,
 * an order hook's draft order (../cds/draft-orders.ts, H153).
 */
export function readCheckedBy(
  check: (value: unknown) => z.ZodSafeParseResult<unknown>,
  value: unknown,
): ResourceReading {
  const strict = check(value);
  if (strict.success) return { success: true, resource: value, readings: undefined };
  const lenient = readLeniently(value);
  if (lenient === undefined) return { success: false, error: strict.error, resource: value };
  const checked = check(lenient.checkable);
  return checked.success
    ? { success: true, resource: lenient.resource, readings: lenient.readings }
    : { success: false, error: checked.error, resource: lenient.resource };
}
