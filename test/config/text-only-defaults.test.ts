/**
 * The built-in text-only patterns (H77, H88) are held to the rule a site's own patterns are
 * held to at load (issue #19): each a valid pattern whose matching time grows linearly with
 * the text. The built-in ones are not checked at load (docs/performance-log.md §29), so here.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config-schema.js';
import { superLinearReason } from '../../src/config/linear-pattern.js';
import { DEFAULT_TEXT_ONLY_PATTERNS } from '../../src/config/text-only-defaults.js';
import { DEFAULT_MYELOMA_TEXT_PATTERNS } from '../../src/config/text-only-myeloma-defaults.js';
import { DEFAULT_OTHER_DISEASE_TEXT_PATTERNS } from '../../src/config/text-only-other-diseases.js';

/**
 * The timing reads each pattern on about a hundred texts built from it: 35 ms in all for the
 * longest built-in pattern on a quiet machine, but over 20 s in CI's full suite on two cores
 * (session 38), where each read costs ten times more and crosses the floor that sends it to
 * the growth rounds. A busy machine makes the check slow, not wrong: time enough for it.
 */
const TIMING_TIMEOUT_MS = 180_000;

describe('the built-in text-only patterns', () => {
  it.each(DEFAULT_TEXT_ONLY_PATTERNS)(
    '%s is a pattern matched in linear time',
    (source) => {
      expect(() => new RegExp(source, 'iu')).not.toThrow();
      expect(superLinearReason(source)).toBeUndefined();
    },
    TIMING_TIMEOUT_MS,
  );

  it('are the defaults of a config that sets none, with the negation cues', () => {
    expect(DEFAULT_CONFIG.textOnlyPatterns).toEqual([...DEFAULT_TEXT_ONLY_PATTERNS]);
    expect(DEFAULT_CONFIG.textOnlyNegation.before).toContain('no evidence of');
    expect(DEFAULT_CONFIG.textOnlyNegation.after).toContain('已排除');
  });
});

// H136, H135: the explain trace's words, held to the same rule (configuring.md).
describe('the built-in words of the explain trace', () => {
  it.each([...DEFAULT_MYELOMA_TEXT_PATTERNS, ...DEFAULT_OTHER_DISEASE_TEXT_PATTERNS])(
    '%s is a pattern matched in linear time',
    (source) => {
      expect(() => new RegExp(source, 'iu')).not.toThrow();
      expect(superLinearReason(source)).toBeUndefined();
    },
    TIMING_TIMEOUT_MS,
  );

  it('are the defaults of a config that sets none', () => {
    expect(DEFAULT_CONFIG.textOnlyMyelomaPatterns).toEqual([...DEFAULT_MYELOMA_TEXT_PATTERNS]);
    expect(DEFAULT_CONFIG.textOnlyMyelomaPatterns).toContain('骨髓瘤');
    expect(DEFAULT_CONFIG.textOnlyOtherDiseasePatterns).toEqual([
      ...DEFAULT_OTHER_DISEASE_TEXT_PATTERNS,
    ]);
    expect(DEFAULT_CONFIG.textOnlyOtherDiseasePatterns).toHaveLength(2);
  });
});
