/**
 * Request bodies decoded piece by piece (src/http/utf8-text.ts, issue #15) must read exactly as
 * Node's own whole-buffer UTF-8 decoding does, the oracle here: for any characters, for bytes
 * that are not UTF-8 at all (each malformed sequence one U+FFFD, WHATWG's rule), and with the
 * pieces as small as one byte, so that every cut lands inside or beside a character.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Text } from '../../src/http/utf8-text.js';

const wholeBuffer = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('utf8Text', () => {
  it('reads typed examples: ASCII, accents, Chinese, emoji, across piece edges', () => {
    const bytes = Buffer.from('{"name":"José Müller","text":"软脑膜骨髓瘤 🩺"}', 'utf8');
    for (const pieceBytes of [1, 2, 3, 4, 5, 7, 4096])
      expect(utf8Text(bytes, pieceBytes)).toBe('{"name":"José Müller","text":"软脑膜骨髓瘤 🩺"}');
    expect(utf8Text(Buffer.from('plain ASCII'))).toBe('plain ASCII');
    expect(utf8Text(Buffer.alloc(0))).toBe('');
  });

  it('replaces malformed sequences as whole-buffer decoding does (typed from WHATWG)', () => {
    // A lone continuation byte, a lead byte cut short by "A", a truncated 4-byte sequence at
    // the end: one U+FFFD each.
    const bytes = Buffer.from([0x61, 0x80, 0x62, 0xe2, 0x41, 0xf0, 0x9f, 0xa9]);
    for (const pieceBytes of [1, 2, 3, 4096])
      expect(utf8Text(bytes, pieceBytes)).toBe('a\uFFFDb\uFFFDA\uFFFD');
  });

  it('equals whole-buffer decoding for any text, at any piece size', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.integer({ min: 1, max: 64 }),
        (text, size) => {
          const bytes = Buffer.from(text, 'utf8');
          expect(utf8Text(bytes, size)).toBe(text);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('equals whole-buffer decoding for any bytes at all, at any piece size', () => {
    // Bytes biased to UTF-8's interesting range: leads, continuations, invalid C0/F5..FF.
    const byte = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xff }));
    fc.assert(
      fc.property(
        fc.array(byte, { maxLength: 80 }),
        fc.integer({ min: 1, max: 16 }),
        (list, size) => {
          const bytes = Uint8Array.from(list);
          expect(utf8Text(bytes, size)).toBe(wholeBuffer(bytes));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads a view into a larger buffer from its own offset', () => {
    const whole = Buffer.from('xxJosé yy', 'utf8');
    expect(utf8Text(whole.subarray(2, whole.length - 3), 2)).toBe('José');
  });
});
