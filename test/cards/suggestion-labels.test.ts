/**
 * The label of the "add to the problem list" suggestion (wording `suggestionLabels.addCondition`,
 * H59): a Mustache template that names the finding and its sites, so two findings on one card
 * give two buttons a clinician can tell apart. Checked at load like a summary (known names only,
 * under 140 characters once filled, and never empty: CDS Hooks requires a label); a plain label,
 * as a site's wording written before it was a template, still loads and shows as written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkWording as problemsOf } from '../../src/cds/cards/check-wording.js';
import { addConditionLabel } from '../../src/cds/cards/suggestion-label.js';
import { wordingSchema, type Wording } from '../../src/cds/cards/wording.js';
import { PATHS } from '../../src/config/project-paths.js';

/** Each problem as `path: message`, as a wording file's problem reads after its position. */
const checkWording = (wording: Wording): string[] =>
  problemsOf(wording).map(({ path, message }) => `${path.join('.')}: ${message}`);

const load = (locale: string): Wording =>
  wordingSchema.parse(parse(readFileSync(join(PATHS.wording, `${locale}.yaml`), 'utf8')));
const en = load('en');
const zh = load('zh-CN');

function withLabel(wording: Wording, addCondition: string): Wording {
  const changed = structuredClone(wording);
  changed.suggestionLabels.addCondition = addCondition;
  return changed;
}

const liverAndKidney = {
  finding: 'Extramedullary plasmacytoma',
  sites: 'Liver structure, Kidney structure',
  hasSites: true,
};
const noSite = { finding: 'Extramedullary plasmacytoma', sites: '', hasSites: false };

describe('the shipped labels name the finding and its sites', () => {
  it('in English', () => {
    expect(addConditionLabel(en, liverAndKidney)).toBe(
      'Add to the problem list: Extramedullary plasmacytoma (Liver structure, Kidney structure)',
    );
    expect(addConditionLabel(en, noSite)).toBe(
      'Add to the problem list: Extramedullary plasmacytoma',
    );
  });

  it('in Simplified Chinese', () => {
    expect(
      addConditionLabel(zh, { finding: '髓外浆细胞瘤', sites: '肝、肾', hasSites: true }),
    ).toBe('添加到问题列表：髓外浆细胞瘤（肝、肾）');
    expect(addConditionLabel(zh, { finding: '髓外浆细胞瘤', sites: '', hasSites: false })).toBe(
      '添加到问题列表：髓外浆细胞瘤',
    );
  });

  it('pass the load check', () => {
    expect(checkWording(en)).toEqual([]);
    expect(checkWording(zh)).toEqual([]);
  });
});

describe('a plain label, as the shipped files had before it was a template', () => {
  for (const [wording, label] of [
    [en, 'Add the reported finding to the problem list'],
    [zh, '将报告的发现添加到问题列表'],
  ] as const) {
    it(`loads and shows as written: ${label}`, () => {
      expect(checkWording(withLabel(wording, label))).toEqual([]);
      expect(addConditionLabel(withLabel(wording, label), liverAndKidney)).toBe(label);
    });
  }
});

describe('record text in a label', () => {
  it('is one plain line: a label is not Markdown, so nothing is escaped', () => {
    const finding = { finding: '**Plasmacytoma**\n<b>left</b>', sites: '', hasSites: false };
    expect(addConditionLabel(en, finding)).toBe(
      'Add to the problem list: **Plasmacytoma** <b>left</b>',
    );
  });

  it('is cut to 139 characters, ending with …, when the record’s names are long', () => {
    const label = addConditionLabel(en, { finding: 'y'.repeat(200), sites: '', hasSites: false });
    expect(label).toBe(`Add to the problem list: ${'y'.repeat(113)}…`);
    expect(label).toHaveLength(139);
  });
});

