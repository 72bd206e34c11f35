/**
 * What a site's wording must keep (rules page §2 "Status": a lowered card says so; §4: the
 * detail lists the patient's findings; docs/configuring.md example e): each summary the shipped
 * wording marks lowered with `{{#lowered}}…{{/lowered}}`, every detail's `{{> lowering}}`, and the
 * findings each detail lists. Checked in both shipped locales; the messages are typed from the
 * shipped templates, which say what to put back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkKeptParts } from '../../src/cds/cards/check-kept-parts.js';
import { wordingSchema, type Wording } from '../../src/cds/cards/wording.js';
import { PATHS } from '../../src/config/project-paths.js';
import { RULE_IDS, type RuleId } from '../../src/rules/types.js';

const LOCALES = ['en', 'zh-CN'] as const;
const shipped = (locale: string): Wording =>
  wordingSchema.parse(parse(readFileSync(join(PATHS.wording, `${locale}.yaml`), 'utf8')));
const problems = (wording: Wording): string[] =>
  checkKeptParts(wording).map(({ path, message }) => `${path.join('.')}: ${message}`);

/** The shipped wording of `locale` with `rule`'s template changed by `edit`, which must change it. */
function edited(
  locale: string,
  rule: RuleId,
  part: 'summary' | 'detail',
  edit: (text: string) => string,
): Wording {
  const wording = shipped(locale);
  const before = wording.rules[rule][part];
  const after = edit(before);
  expect(after, `${locale} ${rule}.${part} holds what the test removes`).not.toBe(before);
  wording.rules[rule][part] = after;
  return wording;
}

