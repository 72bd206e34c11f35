/**
 * H88: a text-only pattern's match that a negation cue says is absent is not a mention. The
 * cues here are typed in the test, not the shipped ones, so that each row checks one rule of
 * the matcher: how near a cue must be, what ends its reach, pseudo-negations, whole words, and
 * that every match of a text is read. Then: checking a long adversarial text costs time in
 * proportion to its length (issue #19), as the configured patterns must.
 */
import { describe, expect, it } from 'vitest';
import { compileNegationCues, NO_NEGATION } from '../../src/rules/negation.js';
import { patternHit, type PatternHit } from '../../src/rules/text-reading.js';

const settings = {
  textOnlyPatterns: [/plasmacytoma/iu, /浆细胞瘤/iu],
  textOnlyNegation: compileNegationCues({
    before: ['no', 'no evidence of', '无', '排除'],
    after: ['excluded', '已排除'],
    pseudo: ['cannot be excluded', '不能排除'],
    scopeEnds: ['but'],
  }),
};

const hit = (text: string): PatternHit | undefined => patternHit({ text }, settings);

describe('a negation cue negates a match in reach', () => {
  const rows: [string, string, string | undefined][] = [
    ['a cue just before', 'No plasmacytoma', 'no'],
    ['a cue of several words', 'No evidence of plasmacytoma', 'no evidence of'],
    ['three words between', 'No sign at all plasmacytoma', 'no'],
    ['four words between: out of reach', 'No sign at all of plasmacytoma', undefined],
    ['a cue just after', 'Plasmacytoma excluded', 'excluded'],
    ['after, three words between', 'Plasmacytoma of the liver excluded', 'excluded'],
    ['a comma between: another clause', 'No fever, plasmacytoma of liver', undefined],
    ['a full stop between', 'Plasmacytoma. Excluded AML', undefined],
    ['a scope end between', 'No AML but plasmacytoma', undefined],
    ['a cue inside a pseudo phrase', 'Plasmacytoma cannot be excluded', undefined],
    ['"no" inside a word is no cue', 'Piano plasmacytoma', undefined],
    ['a cue in upper case', 'NO EVIDENCE OF PLASMACYTOMA', 'no evidence of'],
    ['Chinese: a cue touching the match', '无浆细胞瘤', '无'],
    ['Chinese: a cue after, touching', '浆细胞瘤已排除', '已排除'],
    ['Chinese: other words between end its reach', '无症状浆细胞瘤', undefined],
    ['Chinese: a pseudo-negation', '不能排除浆细胞瘤', undefined],
    ['a colon before an after-cue', 'Plasmacytoma: excluded', 'excluded'],
    ['a colon with no blank after it', 'Plasmacytoma:excluded', 'excluded'],
    ['a full-width colon before a Chinese after-cue', '浆细胞瘤：已排除', '已排除'],
    ['a colon before a pseudo-negation', 'Plasmacytoma: cannot be excluded', undefined],
    ['two colons: the second ends the reach', 'Plasmacytoma: liver: excluded', undefined],
    ['a semicolon is not a colon', 'Plasmacytoma; excluded AML', undefined],
  ];
  it.each(rows)('%s: %s', (_name, text, cue) => {
    const found = hit(text);
    expect(found?.text).toBe(text);
    expect(found?.negatedBy).toBe(cue);
  });
});

describe('every match of a text is read', () => {
  it('a text with one negated and one plain mention is a mention', () => {
    expect(hit('Plasmacytoma excluded; plasmacytoma of rib')).toEqual({
      text: 'Plasmacytoma excluded; plasmacytoma of rib',
    });
  });

  it('a coding display that is not negated is the mention when the text is', () => {
    expect(
      patternHit({ text: 'No plasmacytoma', coding: [{ display: 'Plasmacytoma' }] }, settings),
    ).toEqual({ text: 'Plasmacytoma' });
  });

  it('without cues nothing is negated', () => {
    expect(
      patternHit({ text: 'No plasmacytoma' }, { ...settings, textOnlyNegation: NO_NEGATION }),
    ).toEqual({ text: 'No plasmacytoma' });
  });

  it('a pattern that can match nothing still moves on to the end of the text', () => {
    const empty = { ...settings, textOnlyPatterns: [/(?=plasmacytoma)/iu] };
    expect(patternHit({ text: 'no plasmacytoma; no plasmacytoma' }, empty)?.negatedBy).toBe('no');
  });
});

describe('a text negating a mention again and again (issue #19)', () => {
  // 32 negated matches are read; past that the text counts as a mention (the cautious reading:
  // the info card asks for a code), so a text of megabytes is not checked match by match.
  it('32 negated mentions are negated', () => {
    expect(hit('无浆细胞瘤'.repeat(32))?.negatedBy).toBe('无');
  });

  it('a 33rd negated mention makes the text a mention', () => {
    const text = '无浆细胞瘤'.repeat(33);
    expect(hit(text)).toEqual({ text });
  });

  it('a text of a megabyte of negated mentions is a mention', () => {
    const text = 'no plasmacytoma '.repeat(65_536);
    expect(hit(text)?.negatedBy).toBeUndefined();
  });
});

/** CPU milliseconds of the best of a few runs. */
function cpuMs(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = process.cpuUsage();
    run();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

describe('checking every match costs time in proportion to the text (issue #19)', () => {
  // Matches negated (past 32 the text is a mention); runs of cue words and of one long word
  // before a match, which a look without bounds would walk back over from each match.
  const fillers: Record<string, (length: number) => string> = {
    'negated matches': (n) => 'no plasmacytoma '.repeat(n / 16),
    'negated Chinese matches': (n) => '无浆细胞瘤'.repeat(n / 5),
    'cue words then a match': (n) => `${'no '.repeat(n / 3)}plasmacytoma`,
    'one long word before each match': (n) => `${'a'.repeat(n / 2)}plasmacytoma`.repeat(2),
    'pseudo phrases': (n) => 'cannot be excluded plasmacytoma excluded '.repeat(n / 41),
  };
  it.each(Object.entries(fillers))('%s', (_name, fill) => {
    // Texts long enough that the small one takes milliseconds, not a timer's resolution.
    const small = fill(50_000);
    const large = fill(500_000);
    const texts = [small, large].map((text) => () => patternHit({ text }, settings));
    texts[0]?.(); // warm-up
    // Measured again when over (a collection may land in one run): quadratic work is over
    // every round.
    let [smallMs, largeMs] = [0, Infinity];
    for (let round = 0; round < 3 && largeMs > 20 * smallMs; round++)
      [smallMs, largeMs] = texts.map((run) => cpuMs(run)) as [number, number];
    // Linear work grows ~10×, quadratic ~100×; 20× leaves room for noise.
    expect(largeMs).toBeLessThanOrEqual(20 * Math.max(smallMs, 0.5));
  });
});