// CDS Hooks and the rules page §4: under 140 characters in every locale; H59: two findings'
// buttons must differ, and what tells them apart is the site. A hospital's local names (value
// set designations, the record's text) can be longer than the whole label.
describe('a label the record’s long names would make too long', () => {
  const longFinding = {
    en: 'Extramedullary plasmacytoma of retroperitoneal soft tissues and organs confirmed by biopsy and immunohistochemistry, CD138 positive, kappa restricted',
    zh: '髓外浆细胞瘤（本院编码，含软组织、器官及腹膜后间隙受累，经病理活检及免疫组化证实，CD138阳性，κ轻链限制性表达，需多学科会诊讨论）髓外浆细胞瘤（本院编码，含软组织、器官及腹膜后间隙受累，经病理活检及免疫组化证实，CD138阳性，κ轻链限制性表达，需多学科会诊讨论）',
  };
  const cases = [
    {
      wording: en,
      finding: longFinding.en,
      sites: ['Perirenal fat, left', 'Perirenal fat, right'],
      around: (site: string) => [' (', `${site})`],
    },
    {
      wording: zh,
      finding: longFinding.zh,
      sites: [
        '左侧肾周脂肪囊及邻近腹膜后软组织（左肾下极后方，紧邻腰大肌前缘）',
        '右侧肾周脂肪囊及邻近腹膜后软组织（右肾下极后方，紧邻腰大肌前缘）',
      ],
      around: (site: string) => ['（', `${site}）`],
    },
  ] as const;

  for (const { wording, finding, sites, around } of cases)
    it(`shortens the finding’s name and keeps the site whole (${wording.locale})`, () => {
      const labels = sites.map((site) =>
        addConditionLabel(wording, { finding, sites: site, hasSites: true }),
      );
      for (const [index, label] of labels.entries()) {
        const [open, close] = around(sites[index] ?? '');
        expect(label.length).toBeLessThan(140);
        expect(label.endsWith(`…${open}${close}`)).toBe(true);
        expect(label).toContain(finding.slice(0, 24));
      }
      expect(labels[0]).not.toBe(labels[1]);
    });

  it('cuts at the end, still under 140, when the sites alone are longer than a label', () => {
    const sites = Array.from({ length: 8 }, (_, i) => `Retroperitoneal soft tissue ${String(i)}`);
    const label = addConditionLabel(en, {
      finding: longFinding.en,
      sites: sites.join(', '),
      hasSites: true,
    });
    expect(label).toHaveLength(139);
    expect(label.endsWith('…')).toBe(true);
    expect(label).toContain(`${longFinding.en.slice(0, 24)}… (Retroperitoneal soft tissue 0`);
  });
});

describe('checkWording and the label template', () => {
  const where = 'suggestionLabels.addCondition';
  for (const [template, name] of [
    ['Add {{report}}', 'variable "report"'],
    ['Add {{label}} ({{date}})', 'variable "label"'],
    ['Add {{#reports}}{{label}}{{/reports}}', 'variable "reports"'],
    ['Add {{> findings}}', 'partial "findings"'],
  ] as const) {
    it(`rejects the ${name} in ${template}`, () => {
      expect(checkWording(withLabel(en, template))[0]).toBe(
        `${where}: unknown ${name} (a label may name finding, sites and hasSites)`,
      );
    });
  }

  it('rejects a template that does not parse', () => {
    expect(checkWording(withLabel(en, 'Add {{#hasSites}}open'))).toEqual([
      `${where}: Unclosed section "hasSites" at 21`,
    ]);
  });

  // CDS Hooks: a label is required; a record's name for the finding may be blank text.
  for (const template of ['{{finding}}', '{{finding}}{{#hasSites}} {{sites}}{{/hasSites}}'])
    it(`rejects a label with no words of its own: ${template}`, () => {
      expect(checkWording(withLabel(en, template))).toEqual([
        `${where}: empty for a finding the record names in no words: a label needs words of its own`,
      ]);
    });

  // Filled with 24-character names: finding, and two sites joined ", ".
  it('accepts 139 characters once filled, and rejects 140', () => {
    expect(checkWording(withLabel(en, `${'x'.repeat(115)}{{finding}}`))).toEqual([]);
    const problems = checkWording(withLabel(en, `${'x'.repeat(116)}{{finding}}`));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^suggestionLabels\.addCondition: 140 characters once filled for a finding with sites \(at most 139\)/,
    );
    expect(problems[1]).toMatch(/^suggestionLabels\.addCondition: 140 characters .* without sites/);
  });

  it('counts the sites only where they show', () => {
    const sites = '{{finding}}{{#hasSites}} ({{sites}}){{/hasSites}}';
    // 60 + 24 + " (" + 24 + ", " + 24 + ")" = 137; 63 make 140.
    expect(checkWording(withLabel(en, `${'x'.repeat(60)}${sites}`))).toEqual([]);
    expect(checkWording(withLabel(en, `${'x'.repeat(63)}${sites}`))).toEqual([
      expect.stringMatching(/^suggestionLabels\.addCondition: 140 characters .* with sites/),
    ]);
  });
});
