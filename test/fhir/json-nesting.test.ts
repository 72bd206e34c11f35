/**
 * The nesting read of JSON text before JSON.parse (src/fhir/json-nesting.ts): brackets count
 * outside strings only, a string ends at its first quote not escaped, and the count is the
 * same whether the bytes come whole or in chunks split anywhere, even inside an escape.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  JsonNestingReader,
  MAX_JSON_CONTAINERS,
  MAX_JSON_DEPTH,
  jsonShapeProblem,
} from '../../src/fhir/json-nesting.js';

/** Whether `text` nests deeper than `maxDepth`, however many objects and arrays it holds. */
const nestsDeeperThan = (text: string, maxDepth: number = MAX_JSON_DEPTH): boolean =>
  jsonShapeProblem(text, maxDepth, Infinity) === 'too-deep';

/** How deep a parsed JSON value nests: an object or array is one level over its deepest member. */
function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const members = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...members.map(depthOf));
}

/** The reader given `bytes` in chunks cut at `cuts`. */
function readerSays(bytes: Buffer, cuts: readonly number[], maxDepth: number): boolean {
  const reader = new JsonNestingReader(maxDepth);
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    if (reader.nestsTooDeep(bytes.subarray(from, cut))) return true;
    from = cut;
  }
  return false;
}

const arrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const objects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('the nesting of JSON text', () => {
  const cases: [string, string, boolean][] = [
    ['128 arrays', arrays(128), false],
    ['129 arrays', arrays(129), true],
    ['128 objects', objects(128), false],
    ['129 objects', objects(129), true],
    ['a Bundle (1) with an array (2) of 127 arrays', `{"entry":[${arrays(127)}]}`, true],
    ['a Bundle (1) with an array (2) of 126 arrays', `{"entry":[${arrays(126)}]}`, false],
    ['200 brackets inside a string', `{"a":"${'['.repeat(200)}"}`, false],
    [
      '200 brackets after an escaped quote, still in the string',
      `{"a":"\\"${'['.repeat(200)}"}`,
      false,
    ],
    [
      '200 arrays after a string ending in an escaped backslash',
      `{"a":"\\\\","b":${arrays(200)}}`,
      true,
    ],
    [
      '200 arrays after a string of three backslashes and a quote',
      `{"a":"\\\\\\"","b":${arrays(200)}}`,
      true,
    ],
    ['200 brackets after a string that never ends', `{"a":"${'['.repeat(200)}`, false],
    [
      'many siblings, each shallow',
      `[${Array.from({ length: 1000 }, () => '[[1]]').join(',')}]`,
      false,
    ],
  ];
  for (const [name, text, deeper] of cases)
    it(`${name}: ${deeper ? 'deeper' : 'not deeper'} than ${String(MAX_JSON_DEPTH)} levels`, () => {
      expect(nestsDeeperThan(text)).toBe(deeper);
      expect(readerSays(Buffer.from(text), [], MAX_JSON_DEPTH)).toBe(deeper);
    });

  it('agrees with the depth of what JSON.parse makes of any JSON text, read whole or in chunks', () => {
    const text = fc.jsonValue({ maxDepth: 6 }).map((value) => JSON.stringify(value));
    const withEscapes = fc
      .string({ unit: fc.constantFrom('"', '\\', '[', ']', '{', '}', 'é', '软', 'a') })
      .map((s) => JSON.stringify({ s, t: [[s], { s }] }));
    fc.assert(
      fc.property(
        fc.oneof(text, withEscapes),
        fc.nat(7),
        fc.array(fc.nat(), { maxLength: 5 }),
        (json, maxDepth, rawCuts) => {
          const expected = depthOf(JSON.parse(json)) > maxDepth;
          const bytes = Buffer.from(json);
          // Repeated cuts give empty chunks, which must change nothing.
          const cuts = rawCuts.map((cut) => cut % (bytes.length + 1)).sort((a, b) => a - b);
          expect(nestsDeeperThan(json, maxDepth)).toBe(expected);
          expect(readerSays(bytes, cuts, maxDepth)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads a backslash at the end of one chunk as escaping the first byte of the next', () => {
    const text = Buffer.from(`{"a":"x\\"${'['.repeat(10)}"}`);
    const backslash = text.indexOf('\\');
    for (const cuts of [
      [backslash],
      [backslash + 1],
      [backslash + 2],
      [backslash + 1, backslash + 1],
    ])
      expect(readerSays(text, cuts, 3)).toBe(false);
  });
});

describe('the count of objects and arrays in JSON text', () => {
  /** How many objects and arrays a parsed JSON value holds, itself included. */
  function containersOf(value: unknown): number {
    if (typeof value !== 'object' || value === null) return 0;
    const members = Array.isArray(value) ? value : Object.values(value);
    return 1 + members.reduce<number>((sum, member) => sum + containersOf(member), 0);
  }

  /** What the chunked reader says of `bytes` cut at `cuts`, with no depth bound. */
  function readerProblem(bytes: Buffer, cuts: readonly number[], maxContainers: number) {
    const reader = new JsonNestingReader(Infinity, maxContainers);
    let from = 0;
    for (const cut of [...cuts, bytes.length]) {
      if (reader.nestsTooDeep(bytes.subarray(from, cut))) return reader.problem;
      from = cut;
    }
    return undefined;
  }

  it('is 1.5 million at most by default', () => {
    expect(MAX_JSON_CONTAINERS).toBe(1_500_000);
  });

  it('agrees with the count of what JSON.parse makes of any JSON text, read whole or in chunks', () => {
    const text = fc.jsonValue({ maxDepth: 5 }).map((value) => JSON.stringify(value));
    const withBrackets = fc
      .string({ unit: fc.constantFrom('"', '\\', '[', ']', '{', '}', 'a') })
      .map((s) => JSON.stringify([{ s }, [s], {}]));
    fc.assert(
      fc.property(
        fc.oneof(text, withBrackets),
        fc.nat(12),
        fc.array(fc.nat(), { maxLength: 5 }),
        (json, maxContainers, rawCuts) => {
          const expected =
            containersOf(JSON.parse(json)) > maxContainers ? 'too-many-containers' : undefined;
          const bytes = Buffer.from(json);
          const cuts = rawCuts.map((cut) => cut % (bytes.length + 1)).sort((a, b) => a - b);
          expect(jsonShapeProblem(json, Infinity, maxContainers)).toBe(expected);
          expect(readerProblem(bytes, cuts, maxContainers)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('says which bound a text passed: depth first where both are', () => {
    expect(jsonShapeProblem('[[[]]]', 2, 100)).toBe('too-deep');
    expect(jsonShapeProblem('[[],[],[]]', 5, 3)).toBe('too-many-containers');
    expect(jsonShapeProblem('[[],[],[]]', 5, 4)).toBeUndefined();
  });
});
