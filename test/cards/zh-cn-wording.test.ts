/**
 * Simplified Chinese card wording (config/wording/zh-CN.yaml, rules page §4 "Card text
 * rules"): the same keys and the same Mustache variables, sections and partials as the English
 * source, checked like the service checks it at start, the terms of the review's own Chinese
 * translation, and bold that still renders next to CJK punctuation. Summary length is checked
 * on real cards, in both locales: test/http/summary-length.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Mustache from 'mustache';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/cds/cards/markdown.js';
import type { CardView } from '../../src/cds/cards/card-view.js';
import { checkWording } from '../../src/cds/cards/check-wording.js';
import { statusView } from '../../src/cds/cards/status-view.js';
import { wordingSchema, type Wording } from '../../src/cds/cards/wording.js';
import { PATHS } from '../../src/config/project-paths.js';
import { RULE_IDS } from '../../src/rules/types.js';

const file = join(PATHS.wording, 'zh-CN.yaml');
const raw = readFileSync(file, 'utf8');
const load = (text: string): Wording => wordingSchema.parse(parse(text));
const en = load(readFileSync(join(PATHS.wording, 'en.yaml'), 'utf8'));
const zh = load(raw);

/** Every string in the wording, by its dotted key path. */
function leaves(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(path, value);
  else if (value && typeof value === 'object')
    for (const [key, child] of Object.entries(value))
      for (const [p, s] of leaves(child, path ? `${path}.${key}` : key)) out.set(p, s);
  return out;
}

/** The tags a template uses, by kind: `name:x`, `&:x`, `#:x`, `^:x`, `>:x`; sorted, unique. */
function tags(template: string): string[] {
  const found = new Set<string>();
  const walk = (tokens: unknown[]) => {
    for (const token of tokens as [string, string, number, number, unknown[]?][]) {
      const [type, value, , , children] = token;
      if (['name', '&', '#', '^', '>'].includes(type)) found.add(`${type}:${value}`);
      if (Array.isArray(children)) walk(children);
    }
  };
  walk(Mustache.parse(template));
  return [...found].sort();
}

const enLeaves = leaves(en);
const zhLeaves = leaves(zh);

describe('zh-CN wording has the shape of the English source', () => {
  it('is Simplified Chinese for mainland China', () => {
    expect(zh.locale).toBe('zh-CN');
  });

  it('has exactly the same keys', () => {
    const keys = (m: Map<string, string>) => [...m.keys()].filter((k) => k !== 'locale').sort();
    expect(keys(zhLeaves)).toEqual(keys(enLeaves));
  });

  for (const [path, english] of enLeaves) {
    it(`${path} uses the same variables, sections and partials`, () => {
      const chinese = zhLeaves.get(path);
      expect(chinese).toBeDefined();
      expect(tags(chinese ?? '')).toEqual(tags(english));
    });
  }

  it('passes the check the service runs at start', () => {
    expect(checkWording(zh)).toEqual([]);
  });
});

describe('zh-CN wording uses the terms of the review’s Chinese translation', () => {
  for (const term of [
    '髓外疾病',
    '软脑膜',
    '骨旁',
    '多发性骨髓瘤',
    '软组织浆细胞瘤',
    '中枢神经系统（CNS）',
    '血行播散',
    '复发/难治性',
    '新诊断',
    '回顾性研究',
    '0.5%至4.8%',
    '3.4%至14%',
    '肝、肾、淋巴结、中枢神经系统（CNS）、乳房、胸膜和心包',
  ]) {
    it(`uses ${term}`, () => {
      expect(raw).toContain(term);
    });
  }

  it('keeps every "beyond the review" note', () => {
    const count = (w: Wording, note: RegExp) =>
      [...leaves(w).values()].join('\n').match(note)?.length ?? 0;
    expect(count(zh, /超出该综述范围/g)).toBe(count(en, /beyond the review/g));
  });

  it('uses full-width punctuation next to Chinese text', () => {
    for (const [path, text] of zhLeaves) {
      const prose = text.replace(/\{\{[^{}]*\}\}/g, ' ');
      expect(prose, path).not.toMatch(/[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]/u);
    }
  });
});

