import { describe, expect, it } from 'vitest';
import { parseReference, typedReferenceOf } from '../../src/rules/fhir-reference.js';

describe('parseReference (FHIR R4 §2.3.0 literal references)', () => {
  it.each([
    ['Patient/123', 'Patient/123'],
    ['Patient/a.b-C', 'Patient/a.b-C'],
    ['Patient/123/_history/2', 'Patient/123'],
    ['https://ehr.example.org/fhir/Condition/c-1', 'Condition/c-1'],
    ['https://ehr.example.org/fhir/Condition/c-1/_history/7', 'Condition/c-1'],
    ['http://example.org/fhir/ImagingStudy/s1/_history/v-2', 'ImagingStudy/s1'],
    [`Patient/${'x'.repeat(64)}`, `Patient/${'x'.repeat(64)}`],
    // Epic's ids exceed FHIR's 64 characters (src/fhir/value-limits.ts); 256 are read.
    [`Patient/${'x'.repeat(256)}`, `Patient/${'x'.repeat(256)}`],
    // H103: gateways write ids with "_", kept as written, so references name them exactly.
    ['Condition/ZY_2026_001', 'Condition/ZY_2026_001'],
    ['https://ehr.example.org/fhir/Condition/a~1/_history/2', 'Condition/a~1'],
  ])('reads %s as %s', (reference, typed) => {
    expect(typedReferenceOf(reference)).toBe(typed);
  });

  it.each([
    ['an id of 257 characters', `Patient/${'x'.repeat(257)}`],
    ['an id with a blank', 'Patient/12 3'],
    ['an id with a percent sign', 'Patient/12%203'],
    ['an id with a query', 'Patient/12?x=1'],
    ['an empty id', 'Patient/'],
    ['no type', '123'],
    ['a type that is not a FHIR type name', 'patient/123'],
    ['a urn:uuid', 'urn:uuid:0b8f2a9e-1b6a-4d0c-9a58-2f3e6e0a4c11'],
    ['a contained reference', '#p1'],
    ['a version with nothing after it', 'Patient/1/_history/'],
    ['an empty string', ''],
  ])('names no resource for %s', (_case, reference) => {
    expect(parseReference(reference)).toBeUndefined();
  });

  it('keeps a versioned reference whose version is followed by more path as it is', () => {
    // `/_history/1/Patient/9` is not a version suffix: the last Type/id is what it names.
    expect(typedReferenceOf('Condition/2/_history/1/Patient/9')).toBe('Patient/9');
  });

  it('splits the type from the id at the last two slashes', () => {
    expect(parseReference('https://ehr.example.org/fhir/Patient/p-1')).toEqual({
      type: 'Patient',
      id: 'p-1',
    });
  });
});
