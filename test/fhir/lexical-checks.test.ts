/**
 * The fast check's hand-written patterns (src/fhir/lexical-checks.ts, issue #15) against the
 * patterns they stand in for. The oracles are typed here: the FHIR R4 dateTime, id and
 * resource-type patterns as the service's schemas state them (a dateTime's seconds optional,
 * its zone only after a time), and examples from the FHIR R4 datatypes page.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hasFhirIdCharacters,
  hasResourceTypeCharacters,
  isFhirDateTime,
} from '../../src/fhir/lexical-checks.js';
import { numRuns } from '../fuzz/arbitraries.js';

const DATE_TIME_ORACLE =
  /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:([0-5]\d|60)(\.\d{1,9})?)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))?)?)?)?$/;
const ID_ORACLE = /^[A-Za-z0-9\-.]+$/;
const TYPE_ORACLE = /^[A-Z][A-Za-z]+$/;

/** A string that matches `pattern`, then has one character replaced, inserted or removed. */
function nearMisses(pattern: RegExp, alphabet: string): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('replace', 'insert', 'remove'),
    char: fc.oneof(
      fc.constantFrom(...alphabet.split('')),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
  });
  return fc
    .tuple(fc.stringMatching(pattern), fc.array(edit, { maxLength: 2 }))
    .map(([text, edits]) =>
      edits.reduce((out, { at, kind, char }) => {
        const i = out.length === 0 ? 0 : at % (out.length + (kind === 'insert' ? 1 : 0));
        if (kind === 'insert') return out.slice(0, i) + char + out.slice(i);
        if (kind === 'remove') return out.slice(0, i) + out.slice(i + 1);
        return out.slice(0, i) + char + out.slice(i + 1);
      }, text),
    );
}

describe('a FHIR dateTime without a regular expression', () => {
  it.each([
    '2018',
    '1973-06',
    '1905-08-23',
    '2015-02-07T13:28:17-05:00',
    '2017-01-01T00:00:00.000Z',
    '2017-01-01T00:00:00.123456789Z',
    '2016-12-31T23:59:60Z',
    '2024-02-29T09:30',
    '2024-02-29T09:30+14:00',
    '2024-02-29T09:30-13:59',
    '2024-02-29T09:30:15',
    '0000',
  ])('accepts %s', (text) => {
    expect(isFhirDateTime(text)).toBe(true);
  });

  it.each([
    '',
    '201',
    '20181',
    '2018-1',
    '2018-00',
    '2018-13',
    '2018-02-00',
    '2018-02-32',
    '20180223',
    '2018-02-23Z',
    '2018-02-23T',
    '2018-02-23T10',
    '2018-02-23T24:00',
    '2018-02-23T10:60',
    '2018-02-23T10:00:61',
    '2018-02-23T10:00:0',
    '2018-02-23T10:00:00.',
    '2018-02-23T10:00:00.Z',
    '2018-02-23T10:00:00.1234567890Z',
    '2018-02-23T10:00+14:01',
    '2018-02-23T10:00+15:00',
    '2018-02-23T10:00+0500',
    '2018-02-23T10:00+05:00Z',
    '2018-02-23T10:00z',
    '2018-02-23 10:00',
    ' 2018',
    '2018 ',
    '2018\n',
    '٢٠١٨',
  ])('refuses %j', (text) => {
    expect(isFhirDateTime(text)).toBe(false);
  });

  it('agrees with the pattern on dates and their near misses', () => {
    const dates = fc.oneof(
      fc.stringMatching(DATE_TIME_ORACLE),
      nearMisses(DATE_TIME_ORACLE, '0123456789-T:.Z+ '),
    );
    fc.assert(
      fc.property(dates, (text) => {
        expect(isFhirDateTime(text)).toBe(DATE_TIME_ORACLE.test(text));
      }),
      { numRuns: numRuns * 5 },
    );
  });
});

describe('FHIR id and resource type characters without a regular expression', () => {
  it.each(['a', 'Z', '0', '-', '.', 'abc-123.DEF', 'c-1'])('accepts the id %j', (text) => {
    expect(hasFhirIdCharacters(text)).toBe(true);
  });
  it.each(['', 'a b', 'a/b', 'a_b', 'é', 'a\n', 'Patient/1'])('refuses the id %j', (text) => {
    expect(hasFhirIdCharacters(text)).toBe(false);
  });
  it.each(['Condition', 'DiagnosticReport', 'Ab'])('accepts the type name %j', (text) => {
    expect(hasResourceTypeCharacters(text)).toBe(true);
  });
  it.each(['', 'A', 'condition', 'Condition1', 'Con dition', 'Condition\n', 'Ñame'])(
    'refuses the type name %j',
    (text) => {
      expect(hasResourceTypeCharacters(text)).toBe(false);
    },
  );

  it('agree with their patterns on any text and on near misses', () => {
    const texts = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.stringMatching(ID_ORACLE),
      fc.stringMatching(TYPE_ORACLE),
      nearMisses(ID_ORACLE, 'aZ09-._/ '),
      nearMisses(TYPE_ORACLE, 'aZ0 '),
    );
    fc.assert(
      fc.property(texts, (text) => {
        expect(hasFhirIdCharacters(text)).toBe(ID_ORACLE.test(text));
        expect(hasResourceTypeCharacters(text)).toBe(TYPE_ORACLE.test(text));
      }),
      { numRuns: numRuns * 5 },
    );
  });
});
