/**
 * Card text (rules page §4, "Card text rules"): record text is escaped so it can never become
 * Markdown or HTML, summaries are single plain lines, and wording templates are checked at
 * load — known variables and partials only, summaries under 140 characters once filled.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, plainText } from '../../src/cds/cards/markdown.js';
import { checkWording as problemsOf } from '../../src/cds/cards/check-wording.js';
import { wordingSchema, type Wording } from '../../src/cds/cards/wording.js';
import { PATHS } from '../../src/config/project-paths.js';
import type { RuleId } from '../../src/rules/types.js';
import { condition, icd } from '../rules/fixtures.js';
import { cardsFor } from './cards-for.js';

/** Each problem as `path: message`, as a wording file's problem reads after its position. */
const checkWording = (wording: Wording): string[] =>
  problemsOf(wording).map(({ path, message }) => `${path.join('.')}: ${message}`);

describe('escapeMarkdown shows record text as typed', () => {
  const cases: [string, string, string][] = [
    ['raw HTML', '<script>alert(1)</script>', '\\<script\\>alert\\(1\\)\\</script\\>'],
    [
      'an image tag',
      '<img src=x onerror="alert(1)">',
      '\\<img src=x onerror=\\"alert\\(1\\)\\"\\>',
    ],
    ['bold', '**bold**', '\\*\\*bold\\*\\*'],
    ['emphasis and strikethrough', '_soft_ ~~tissue~~', '\\_soft\\_ \\~\\~tissue\\~\\~'],
    [
      'a javascript: link',
      '[link](javascript:alert(1))',
      '\\[link\\]\\(javascript:alert\\(1\\)\\)',
    ],
    ['an autolink', '<javascript:alert(1)>', '\\<javascript:alert\\(1\\)\\>'],
    [
      'an image',
      '![x](https://evil.example/x.png)',
      '\\!\\[x\\]\\(https\\:\\/\\/evil.example/x.png\\)',
    ],
    // GitHub-flavoured Markdown's autolink extension links these without any markup.
    ['a bare URL', 'see https://evil.example/x', 'see https\\:\\/\\/evil.example/x'],
    ['a bare www address', 'see www.evil.example/x', 'see www\\.evil.example/x'],
    ['a capitalised www address', 'WWW.evil.example', 'WWW\\.evil.example'],
    ['an e-mail address', 'ask dr.who@evil.example', 'ask dr.who\\@evil.example'],
    ['backticks', '`code` ```fence```', '\\`code\\` \\`\\`\\`fence\\`\\`\\`'],
    ['table pipes', 'liver | kidney', 'liver \\| kidney'],
    ['HTML entities', '&lt;b&gt;', '\\&lt;b\\&gt;'],
    ['a leading bullet', '- item', '\\- item'],
    ['a leading plus bullet', '+ item', '\\+ item'],
    ['a leading ordered-list number', '1. item', '1\\. item'],
    ['a leading ordered-list number with a parenthesis', '12) item', '12\\) item'],
    ['a leading heading', '# Liver', '\\# Liver'],
    ['a leading blockquote', '> quoted', '\\> quoted'],
    ['a bullet after leading spaces', '   - item', '\\- item'],
    ['a newline starting a list', 'liver\n- injected item', 'liver - injected item'],
    ['a newline starting a heading', 'liver\r\n# Injected', 'liver \\# Injected'],
    ['a blank line starting a new block', 'liver\n\n    code block', 'liver code block'],
    ['a backslash', 'C:\\path', 'C:\\\\path'],
    ['a leading equals sign (setext heading)', '= x', '\\= x'],
    ['a lone dash', '-', '\\-'],
    ['a leading decimal number', '3.4-14 %', '3\\.4-14 %'],
    ['markup after plain words', 'liver, kidney and a * star', 'liver, kidney and a \\* star'],
  ];
  for (const [name, input, expected] of cases) {
    it(`neutralises ${name}`, () => {
      const escaped = escapeMarkdown(input);
      expect(escaped).toBe(expected);
      expect(escaped).not.toMatch(/[\n\r]/);
    });
  }

  it('leaves no link for a GitHub-flavoured renderer to find in record text', () => {
    // markdown-it with linkify on stands in for an EHR's GFM renderer with autolinks.
    const gfm = new MarkdownIt({ html: false, linkify: true });
    for (const text of [
      'see https://evil.example/x',
      'http://evil.example',
      'ftp://evil.example/file',
      'www.evil.example',
      'mail dr.who@evil.example',
      'mailto:dr.who@evil.example',
    ])
      expect(gfm.render(escapeMarkdown(text)), text).not.toContain('<a');
  });

  it('leaves plain clinical text alone', () => {
    expect(escapeMarkdown('Liver structure, 2026-09-01: 3.4-14 %')).toBe(
      'Liver structure, 2026-09-01: 3.4-14 %',
    );
    expect(escapeMarkdown('髓外浆细胞瘤')).toBe('髓外浆细胞瘤');
  });
});

