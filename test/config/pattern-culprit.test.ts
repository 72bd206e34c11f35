/**
 * What a refused text pattern's message names and advises (docs/configuring.md, text
 * patterns; test/config/slow-patterns.test.ts for the whole refusal). The advice must never
 * repeat what the pattern already says: a pattern slow with a window of 60 characters was told
 * to "write a short window such as [^.;]{0,60}" (session 38). Rows typed from the message's
 * form; the culprit is named as the pattern writes it.
 */
import { RegExpParser } from '@eslint-community/regexpp';
import { describe, expect, it } from 'vitest';
import { culpritAdvice } from '../../src/config/pattern-culprit.js';
import { quantifiersOf } from '../../src/config/pattern-texts.js';
import { TEXT_PATTERN_FLAGS } from '../../src/rules/rule-settings.js';

function adviceFor(source: string, unit: string): string {
  const pattern = new RegExpParser().parsePattern(source, undefined, undefined, {
    unicode: TEXT_PATTERN_FLAGS.includes('u'),
  });
  const quantifiers = quantifiersOf(pattern, TEXT_PATTERN_FLAGS);
  return culpritAdvice(quantifiers, { unit, prefix: '', suffix: '' }, TEXT_PATTERN_FLAGS);
}

const SHARING = 'and try every way of sharing the text between them';

describe('the advice for a slow text pattern', () => {
  const rows: [string, string, string][] = [
    // [pattern, the unit its slow text repeats, the advice]
    [
      'plasmacytoma.*excluded',
      'plasmacytoma',
      'its `.*` is retried from every occurrence: write a bounded window such as [^.;]{0,60}',
    ],
    [
      'plasmacytoma[^.]{0,150}x',
      'plasmacytoma',
      'its `[^.]{0,150}` reads up to 150 characters from every position: write a short window such as [^.;]{0,60}',
    ],
    [
      '[^.;]{0,60}[^.;]{0,60}[^.;]{0,60}z',
      ' ',
      `its \`[^.;]{0,60}\` and \`[^.;]{0,60}\` read the same characters, ${SHARING}: write one window for both`,
    ],
    [
      'plasmacytoma[^.;]{0,40}[^.]{0,30}x',
      'plasmacytoma',
      `its \`[^.;]{0,40}\` and \`[^.]{0,30}\` read the same characters, ${SHARING}: write one window for both`,
    ],
    [
      '(?:[^.;]{0,60}){2}z',
      ' ',
      `its \`(?:[^.;]{0,60}){2}\` repeats a repeat, ${SHARING.replace('try', 'tries')}: repeat one part only`,
    ],
    [
      'plasmacytoma[^.;]{0,40}x',
      'plasmacytoma',
      'its `[^.;]{0,40}` reads up to 40 characters from every position: write a shorter window such as [^.;]{0,20}',
    ],
    [
      'plasmacytoma[^.;]{0,60}x',
      'plasmacytoma',
      'its `[^.;]{0,60}` reads up to 60 characters from every position: write a shorter window such as [^.;]{0,30}',
    ],
  ];

  it.each(rows)('%s', (source, unit, advice) => {
    expect(adviceFor(source, unit)).toBe(advice);
  });

  it.each(rows)('never advises for %s a window the pattern already has', (source, unit) => {
    const advised = /such as (.+)$/u.exec(adviceFor(source, unit))?.[1];
    if (advised !== undefined) expect(source).not.toContain(advised);
  });
});
