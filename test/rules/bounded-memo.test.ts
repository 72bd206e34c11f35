/**
 * The memo the readings of request data share (code spellings, statuses, modalities, texts):
 * each string worked out once, `undefined` kept like any result, and never more than its
 * limit of strings held, since a client may send any number of them.
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
});