describe('plainText makes one clean line', () => {
  const cases: [string, string, string][] = [
    ['NUL and BEL', 'liver\u0000kidney\u0007', 'liver kidney'],
    ['an ANSI escape', '\u001b[31mred\u001b[0m', '[31mred [0m'],
    ['DEL', 'a\u007fb', 'a b'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a b c'],
    ['tabs, newlines and runs of spaces', '\t a \n\n  b\r\n', 'a b'],
    ['two spaces between words', 'liver  kidney', 'liver kidney'],
    ['a leading space', ' liver', 'liver'],
    ['a trailing space', 'liver ', 'liver'],
    ['a no-break space', 'left\u00a0breast', 'left breast'],
    ['an ideographic space', '肝\u3000肾', '肝 肾'],
    ['a byte order mark', '\ufeffliver', 'liver'],
  ];
  for (const [name, input, expected] of cases) {
    it(`replaces ${name} with single spaces`, () => {
      expect(plainText(input)).toBe(expected);
    });
  }
});

describe('record text of megabytes is cut, not echoed (issue #19)', () => {
  // 300 UTF-16 units shown at most, then "…": typed here, not imported from src.
  it('300 characters are shown whole', () => {
    expect(plainText('a'.repeat(300))).toBe('a'.repeat(300));
  });

  it('a longer text is cut to 300 with an ellipsis, in a summary and in a detail', () => {
    expect(plainText('b'.repeat(1_000_000))).toBe(`${'b'.repeat(300)}…`);
    expect(escapeMarkdown('c'.repeat(1_000_000))).toBe(`${'c'.repeat(300)}…`);
  });

  it('never cuts a surrogate pair in half', () => {
    // 299 units, then an emoji (two units) astride the cut: the emoji goes.
    expect(plainText(`${'d'.repeat(299)}😀tail`)).toBe(`${'d'.repeat(299)}…`);
  });

  it('a text-only Condition of a megabyte gives a card of a few kilobytes', () => {
    const text = `Extramedullary plasmacytoma ${'x'.repeat(1_000_000)}`;
    const cards = cardsFor([
      condition('mm', { code: [icd('C90.02')], onset: '2024-01-01' }),
      { ...condition('pc1', { onset: '2026-10-01' }), code: { text } },
    ]);
    expect(cards.map((card) => card.indicator)).toEqual(['info']);
    expect(JSON.stringify(cards).length).toBeLessThan(10_000);
    expect(cards[0]?.detail).toContain(`Extramedullary plasmacytoma ${'x'.repeat(272)}…`);
  });
});

describe('checkWording', () => {
  const file = join(PATHS.wording, 'en.yaml');
  const shipped: Wording = wordingSchema.parse(parse(readFileSync(file, 'utf8')));
  const RULE: RuleId = 'emd-soft-tissue';
  function withTemplates(templates: { summary?: string; detail?: string }, partials = {}): Wording {
    const wording = structuredClone(shipped);
    wording.rules[RULE] = { ...wording.rules[RULE], ...templates };
    wording.partials = { ...wording.partials, ...partials };
    return wording;
  }

  it('accepts the shipped English wording (config/wording/en.yaml)', () => {
    expect(checkWording(shipped)).toEqual([]);
  });

  for (const template of [
    '{{nope}}',
    '{{{nope}}}',
    '{{&nope}}',
    '{{#nope}}x{{/nope}}',
    '{{^nope}}x{{/nope}}',
    '{{#findings}}{{nope}}{{/findings}}',
  ]) {
    it(`rejects the unknown variable in ${template}`, () => {
      expect(checkWording(withTemplates({ summary: `EMD ${template}` }))).toEqual([
        `rules.${RULE}.summary: unknown variable "nope"`,
      ]);
      expect(checkWording(withTemplates({ detail: template }))).toEqual([
        `rules.${RULE}.detail: unknown variable "nope"`,
      ]);
    });
  }

  it('rejects an unknown variable inside a partial', () => {
    expect(checkWording(withTemplates({}, { extra: 'see {{nope}}' }))).toEqual([
      'partials.extra: unknown variable "nope"',
    ]);
  });

  it('rejects an unknown partial', () => {
    expect(checkWording(withTemplates({ detail: '{{> findings}} {{> nope}}' }))).toEqual([
      `rules.${RULE}.detail: unknown partial "nope"`,
    ]);
  });

  it('rejects a template that does not parse', () => {
    expect(checkWording(withTemplates({ detail: '{{#findings}}open' }))).toEqual([
      `rules.${RULE}.detail: Unclosed section "findings" at 17`,
    ]);
  });

  const tooLong: [string, string, number][] = [
    ['140 characters of plain text', 'x'.repeat(140), 140],
    [
      // The lookback filled at its largest, 9999 days (the config allows at most 3650).
      'a variable filled with its longest value',
      `${'x'.repeat(136)} {{imaging.lookbackDays}}`,
      141,
    ],
    [
      'text shown only when the card is lowered',
      `${'x'.repeat(100)}{{#lowered}}${'y'.repeat(40)}{{/lowered}}`,
      140,
    ],
    [
      'text shown only when the card is not lowered',
      `${'x'.repeat(100)}{{^lowered}}${'y'.repeat(40)}{{/lowered}}`,
      140,
    ],
    // The longest pair the shipped tag can name: " (status unreadable; myeloma diagnosis differential)".
    [
      'the shipped lowering tag with its longest pair of statuses',
      `${'x'.repeat(100)}{{#lowered}} ({{> loweredTag}}){{/lowered}}`,
      152,
    ],
    // Flags the load check once set all on or all off together: these lengths are reached
    // only with one flag on and another off.
    [
      'text shown when the card is lowered but not held',
      `${'x'.repeat(100)}{{#lowered}}{{^held}}${'y'.repeat(40)}{{/held}}{{/lowered}}`,
      140,
    ],
    [
      'text shown when a nested flag is off and another on',
      `${'x'.repeat(120)}{{#phase.isRelapsed}}{{^phase.isDiagnosis}}${'y'.repeat(20)}{{/phase.isDiagnosis}}{{/phase.isRelapsed}}`,
      140,
    ],
    [
      'text shown when a flag named in a partial is off and one in the summary on',
      `${'x'.repeat(100)}{{#hasFindings}}{{> notHeld}}{{/hasFindings}}`,
      140,
    ],
    [
      'text shown only when the findings have several statuses',
      `${'x'.repeat(130)}{{#findingStatus}}{{#isMixed}}${'y'.repeat(10)}{{/isMixed}}{{/findingStatus}}`,
      140,
    ],
  ];
  for (const [name, summary, length] of tooLong) {
    it(`rejects a summary of ${String(length)} characters once filled: ${name}`, () => {
      const partials = { notHeld: `{{^heldGuard}}${'y'.repeat(40)}{{/heldGuard}}` };
      const problems = checkWording(withTemplates({ summary }, partials));
      const expected = `rules.${RULE}.summary: ${String(length)} characters once filled (at most 139)`;
      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) expect(problem.startsWith(expected), problem).toBe(true);
    });
  }

  it('accepts a summary of 139 characters once filled, even when its template is longer', () => {
    expect(checkWording(withTemplates({ summary: 'x'.repeat(139) }))).toEqual([]);
    const summary = `${'x'.repeat(130)}{{#imaging.isKnown}}{{/imaging.isKnown}}`;
    expect(summary.length).toBeGreaterThan(139);
    expect(checkWording(withTemplates({ summary }))).toEqual([]);
  });

  // The length check fills lists empty, so a summary that repeats per item has no bound: refused.
  const listSummaries: [string, string, string[]][] = [
    [
      'a section over findings',
      'EMD: {{#findings}}{{label}} {{sites}}; {{/findings}}',
      ['findings'],
    ],
    [
      'a section over gaps inside a flag',
      'EMD{{^lowered}}: {{#gaps}}{{.}} {{/gaps}}{{/lowered}}',
      ['gaps'],
    ],
    ['a list printed whole', 'EMD: {{study}}', ['study']],
    [
      'two lists',
      '{{#history}}{{label}}{{/history}}{{#textOnly}}{{text}}{{/textOnly}}',
      ['history', 'textOnly'],
    ],
  ];
  for (const [name, summary, lists] of listSummaries) {
    it(`rejects a summary that iterates a list: ${name}`, () => {
      expect(checkWording(withTemplates({ summary }))).toEqual(
        lists.map(
          (list) =>
            `rules.${RULE}.summary: iterates the list "${list}": a summary that repeats for each item has no length limit (CDS Hooks: under 140 characters); keep lists in the detail`,
        ),
      );
    });
  }

  it('rejects a summary that iterates a list through a partial, and accepts lists in the detail', () => {
    const wording = withTemplates(
      { summary: 'EMD: {{> sitesOf}}', detail: '{{#findings}}{{label}}{{/findings}}' },
      { sitesOf: '{{#outranked}}{{label}}{{/outranked}}' },
    );
    expect(checkWording(wording)).toEqual([
      `rules.${RULE}.summary: iterates the list "outranked": a summary that repeats for each item has no length limit (CDS Hooks: under 140 characters); keep lists in the detail`,
    ]);
  });

  // The recent studies are joined in one text (imaging-view.ts): as long as the patient's list.
  for (const name of ['imaging.wholeBodyStudies', 'imaging.neuraxisStudies'])
    it(`rejects a summary that prints ${name}, and accepts one that only tests it`, () => {
      expect(checkWording(withTemplates({ summary: `EMD: recent {{${name}}}` }))).toEqual([
        `rules.${RULE}.summary: prints "${name}", every recent study joined in one text: a summary that holds it has no length limit (CDS Hooks: under 140 characters); keep it in the detail`,
      ]);
      expect(
        checkWording(withTemplates({ summary: `EMD{{#${name}}} (imaged){{/${name}}}` })),
      ).toEqual([]);
    });

  it('accepts a summary that only tests whether a list is empty', () => {
    expect(
      checkWording(withTemplates({ summary: 'EMD{{^findings}} (no coded finding){{/findings}}' })),
    ).toEqual([]);
  });

  it('accepts the shipped Chinese wording (config/wording/zh-CN.yaml)', () => {
    const zh = wordingSchema.parse(parse(readFileSync(join(PATHS.wording, 'zh-CN.yaml'), 'utf8')));
    expect(checkWording(zh)).toEqual([]);
  });

  // Rules page §4: the summary limit is "checked after the template is filled". Cards render
  // summaries with the locale's partials (build-card.ts), but checkWording fills them with no
  // partials, so a partial can carry a summary past 139 characters unnoticed at load.
  it('rejects a summary that passes 139 characters through a partial', () => {
    const wording = withTemplates({ summary: 'EMD: {{> long}}' }, { long: 'z'.repeat(150) });
    expect(checkWording(wording)).toHaveLength(1);
  });
});