describe('zh-CN Markdown still renders', () => {
  const finding = {
    label: '髓外浆细胞瘤',
    sites: '肝',
    hasSites: true,
    classLabel: zh.classLabels.emd,
    date: '2026-09-01',
    sources: [{ label: 'PET/CT', date: '2026-08-30' }],
    atypical: true,
    uncertain: true,
    statusUnreadable: false,
    status: statusView(['provisional', 'unreadable']),
  };
  const statuses = statusView(['unconfirmed', 'provisional', 'differential', 'unreadable'], true);
  const view = (
    phase: 'isDiagnosis' | 'isRelapsed' | 'isUnknown',
    flag: boolean,
    held = flag,
  ): CardView => ({
    lowered: flag,
    loweredFinding: flag,
    loweredMyeloma: flag,
    loweredBoth: flag,
    findingStatus: flag ? statuses : statusView([]),
    myelomaStatus: flag ? statuses : statusView([]),
    myelomaUncertain: flag,
    relapseStatus: flag ? statuses : statusView([]),
    held,
    heldUnreadable: flag,
    heldTextOnly: flag,
    heldPhaseHistory: flag,
    heldPhaseUncertain: flag,
    heldGuard: flag,
    findings: [finding],
    outranked: [finding],
    hasOutranked: flag,
    hasFindings: flag,
    study: [{ label: 'MR 头颅', date: '2026-09-02' }],
    reported: [
      {
        finding: '浆细胞瘤',
        sites: '胸膜',
        hasSites: flag,
        reports: [
          { label: 'CT', date: '2026-09-03' },
          { label: 'PET/CT', date: '2026-09-04' },
        ],
        label: 'CT',
        date: '2026-09-03',
      },
    ],
    textOnly: [
      {
        text: '左肾占位',
        uncertain: flag,
        uncoded: flag,
        statusUnreadable: flag,
        status: statusView(flag ? ['unreadable'] : []),
      },
    ],
    history: [finding],
    hasHistory: flag,
    phase: {
      isDiagnosis: phase === 'isDiagnosis',
      isRelapsed: phase === 'isRelapsed',
      isUnknown: phase === 'isUnknown',
    },
    imaging: {
      isKnown: flag,
      lookbackDays: 90,
      wholeBodyCovered: flag,
      wholeBodyStudies: 'PET/CT 2026-08-30',
      neuraxisCovered: flag,
      neuraxisStudies: 'MR 2026-09-02',
    },
    gaps: [zh.gapNotes.ImagingStudy],
  });
  const punctuation = /[\p{P}\p{S}]/u;
  const space = (char: string | undefined) => char === undefined || /\s/u.test(char);
  const punct = (char: string | undefined) => char !== undefined && punctuation.test(char);
  // CommonMark: a run opens only when left-flanking and closes only when right-flanking.
  const leftFlanking = (before: string | undefined, after: string | undefined) =>
    !space(after) && (!punct(after) || space(before) || punct(before));
  const rightFlanking = (before: string | undefined, after: string | undefined) =>
    !space(before) && (!punct(before) || space(after) || punct(after));

  for (const id of RULE_IDS) {
    it(`${id}: every ** and _ in the detail opens and closes`, () => {
      for (const phase of ['isDiagnosis', 'isRelapsed', 'isUnknown'] as const) {
        for (const [flag, held] of [
          [true, true],
          [true, false],
          [false, false],
        ] as const) {
          const detail = Mustache.render(
            zh.rules[id].detail,
            view(phase, flag, held),
            zh.partials,
            {
              escape: (value: unknown) => escapeMarkdown(String(value)),
            },
          );
          for (const line of detail.split('\n')) {
            const bold = [...line.matchAll(/(?<!\\)\*\*/g)].map((run) => run.index);
            expect(bold.length % 2, line).toBe(0);
            bold.forEach((at, i) => {
              const [before, after] = [line[at - 1], line[at + 2]];
              if (i % 2 === 0) expect(leftFlanking(before, after), `opens: ${line}`).toBe(true);
              else expect(rightFlanking(before, after), `closes: ${line}`).toBe(true);
            });
            if (line.startsWith('_')) {
              expect(line.endsWith('_') && leftFlanking(undefined, line[1]), line).toBe(true);
              expect(rightFlanking(line.at(-2), undefined), line).toBe(true);
            }
          }
        }
      }
    });
  }
});
