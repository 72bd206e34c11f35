/**
 * A site's text pattern is checked at load by scslre (./linear-pattern.ts) and by timing
 * (./pattern-cost.ts); both read regexpp's syntax tree of it, so it is parsed once for both.
 */
import { RegExpParser } from '@eslint-community/regexpp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { superLinearReason } from '../../src/config/linear-pattern.js';

describe('the checks of a text pattern at load', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    // accepted by both checks
    ['\\bsoft[\\s-]tissue plasmacytoma of the [a-z]{1,20}\\b', undefined],
    // refused by the timing's check of the tree (a window over 200), after scslre's
    ['[^.]{0,5000}plasmacytoma', 'reads up to 5000 characters'],
  ])('parses %s once', (source, refusal) => {
    const parsePattern = vi.spyOn(RegExpParser.prototype, 'parsePattern');
    const reason = superLinearReason(source);
    if (refusal === undefined) expect(reason).toBeUndefined();
    else expect(reason).toContain(refusal);
    expect(parsePattern).toHaveBeenCalledTimes(1);
  });
});
