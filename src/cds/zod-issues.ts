/** zod issues as OperationOutcome issues, each naming the field by its path in the request. */
import type { z } from 'zod';
import type { OutcomeIssue } from '../errors.js';
import { pathToExpression } from '../fhir/fhirpath-expression.js';

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
