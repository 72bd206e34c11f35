/**
 * A resource marked REDACTED (docs/clinical-safety.md H141): v3-ObservationValue's code for
 * "information has been removed" by the sender's policy, in `meta.security` (where FHIR R4's
 * security-labels page puts it) or `meta.tag`. Unlike SUBSETTED (a query's `_summary` or
 * `_elements`, ../fhir/subsetted.ts), it is not read as a resource missing: the FHIR server
 * redacts by policy and answers the same redacted resource when asked again, and hospitals
 * redact unrelated sensitive diagnoses routinely, so a missing key would take every card from
 * such a patient. The resource is read as sent; a Condition's absent status is read as
 * unreadable (./condition-status.ts), since the absence may be the redaction's, and the trace
 * names each resource so marked.
 */
import type { TraceLine } from './trace-line.js';

/**
 * v3-ObservationValue's URI and STU3's spelling of it (real exports still carry it). The code
 * matches exactly (FHIR codes are case-sensitive).
 */
export const OBSERVATION_VALUE_SYSTEMS: ReadonlySet<unknown> = new Set([
  'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  'http://hl7.org/fhir/v3/ObservationValue',
]);

/** Where a resource's meta carries a mark: FHIR puts labels in `security`, tags in `tag`. */
export type MarkPlace = 'tag' | 'security';

/**
 * Where the resource's meta holds this v3-ObservationValue code, `tag` before `security`;
 * undefined when neither does. Read with care: the schemas check no resource's meta.
 */
export function markPlaceOf(resource: unknown, code: string): MarkPlace | undefined {
  if (typeof resource !== 'object' || resource === null) return undefined;
  const { meta } = resource as { meta?: unknown };
  if (typeof meta !== 'object' || meta === null) return undefined;
  for (const place of ['tag', 'security'] as const)
    if (holdsCode((meta as Partial<Record<MarkPlace, unknown>>)[place], code)) return place;
  return undefined;
}

/** Whether a list of codings holds this code of v3-ObservationValue. */
function holdsCode(codings: unknown, code: string): boolean {
  if (!Array.isArray(codings)) return false;
  return (codings as unknown[]).some((coding) => {
    if (typeof coding !== 'object' || coding === null) return false;
    const c = coding as { system?: unknown; code?: unknown };
    return c.code === code && OBSERVATION_VALUE_SYSTEMS.has(c.system);
  });
}

/** "marked REDACTED (meta.security)" for a resource so marked; undefined otherwise. */
export function redactionOf(resource: unknown): string | undefined {
  const place = markPlaceOf(resource, 'REDACTED');
  return place === undefined ? undefined : `marked REDACTED (meta.${place})`;
}

/** The trace line for a resource the rules read that is marked REDACTED, if it is. */
export function redactedLine(reference: string, resource: unknown): TraceLine | undefined {
  const redaction = redactionOf(resource);
  return redaction === undefined
    ? undefined
    : {
        reference,
        message: `${redaction}: some of its information was removed by the sender; read as sent`,
      };
}
