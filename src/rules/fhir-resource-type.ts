/**
 * What a value says it is, by its `resourceType` alone: the one way the service tells a
 * resource's type (a Bundle, an OperationOutcome, any other) from other data, wherever it
 * arrives (prefetch, a FHIR server's answer, a file, the record's inputs). It lives in rules/,
 * the lowest layer, so that the patient record can use it too. Each is a `typeof` test and one
 * property read, with no allocation: prefetch parsing calls them once per resource. They vouch
 * for the type only; the shape is checked elsewhere (src/fhir/resource-schemas.ts).
 */

/** The value is an object whose `resourceType` is `Bundle`. */
export function isBundle(value: unknown): value is fhir4.Bundle {
  return resourceTypeOf(value) === 'Bundle';
}

/** The value is an object whose `resourceType` is `OperationOutcome`. */
export function isOperationOutcome(value: unknown): value is fhir4.OperationOutcome {
  return resourceTypeOf(value) === 'OperationOutcome';
}

/** The `resourceType` a value says it has, when it is an object that says one. */
export function resourceTypeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { resourceType } = value as { resourceType?: unknown };
  return typeof resourceType === 'string' ? resourceType : undefined;
}
