/**
 * The memo the readings of request data share (code spellings, statuses, modalities, texts):
 * each string worked out once, `undefined` kept like any result, and never more than its
 * limit of strings held, nor any string longer than its longest key, since a client may send
 * any number of strings of any length (probe round 7b: a million-character status text a call,
 * each kept, grew the heap to its limit).
 */
import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../src/rules/bounded-memo.js';

describe('boundedMemo', () => {
  it('works each string out once, an undefined result too', () => {
    const asked: string[] = [];
    const read = boundedMemo(8, (key) => {
      asked.push(key);
      return key === 'none' ? undefined : key.toUpperCase();
    });
    expect([read('pt'), read('pt'), read('none'), read('none')]).toEqual([
      'PT',
      'PT',
      undefined,
      undefined,
    ]);
    expect(asked).toEqual(['pt', 'none']);
  });

  it('holds at most its limit, starting again when full', () => {
    const asked: string[] = [];
    const read = boundedMemo(2, (key) => {
      asked.push(key);
      return key.length;
    });
    for (const key of ['a', 'bb', 'a', 'ccc', 'a']) read(key);
    // 'a' and 'bb' fill it; 'ccc' starts it again, so 'a' is worked out anew.
    expect(asked).toEqual(['a', 'bb', 'ccc', 'a']);
  });

  it('keeps no string longer than its longest key: works it out each time', () => {
    const asked: number[] = [];
    const read = boundedMemo(
      8,
      (key) => {
        asked.push(key.length);
        return key.length;
      },
      4,
    );
    for (const key of ['abcd', 'abcd', 'abcde', 'abcde']) read(key);
    expect(asked).toEqual([4, 5, 5]);
  });

  it('keeps strings up to 256 characters by default, and none longer', () => {
    let worked = 0;
    const read = boundedMemo(8, (key) => {
      worked += 1;
      return key.length;
    });
    const kept = 'a'.repeat(256);
    const notKept = 'a'.repeat(257);
    for (const key of [kept, kept, notKept, notKept]) read(key);
    expect(worked).toBe(3);
  });
});
