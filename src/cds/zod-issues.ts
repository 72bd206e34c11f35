/**
 * zod issues as OperationOutcome issues, each naming the field by its path in the request.
 * A field that is absent `is required` (FHIR issue type `required`); one sent with the wrong
 * JSON type says what it must be (`value`: "an element value is invalid"); any other
 * problem keeps the schema's own message (`invalid`). Only the first MAX_OUTCOME_ISSUES are
 * worded, then how many more there are (../errors.ts).
 */
import type { z } from 'zod';
import { cappedIssues, MAX_OUTCOME_ISSUES, type OutcomeIssue } from '../errors.js';
import { pathText } from '../path-text.js';

export interface ParsedInput {
  /**
   * The value that was parsed. zod 4 leaves it off its issues (unless parsed with
   * `reportInput`), and only it tells an absent field from a `null` or mistyped one.
   */
  input?: unknown;
  /** Where that value sits in the request, e.g. `['context']`. */
  prefix?: readonly PropertyKey[];
}

export function zodIssuesToOutcome(
  error: z.ZodError,
  parsed: ParsedInput = {},
): readonly OutcomeIssue[] {
  const hasInput = Object.hasOwn(parsed, 'input');
  const worded = error.issues.slice(0, MAX_OUTCOME_ISSUES).map((issue): OutcomeIssue => {
    const expression = pathText([...(parsed.prefix ?? []), ...issue.path]);
    const field = expression || 'request body';
    const where = expression ? { expression: [expression] } : {};
    if (issue.code !== 'invalid_type')
      return {
        severity: 'error',
        code: 'invalid',
        diagnostics: `${field}: ${issue.message}`,
        ...where,
      };
    const isAbsent = hasInput ? !isPresentAt(parsed.input, issue.path) : saysUndefined(issue);
    if (isAbsent)
      return {
        severity: 'error',
        code: 'required',
        diagnostics: `${field}: is required`,
        ...where,
      };
    return {
      severity: 'error',
      code: 'value',
      diagnostics: `${field}: ${isZodWording(issue) ? `must be ${kindOf(issue.expected)}` : issue.message}`,
      ...where,
    };
  });
  return cappedIssues(worded, error.issues.length);
}

/** Whether `path` leads to a value in `input` (JSON has no `undefined`: absent means absent). */
function isPresentAt(input: unknown, path: readonly PropertyKey[]): boolean {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return false;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value !== undefined;
}

/**
 * Without the input: zod's own wording ends "received undefined" for an absent value. A
 * schema's custom message does not say, so the field then counts as present.
 */
function saysUndefined(issue: z.core.$ZodIssueInvalidType): boolean {
  return isZodWording(issue) && issue.message.endsWith(', received undefined');
}

/** zod's English wording for invalid_type, as opposed to a message the schema gives. */
function isZodWording(issue: z.core.$ZodIssueInvalidType): boolean {
  return issue.message.startsWith('Invalid input: expected ');
}

const KINDS: Partial<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  null: 'null',
};

function kindOf(expected: string): string {
  return KINDS[expected] ?? `of type ${expected}`;
}