/** The four finding cards: their shipped summaries carry the lowered tag, in both locales. */
const TAGGED_SUMMARIES: RuleId[] = [
  'emd-leptomeningeal',
  'emd-cns',
  'emd-soft-tissue',
  'emd-paraskeletal',
];
const LOWERED_SECTION = /\{\{#lowered\}\}.*?\{\{\/lowered\}\}/;

const SUMMARY_UNSAID =
  'does not say that the card was lowered (rules page §2: a lowered card says so): put back {{#lowered}} ({{> loweredTag}}){{/lowered}}, with the shipped loweredTag partial';
const DETAIL_UNSAID =
  'does not say that the card was lowered, nor why (rules page §2: a lowered card says so): put back {{> lowering}}, with the shipped lowering partial';
const DETAIL_NO_CAUSE =
  "says that the card was lowered but not why, the findings' status or the myeloma diagnosis's (rules page §2): put back the shipped lowering partial, with its findingClause and myelomaClause";
const NO_FINDINGS =
  'does not list the findings the card rests on: put back {{> findings}} as the shipped wording has it';
const NO_FINDINGS_IF_ANY =
  'does not list the findings the card rests on: put back {{#hasFindings}}{{> findings}}{{/hasFindings}} as the shipped wording has it';

describe('the shipped wording', () => {
  for (const locale of LOCALES)
    it(`keeps every part in ${locale}.yaml`, () => {
      expect(problems(shipped(locale))).toEqual([]);
    });
});

describe('a summary that drops the lowered tag', () => {
  for (const locale of LOCALES)
    for (const rule of TAGGED_SUMMARIES)
      it(`is refused for ${rule} in ${locale}.yaml`, () => {
        const wording = edited(locale, rule, 'summary', (s) => s.replace(LOWERED_SECTION, ''));
        expect(problems(wording)).toEqual([`rules.${rule}.summary: ${SUMMARY_UNSAID}`]);
      });

  it('is refused when it says so for uncertain findings only, naming the cause left out', () => {
    const wording = edited('en', 'emd-cns', 'summary', (s) =>
      s.replace(LOWERED_SECTION, '{{#loweredFinding}} (unconfirmed){{/loweredFinding}}'),
    );
    expect(problems(wording)).toEqual([
      'rules.emd-cns.summary: does not say that the card was lowered when the myeloma diagnosis is uncertain (rules page §2: a lowered card says so): put back {{#lowered}} ({{> loweredTag}}){{/lowered}}, with the shipped loweredTag partial',
    ]);
  });

  it('is not asked of the summaries the shipped wording gives no tag', () => {
    const wording = shipped('en');
    for (const rule of RULE_IDS.filter((id) => !TAGGED_SUMMARIES.includes(id))) {
      expect(wording.rules[rule].summary).not.toMatch(LOWERED_SECTION);
      wording.rules[rule].summary = 'Plain words';
    }
    expect(problems(wording)).toEqual([]);
  });
});

describe('a detail that drops {{> lowering}}', () => {
  for (const locale of LOCALES)
    for (const rule of RULE_IDS)
      it(`is refused for ${rule} in ${locale}.yaml`, () => {
        const wording = edited(locale, rule, 'detail', (d) => d.replace('{{> lowering}}', ''));
        expect(problems(wording)).toEqual([`rules.${rule}.detail: ${DETAIL_UNSAID}`]);
      });

  it('is refused for every card when the lowering partial says it was lowered but not why', () => {
    const wording = shipped('en');
    wording.partials.lowering = '{{#lowered}}**Shown one level lower than usual.**{{/lowered}}';
    expect(problems(wording)).toEqual(
      RULE_IDS.map((id) => `rules.${id}.detail: ${DETAIL_NO_CAUSE}`),
    );
  });
});

/** Per rule: the shipped detail's text that lists the findings, and the problem without it. */
const LISTS: [RuleId, RegExp | string, string][] = [
  ['emd-leptomeningeal', '{{> findings}}', NO_FINDINGS],
  ['emd-cns', '{{> findings}}', NO_FINDINGS],
  ['emd-soft-tissue', '{{> findings}}', NO_FINDINGS],
  ['emd-paraskeletal', '{{> findings}}', NO_FINDINGS],
  [
    'emd-unclassified',
    /\{\{#findings\}\}.*?\{\{\/findings\}\}/s,
    'does not list the findings the card rests on: put back {{#findings}}…{{/findings}} as the shipped wording has it',
  ],
  [
    'emd-unclassified',
    /\{\{#textOnly\}\}.*?\{\{\/textOnly\}\}/s,
    'does not list the plasmacytomas recorded as text only the card rests on: put back {{#textOnly}}…{{/textOnly}} as the shipped wording has it',
  ],
  ['emd-imaging-review', '{{#hasFindings}}{{> findings}}{{/hasFindings}}', NO_FINDINGS_IF_ANY],
  ['emd-cns-imaging-review', '{{#hasFindings}}{{> findings}}{{/hasFindings}}', NO_FINDINGS_IF_ANY],
  [
    'emd-reported-not-listed',
    /\{\{#reported\}\}.*?\{\{\/reported\}\}/s,
    'does not list the findings the imaging reports show the card rests on: put back {{#reported}}…{{/reported}} as the shipped wording has it',
  ],
  ['emd-imaging-order', '{{> findings}}', NO_FINDINGS],
];

describe('a detail that drops its findings', () => {
  for (const locale of LOCALES)
    for (const [rule, list, message] of LISTS)
      it(`is refused for ${rule} without ${String(list)} in ${locale}.yaml`, () => {
        const wording = edited(locale, rule, 'detail', (d) => d.replace(list, ''));
        expect(problems(wording)).toEqual([`rules.${rule}.detail: ${message}`]);
      });

  it('is refused for every card that uses the findings partial when it lists none', () => {
    const wording = shipped('zh-CN');
    wording.partials.findings = '**发现**';
    expect(problems(wording)).toEqual([
      `rules.emd-leptomeningeal.detail: ${NO_FINDINGS}`,
      `rules.emd-cns.detail: ${NO_FINDINGS}`,
      `rules.emd-soft-tissue.detail: ${NO_FINDINGS}`,
      `rules.emd-paraskeletal.detail: ${NO_FINDINGS}`,
      `rules.emd-imaging-review.detail: ${NO_FINDINGS_IF_ANY}`,
      `rules.emd-cns-imaging-review.detail: ${NO_FINDINGS_IF_ANY}`,
      `rules.emd-imaging-order.detail: ${NO_FINDINGS}`,
    ]);
  });
});

describe('wording that says the same in words of its own', () => {
  // As in the files shipped before the loweredTag and findingClause partials (docs/configuring.md
  // example e: such a file still loads).
  it('accepts a file written for an earlier version: a fixed "(unconfirmed)" and older partials', () => {
    const wording = shipped('en');
    for (const rule of TAGGED_SUMMARIES)
      wording.rules[rule].summary = wording.rules[rule].summary.replace(
        LOWERED_SECTION,
        '{{#lowered}} (unconfirmed){{/lowered}}',
      );
    wording.partials.lowering =
      '{{#lowered}}**Shown one level lower than usual** because {{#loweredFinding}}the finding is recorded as unconfirmed, provisional or differential{{/loweredFinding}}{{#loweredBoth}} and {{/loweredBoth}}{{#loweredMyeloma}}the myeloma diagnosis itself is unconfirmed, provisional or differential{{/loweredMyeloma}}.\n\n{{/lowered}}';
    wording.partials.findings =
      '**Findings**\n{{#findings}}\n- {{sites}}: {{classLabel}}{{#date}}, since {{date}}{{/date}}\n{{/findings}}\n';
    expect(problems(wording)).toEqual([]);
  });

  it('accepts the tag at the start of a summary, and findings listed by label only', () => {
    const wording = edited(
      'en',
      'emd-cns',
      'summary',
      (s) => `{{#lowered}}Unconfirmed: {{/lowered}}${s.replace(LOWERED_SECTION, '')}`,
    );
    wording.rules['emd-cns'].detail = wording.rules['emd-cns'].detail.replace(
      '{{> findings}}',
      '{{#findings}}\n- {{label}}\n{{/findings}}',
    );
    expect(problems(wording)).toEqual([]);
  });
});
