/**
 * H150 reads a record's words as a reader sees them (full-width forms as ASCII, `（` as `(`).
 * A site's own patterns and cues, typed with the same input method as the records, must be
 * read the same way, or they would match none of the words they were written for
 * (docs/configuring.md "Text only"). Expectations typed from rules page §2 "Text only": a
 * configured pattern that matches a Condition's text, with no known coding, raises
 * `emd-unclassified` (info); a configured negation cue before it means no finding.
 */
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/config-schema.js';
import {
  DEFAULT_TEXT_ONLY_NEGATION,
  DEFAULT_TEXT_ONLY_PATTERNS,
} from '../../src/config/text-only-defaults.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { evaluate } from '../../src/rules/evaluate.js';
import { patternAsSeen } from '../../src/rules/text-as-seen.js';
import { condition, icd, NOW, PATIENT_ID, recordOf } from '../rules/fixtures.js';

/** The shipped patterns, kept (a config leaving them out is refused), and the site's own. */
const withShipped = (...own: string[]) => [...DEFAULT_TEXT_ONLY_PATTERNS, ...own];

const siteSettings = (config: object) =>
  buildSettings(configSchema.parse(config), { file: undefined }).rules;

function cardsFor(text: string, config: object): string[] {
  const { outcomes } = evaluate({
    record: recordOf([condition('mm', { code: [icd('C90.02')] }), condition('pc1', { text })]),
    settings: siteSettings(config),
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  });
  return outcomes
    .filter((outcome) => outcome.fired)
    .map((outcome) => `${outcome.ruleId} ${String(outcome.indicator)}`);
}

describe("a site's patterns and cues typed in full-width characters (H150)", () => {
  it('a full-width pattern matches the words it was written for, as sent or in half-width', () => {
    const config = { textOnlyPatterns: withShipped('本院浆瘤（ＥＭＤ）') };
    expect(cardsFor('本院浆瘤（ＥＭＤ）', config)).toEqual(['emd-unclassified info']);
    expect(cardsFor('本院浆瘤(EMD)', config)).toEqual(['emd-unclassified info']);
  });

  it('a full-width parenthesis stays a literal: the pattern does not match the words without it', () => {
    expect(
      cardsFor('本院浆瘤ＥＭＤ', { textOnlyPatterns: withShipped('本院浆瘤（ＥＭＤ）') }),
    ).toEqual([]);
  });

  it('a full-width negation cue before the match says there is no finding', () => {
    const config = {
      textOnlyPatterns: withShipped('本院浆瘤'),
      textOnlyNegation: {
        ...DEFAULT_TEXT_ONLY_NEGATION,
        before: [...DEFAULT_TEXT_ONLY_NEGATION.before, 'ＮＯＴ ＳＥＥＮ'],
      },
    };
    expect(cardsFor('not seen 本院浆瘤', config)).toEqual([]);
    expect(cardsFor('本院浆瘤', config)).toEqual(['emd-unclassified info']);
  });

  it('reads a pattern written in ASCII, and the shipped defaults, as written', () => {
    expect(patternAsSeen('plasm(a|o)cytoma\\s+of\\s+(liver|skin)')).toBe(
      'plasm(a|o)cytoma\\s+of\\s+(liver|skin)',
    );
    expect(patternAsSeen('髓外浆细胞瘤')).toBe('髓外浆细胞瘤');
    expect(patternAsSeen('（ａ－ｚ）')).toBe('\\x28a\\x2dz\\x29');
  });
});
