/**
 * Wording files that loaded and broke the rules page's promises (probe 8): a lowered card's
 * summary hiding or contradicting that it was lowered (§2 "Status": a lowered card says so;
 * docs/configuring.md §e; H125), and a source label not naming the review every card cites
 * (the rules page's header: "Every card cites it as its source").
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { DEFAULT_CONFIG } from '../../src/config/config-schema.js';
import { drugWordWarnings } from '../../src/config/drug-word-warnings.js';
import { loadWording } from '../../src/config/load-wording.js';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';

/** The shipped wording with `edit` applied to the text of `locale`.yaml; the load's problems. */
function problemsWith(locale: string, edit: (text: string) => string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'emd-cds-wording-promises-'));
  cpSync(join(PROJECT_ROOT, 'config', 'wording'), dir, { recursive: true });
  const file = join(dir, `${locale}.yaml`);
  const text = readFileSync(file, 'utf8');
  const edited = edit(text);
  expect(edited).not.toBe(text);
  writeFileSync(file, edited);
  try {
    loadWording(dir, DEFAULT_CONFIG);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

const CNS_SUMMARY = /^( *)summary: 'CNS myeloma\{\{#lowered\}\}.*$/m;
const cnsSummary = (summary: string) => (text: string) =>
  text.replace(CNS_SUMMARY, (_all, indent: string) => `${indent}summary: '${summary}'`);
const partial = (name: string, value: string) => (text: string) =>
  text.replace(new RegExp(`^( *)${name}: .*$`, 'm'), (_all, indent: string) => {
    return `${indent}${name}: '${value}'`;
  });

describe("a lowered summary says why, in its locale's shipped words (§2 Status; H125)", () => {
  it('the shipped wording loads', () => {
    expect(problemsWith('en', (text) => `${text}\n`)).toEqual([]);
  });

  for (const [what, filler] of [
    ['a blank', ' '],
    ['a zero-width space', '\u200b'],
  ] as const)
    it(`refuses ${what} as the lowered part of the emd-cns summary, naming rule and locale`, () => {
      const problems = problemsWith(
        'en',
        cnsSummary(`CNS myeloma{{#lowered}}${filler}{{/lowered}}: rare, with a dismal prognosis`),
      );
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/en\.yaml:\d+:\d+ rules\.emd-cns\.summary: .*\(en\)/);
      for (const word of ['unconfirmed', 'provisional', 'differential', 'status unreadable'])
        expect(problems[0]).toContain(`"${word}"`);
    });

  it("refuses loweredTag: 'reviewed' on every summary that names the lowering", () => {
    const problems = problemsWith('en', partial('loweredTag', 'reviewed'));
    expect(problems.map((p) => /rules\.([\w-]+)\.summary/.exec(p)?.[1])).toEqual([
      'emd-leptomeningeal',
      'emd-cns',
      'emd-soft-tissue',
      'emd-paraskeletal',
    ]);
  });

  it("refuses statusTag: 'confirmed', which says the opposite", () => {
    const problems = problemsWith('en', partial('statusTag', 'confirmed'));
    expect(problems).toHaveLength(4);
    expect(problems[0]).toContain('"unconfirmed"');
  });

  it('asks the zh-CN file for its own shipped words', () => {
    const problems = problemsWith('zh-CN', partial('statusTag', '已确认'));
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(
      /zh-CN\.yaml:\d+:\d+ rules\.emd-leptomeningeal\.summary: .*\(zh-CN\)/,
    );
    expect(problems[0]).toContain('"未确认"');
  });

  it('loads a summary written before the tags, with a fixed " (unconfirmed)"', () => {
    expect(
      problemsWith('en', cnsSummary('CNS myeloma{{#lowered}} (unconfirmed){{/lowered}}: rare')),
    ).toEqual([]);
  });

  it('loads a summary of its own that keeps the tag', () => {
    expect(
      problemsWith(
        'en',
        cnsSummary('CNS disease{{#lowered}} [{{> loweredTag}}]{{/lowered}}: rare'),
      ),
    ).toEqual([]);
  });
});

describe('the source label names Bladé (rules page: every card cites the review)', () => {
  it('refuses a label of the hospital, naming the key', () => {
    const problems = problemsWith('en', (text) =>
      text.replace(/^sourceLabel: .*$/m, "sourceLabel: 'Hospital Example myeloma team'"),
    );
    expect(problems).toEqual([expect.stringMatching(/en\.yaml:\d+:\d+ sourceLabel: /)]);
  });

  it('accepts "Blade" without the accent', () => {
    expect(
      problemsWith('en', (text) =>
        text.replace(/^sourceLabel: .*$/m, "sourceLabel: 'Blade et al. 2022 (EMD review)'"),
      ),
    ).toEqual([]);
  });
});

describe('a template naming a myeloma drug or regimen (§6: never recommends one)', () => {
  const shipped = () => loadWording(join(PROJECT_ROOT, 'config', 'wording'), DEFAULT_CONFIG);

  it('the shipped wording names none', () => {
    expect(drugWordWarnings(shipped())).toEqual([]);
  });

  it('warns naming locale, rule and word', () => {
    const wording = shipped();
    const en = wording.en;
    if (!en) throw new Error('no en wording');
    en.rules['emd-cns'].detail = 'Start daratumumab-VRd per protocol.';
    const warnings = drugWordWarnings({ en });
    expect(warnings).toEqual([
      expect.stringContaining('wording en: rules.emd-cns.detail names "daratumumab"'),
      expect.stringContaining('wording en: rules.emd-cns.detail names "VRd"'),
    ]);
  });
});
