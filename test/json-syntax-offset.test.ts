/**
 * Where a text stops being JSON (RFC 8259), for the Node 20 errors V8 gives without an offset.
 * Offsets are counted by hand off the texts written here.
 */
import { describe, expect, it } from 'vitest';
import { jsonSyntaxOffset } from '../src/json-syntax-offset.js';

describe('jsonSyntaxOffset', () => {
  it('finds nothing wrong in JSON', () => {
    for (const text of [
      '{}',
      ' [ ] ',
      '{"a": [1, -0.5, 2e10, 0, true, false, null, "x\\"y\\u00e9\\n"], "b": {"c": {}}}',
      '"text"',
      '\t\r\n3\n',
    ])
      expect([text, jsonSyntaxOffset(text)]).toEqual([text, undefined]);
  });

  it('gives the offset of the first character no JSON text could have there', () => {
    const rows: [text: string, offset: number][] = [
      ['[1, 2, ]', 7], // a comma after the last entry: the bracket
      ['{"a": 1,}', 8], // the same in an object: the brace
      ['[1,,2]', 3],
      ['{"a": tru}', 9], // `true` cut short: the brace where `e` should be
      ['{"a": nul, "b": 1}', 9],
      ['[01]', 2], // a leading zero ends the number; the 1 is then out of place
      ['[1.]', 3],
      ['[-]', 2],
      ['["a\\x"]', 4], // not an escape JSON has
      ['["\\u12G4"]', 6],
      ['{"a" 1}', 5],
      ['{a: 1}', 1],
      ['[1] x', 4],
      ["['a']", 1],
      ['[1, 2', 5], // the end
      ['', 0],
      ['["a\nb"]', 3], // a line break inside a string
    ];
    for (const [text, offset] of rows)
      expect([text, jsonSyntaxOffset(text)]).toEqual([text, offset]);
  });

  it('reads a file nested 100,000 deep without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(99_999) + ',]';
    expect(jsonSyntaxOffset(deep)).toBe(200_000);
  });
});
