/**
 * Sizes as configuration writes them (`BODY_LIMIT`, `service.bodyLimit`; docs/configuring.md:
 * "a number and `b`, `kb` or `mb`"), counted in 1,024s as body-parser counts them.
 */
import { describe, expect, it } from 'vitest';
import { BYTE_SIZE_PATTERN, byteSizeOf, byteSizeSchema } from '../../src/config/byte-size.js';

describe('byteSizeOf', () => {
  it.each([
    ['5mb', 5_242_880],
    ['5MB', 5_242_880],
    ['10kb', 10_240],
    ['7b', 7],
    ['0b', 0],
  ])('reads %s as %d bytes', (size, bytes) => {
    expect(byteSizeOf(size)).toBe(bytes);
    expect(BYTE_SIZE_PATTERN.test(size)).toBe(true);
  });

  it.each(['', '5', 'mb', '1.5mb', '5 mb', '5gb', '-1kb'])('refuses %j', (size) => {
    expect(() => byteSizeOf(size)).toThrow('not a size such as 5mb');
    expect(BYTE_SIZE_PATTERN.test(size)).toBe(false);
  });
});

describe('byteSizeSchema', () => {
  // The node reads at most 128 MiB of request bodies at once, every caller's together: a
  // larger limit would let no body that large through, ever.
  it('takes a limit up to 128mb and refuses one above it, saying why', () => {
    for (const size of ['32mb', '128mb', '131072kb']) expect(byteSizeSchema.parse(size)).toBe(size);
    for (const size of ['129mb', '131073kb']) {
      const result = byteSizeSchema.safeParse(size);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message)).toEqual([
        'at most 128mb, the most request body bytes the node reads at once',
      ]);
    }
  });

  it('refuses text that is no size once, as not a size', () => {
    const result = byteSizeSchema.safeParse('big');
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['a size such as 5mb']);
  });
});
