/**
 * A value set file that is not JSON is named at the line and column of the error
 * (docs/configuring.md §1), on Node 20 too, whose JSON.parse says where only for some errors:
 * "Unexpected end of JSON input" has no offset, and is placed at the end of the file (past a
 * last line break, the line after it, as V8's own offsets at the end do); "Unexpected token"
 * has none either, and is placed at the token; an error with "at position N" at that offset.
 * Each position is counted by hand off the text written below.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configProblems } from './config-problems.js';

/** The first problem of a site whose one value set file holds `text`, and that file. */
function firstProblem(text: string): { problem: string | undefined; valueSet: string } {
  const dir = mkdtempSync(join(tmpdir(), 'emd-cds-json-syntax-'));
  mkdirSync(join(dir, 'value-sets'));
  const valueSet = join(dir, 'value-sets', 'problems.json');
  writeFileSync(valueSet, text);
  const config = join(dir, 'site.yaml');
  writeFileSync(config, 'valueSets:\n  files: [value-sets]\n');
  return { problem: configProblems(config)[0], valueSet };
}

describe('a value set file that is not JSON', () => {
  it('that stops in the middle is named at its end', () => {
    const { problem, valueSet } = firstProblem('{\n  "resourceType": "ValueSet",\n  "url":');
    expect(problem).toBe(`${valueSet}:3:9 Unexpected end of JSON input`);
  });

  it('that stops in the middle, ending in a line break, is named at the line after it', () => {
    const { problem, valueSet } = firstProblem(
      '{\n  "resourceType": "ValueSet",\n  "compose": {\n    "include": [\n',
    );
    expect(problem).toBe(`${valueSet}:5:1 Unexpected end of JSON input`);
  });

  it('that is empty is named at its start', () => {
    const { problem, valueSet } = firstProblem('');
    expect(problem).toBe(`${valueSet}:1:1 Unexpected end of JSON input`);
  });

  it('with a misspelt literal is named at the token V8 stopped at, without quoting the text around it', () => {
    const { problem, valueSet } = firstProblem(
      '{\n  "resourceType": "ValueSet",\n  "experimental": tru,\n  "compose": {}\n}\n',
    );
    // Line 3 is `  "experimental": tru,`: the comma, where `true` should go on, is column 22.
    expect(problem).toBe(`${valueSet}:3:22 Unexpected token ',': not valid JSON`);
  });

  it('with a comma after the last entry of an array is named at the closing bracket', () => {
    const { problem, valueSet } = firstProblem(
      [
        '{',
        '  "resourceType": "ValueSet",',
        '  "compose": {',
        '    "include": [',
        '      { "system": "http://snomed.info/sct" },',
        '    ]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    expect(problem).toBe(`${valueSet}:6:5 Unexpected token ']': not valid JSON`);
  });

  it('with the same token valid earlier in the file is named at the one that is wrong', () => {
    const { problem, valueSet } = firstProblem(
      '{"resourceType": "ValueSet", "x": [1], "compose": {"include": [1, ]}}',
    );
    // The first `]` (column 37) closes [1]; the one after "1, " is column 67.
    expect(problem).toBe(`${valueSet}:1:67 Unexpected token ']': not valid JSON`);
  });

  it('with a stray bracket inside a string before the error is not misled by it', () => {
    const { problem, valueSet } = firstProblem(
      '{"resourceType": "ValueSet", "name": "a ] \\" ]", "compose": [1,,2]}',
    );
    // `"a ] \" ]"` is one string; the second comma of `[1,,2]` is column 64.
    expect(problem).toBe(`${valueSet}:1:64 Unexpected token ',': not valid JSON`);
  });

  it('with a key not in double quotes is named at the key', () => {
    const { problem, valueSet } = firstProblem(
      '{\n  "resourceType": "ValueSet",\n  url: "http://hospital.example.org/fhir/ValueSet/x"\n}\n',
    );
    expect(problem).toBe(`${valueSet}:3:3 Expected double-quoted property name`);
  });
});
