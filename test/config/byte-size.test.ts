/**
 * Sizes as configuration writes them (`BODY_LIMIT`, `service.bodyLimit`; docs/configuring.md:
 * "a number and `b`, `kb` or `mb`"), counted in 1,024s as body-parser counts them.
 */
import { describe, expect, it } from 'vitest';
import { BYTE_SIZE_PATTERN, byteSizeOf } from '../../src/config/byte-size.js';

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
