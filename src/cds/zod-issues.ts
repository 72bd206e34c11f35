/** zod issues as OperationOutcome issues, each naming the field by its path in the request. */
import type { z } from 'zod';
import type { OutcomeIssue } from '../errors.js';

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

export function zodIssuesToOutcome(
  error: z.ZodError,
  prefix: readonly PropertyKey[] = [],
): OutcomeIssue[] {
  return error.issues.map((issue) => {
    const expression = pathToExpression([...prefix, ...issue.path]);
    const isMissing = issue.code === 'invalid_type' && issue.input === undefined;
    return {
      severity: 'error',
      code: isMissing ? 'required' : 'invalid',
      diagnostics: `${expression || 'request body'}: ${isMissing ? 'is required' : issue.message}`,
      ...(expression ? { expression: [expression] } : {}),
    };
  });
}
