/** A zod issue path as the FHIRPath `expression` of an OperationOutcome issue (`entry[0].resource.code`). */
export function pathToExpression(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (expr, key) =>
      typeof key === 'number'
        ? `${expr}[${String(key)}]`
        : expr
          ? `${expr}.${String(key)}`
          : String(key),
    '',
  );
}
