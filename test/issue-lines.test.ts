/**
 * How a place in a file or request is written (src/path-text.ts `pathText`): keys joined by
 * dots, an index in brackets, as docs/configuring.md §1 shows a value set's problem
 * (`compose.include[0].concept[0].code`) and as FHIR R4 OperationOutcome.issue.expression takes
 * a place (a simple FHIRPath: element names and repetition indices). The value-set checks and
 * the OperationOutcome of a bad request had a writer each; they differed on an empty key first,
 * where the one writer keeps the key rather than naming a key the file does not have. Expected
 * texts are typed by hand.
 */
import { describe, expect, it } from 'vitest';
import { pathText } from '../src/path-text.js';

describe('a place as problems write it', () => {
  it.each<[string, PropertyKey[], string]>([
    ['the top level', [], ''],
    [
      'a value set concept',
      ['compose', 'include', 0, 'concept', 0, 'code'],
      'compose.include[0].concept[0].code',
    ],
    [
      'a request field',
      ['context', 'draftOrders', 'entry', 0, 'resource', 'code'],
      'context.draftOrders.entry[0].resource.code',
    ],
    ['an issuers file entry (an array at the top)', [1, 'jwks'], '[1].jwks'],
    // `{"": {"code": "a", "code": "b"}}`: the repeated `code` is not a key at the top.
    ['a key under an empty key', ['', 'code'], '.code'],
  ])('%s: %j is %s', (_name, path, text) => {
    expect(pathText(path)).toBe(text);
  });
});
