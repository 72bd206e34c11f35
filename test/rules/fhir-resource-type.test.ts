/**
 * The one test of what a value says it is (src/rules/fhir-resource-type.ts), used by prefetch
 * parsing, the FHIR server's answers, the CLI's Bundle file and the patient record.
 */
import { describe, expect, it } from 'vitest';
import {
  isBundle,
  isOperationOutcome,
  resourceTypeOf,
} from '../../src/rules/fhir-resource-type.js';

// Values that are neither, whatever a careless read of `resourceType` would make of them.
const NEITHER: unknown[] = [
  null,
  undefined,
  0,
  '',
  'Bundle',
  'OperationOutcome',
  true,
  [],
  {},
  { resourceType: 'bundle' },
  { resourceType: 'Bundle ' },
  { resourceType: 'operationoutcome' },
  { resourceType: 'Patient' },
  { resourceType: ['Bundle'] },
  { type: 'searchset' },
];

describe('isBundle and isOperationOutcome', () => {
  it('answer yes for a value whose resourceType is theirs, and only theirs', () => {
    const bundle = { resourceType: 'Bundle', type: 'searchset' };
    const outcome = { resourceType: 'OperationOutcome', issue: [] };
    expect([isBundle(bundle), isOperationOutcome(bundle)]).toEqual([true, false]);
    expect([isBundle(outcome), isOperationOutcome(outcome)]).toEqual([false, true]);
  });

  it('read resourceType only: a Bundle with no other field is still a Bundle', () => {
    expect(isBundle({ resourceType: 'Bundle' })).toBe(true);
    expect(isOperationOutcome({ resourceType: 'OperationOutcome' })).toBe(true);
  });

  for (const value of NEITHER)
    it(`answer no for ${value === undefined ? 'undefined' : JSON.stringify(value)}`, () => {
      expect([isBundle(value), isOperationOutcome(value)]).toEqual([false, false]);
    });
});

describe('resourceTypeOf', () => {
  it('gives the resourceType an object says it has, as written', () => {
    expect(resourceTypeOf({ resourceType: 'DiagnosticReport', status: 'final' })).toBe(
      'DiagnosticReport',
    );
    expect(resourceTypeOf({ resourceType: 'bundle' })).toBe('bundle');
  });

  it('gives nothing for a value that is not an object, or says no type as a string', () => {
    for (const value of [null, undefined, 'Patient', 7, [], {}, { resourceType: ['Patient'] }])
      expect(resourceTypeOf(value)).toBeUndefined();
  });
});
