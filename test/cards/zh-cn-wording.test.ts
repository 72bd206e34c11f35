/**
 * Simplified Chinese card wording (config/wording/zh-CN.yaml, rules page §4 "Card text
 * rules"): the same keys and the same Mustache variables, sections and partials as the English
 * source, checked like the service checks it at start, the terms of the review's own Chinese
 * translation, and bold that still renders next to CJK punctuation. Summary length is checked
 * on real cards, in both locales: test/http/summary-length.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Mustache from 'mustache';
import request from 'supertest';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { escapeMarkdown } from '../../src/cds/cards/markdown.js';
import type { CardView } from '../../src/cds/cards/card-view.js';
import { checkWording } from '../../src/cds/cards/check-wording.js';
import { statusView } from '../../src/cds/cards/status-view.js';
import { wordingSchema, type Wording } from '../../src/cds/cards/wording.js';
import { PATHS, PROJECT_ROOT } from '../../src/config/project-paths.js';
import { RULE_IDS } from '../../src/rules/types.js';
import { messages } from '../../web/console/i18n.js';
import { zhCN as timelineWords } from '../../web/timeline/dictionary-zh-cn.js';
import { readExampleRequest, testApp } from '../support/app.js';
import { liverReport, skinExampleWithReport } from '../support/liver-report.js';
import { cardsFor } from './cards-for.js';
import { condition, myeloma, plasmacytoma } from '../rules/fixtures.js';

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
    partlyAtypical: false,
    atypicalSites: '',
    hasUnreadSites: false,
    unreadSites: '',
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
        refutedOnly: flag,
        citedNotAsFinding: flag,
        citingNames: '脑继发恶性肿瘤',
      },
    ],
    hasRefutedReported: flag,
    hasCitedNotAsFinding: flag,
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
      wholeBodyUndated: flag ? '' : 'PET/CT',
      neuraxisCovered: flag,
      neuraxisStudies: 'MR 2026-09-02',
      neuraxisUndated: flag ? '' : 'MR',
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

/** A card as a clinician reads it: every text the service fills in, one string. */
interface FilledCard {
  summary: string;
  detail?: string;
  suggestions?: { label: string }[];
  links?: { label: string }[];
  extension?: Record<string, unknown>;
}
const textOf = (card: FilledCard) =>
  [
    card.summary,
    card.detail ?? '',
    ...(card.suggestions ?? []).map((s) => s.label),
    ...(card.links ?? []).map((l) => l.label),
  ].join('\n');
const ruleOf = (card: FilledCard) => String(card.extension?.[CARD_EXTENSION.ruleId]);

const HAN = '\\p{Script=Han}';
/** English punctuation against a Chinese character (rules page §4: Simplified Chinese prose). */
const asciiPunctuation = new RegExp(`${HAN}[,;:()!?]|[,;:()!?]${HAN}`, 'u');
/** A space, or a spaced slash, between two Chinese characters. */
const spaceBetweenHan = new RegExp(`${HAN}[ \\t\\u3000]+(?:[/|][ \\t\\u3000]+)?${HAN}`, 'u');

/**
 * The review's concepts as the English cards name them → the review's own Chinese (../seed/
 * blade-2022-emd-review-abstract.txt), or a reading the English demands: where the English
 * card says the left, its zh-CN twin must say the right.
 */
const CONCEPTS: [RegExp, string | RegExp][] = [
  [/extramedullary disease/i, '髓外疾病'],
  [/multiple myeloma/i, '多发性骨髓瘤'],
  [/soft-tissue plasmacytoma/i, '软组织浆细胞瘤'],
  [/haematogenous spread/i, '血行播散'],
  [/paraskeletal disease/i, '骨旁受累'],
  [/leptomeningeal involvement/i, '软脑膜受累'],
  [/CNS involvement/, /(CNS|中枢神经系统（CNS）) ?受累/],
  [/newly diagnosed/i, '新诊断'],
  [/relapsed\/refractory/i, '复发/难治性'],
  [/retrospective/i, '回顾性研究'],
  [/0\.5–4\.8 %/, '0.5%至4.8%'],
  [/3\.4–14 %/, '3.4%至14%'],
  [/skin and soft tissues/, '皮肤和软组织'],
  [
    /liver, kidneys, lymph nodes, CNS, breast, pleura and pericardium/,
    '肝、肾、淋巴结、中枢神经系统（CNS）、乳房、胸膜和心包',
  ],
  // "Not true EMD" is a class, never "no EMD".
  [/not true (EMD|extramedullary)/, /(不是|非)真正的/],
  [/beyond the review/, '超出该综述范围'],
  // Chinese haematologists say PET/CT; the expansion buries the bold term.
  [/\*\*PET\/CT\*\*/, '**PET/CT**'],
  // The negation keeps its object: a negative CSF does not rule out leptomeningeal spread.
  [/a negative result does not rule it out/, '结果阴性并不能排除软脑膜播散'],
];

/**
 * Rules page §1 (the review's abstract, ../seed/): the typical sites and the reported incidence
 * of each phase, as the English card words them → the seed's own Chinese. Unconditional: a card
 * of that phase must say them in English first, then in Chinese, so a wrong English number
 * cannot switch the Chinese check off.
 */
const AT_DIAGNOSIS: [string, string][] = [
  ['skin and soft tissues', '皮肤和软组织'],
  ['0.5–4.8 %', '0.5%至4.8%'],
];
const AT_RELAPSE: [string, string][] = [
  [
    'liver, kidneys, lymph nodes, CNS, breast, pleura and pericardium',
    '肝、肾、淋巴结、中枢神经系统（CNS）、乳房、胸膜和心包',
  ],
  ['3.4–14 %', '3.4%至14%'],
];
/** Where the card names one phase, the population the incidence is of (§1's two columns). */
const POPULATION: Record<string, [string, string]> = {
  diagnosis: ['newly diagnosed myeloma is 0.5–4.8 %', '新诊断'],
  relapsed: ['relapsed/refractory myeloma is 3.4–14 %', '复发/难治性'],
};
/**
 * The cards whose detail carries the phase paragraph (rules page §4 "Card text rules": the
 * phase with its typical sites and incidence range): the EMD and CNS cards and the imaging
 * ones. Paraskeletal, unclassified and reported-not-listed cards are not about the phase.
 */
const PHASED_RULES = new Set([
  'emd-leptomeningeal',
  'emd-cns',
  'emd-soft-tissue',
  'emd-imaging-review',
  'emd-cns-imaging-review',
  'emd-imaging-order',
]);

function expectPhaseFacts(phase: unknown, en: string, zh: string, rule: string) {
  const says = [
    ...(phase === 'relapsed' ? [] : AT_DIAGNOSIS),
    ...(phase === 'diagnosis' ? [] : AT_RELAPSE),
  ];
  const lacks = phase === 'relapsed' ? AT_DIAGNOSIS : phase === 'diagnosis' ? AT_RELAPSE : [];
  const population = POPULATION[String(phase)];
  for (const [english, chinese] of [...says, ...(population ? [population] : [])]) {
    expect(en, `${rule} (${String(phase)}) in English`).toContain(english);
    expect(zh, `${rule} (${String(phase)}) in Chinese`).toContain(chinese);
  }
  for (const [english, chinese] of lacks) {
    expect(en, `${rule} (${String(phase)}) names the other phase`).not.toContain(english);
    expect(zh, `${rule} (${String(phase)}) names the other phase`).not.toContain(chinese);
  }
}

describe('zh-CN cards filled for the example patients say what the English ones say', () => {
  const app = testApp();
  const hooks = [
    ['patient-view', 'emd-patient-view'],
    ['imagingstudy-review', 'emd-imaging-review'],
    ['order-select', 'emd-imaging-order-select'],
  ] as const;
  const names = readdirSync(PATHS.examples)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));
  const post = async (service: string, body: object, locale: string) => {
    const response = await request(app)
      .post(`/cds-services/${service}`)
      .set('accept-language', locale)
      .send(body);
    expect(response.status).toBe(200);
    return (response.body as { cards: FilledCard[] }).cards;
  };
  /** The docs' example requests for this patient (getting-started.md §2): one folder a hook. */
  const requests = (name: string): [string, object][] =>
    hooks.flatMap(([folder, service]) =>
      readdirSync(join(PROJECT_ROOT, 'cds-hooks', 'examples', folder))
        .filter((f) => f === `${name}.json` || f.startsWith(`${name}-`))
        .map((f): [string, object] => [
          service,
          readExampleRequest(f.replace(/\.json$/, ''), folder),
        ]),
    );

  for (const name of names) {
    it(`${name}: each concept in the seed’s words, in Chinese punctuation`, async () => {
      for (const [service, body] of requests(name)) {
        const english = await post(service, body, 'en');
        const chinese = await post(service, body, 'zh-CN');
        expect(chinese.map(ruleOf)).toEqual(english.map(ruleOf));
        english.forEach((card, i) => {
          const en = textOf(card);
          const zh = textOf(chinese[i] ?? { summary: '' });
          if (PHASED_RULES.has(ruleOf(card)))
            expectPhaseFacts(card.extension?.[CARD_EXTENSION.phase], en, zh, ruleOf(card));
          for (const [concept, term] of CONCEPTS)
            if (concept.test(en))
              if (typeof term === 'string')
                expect(zh, `${ruleOf(card)}: ${String(concept)}`).toContain(term);
              else expect(zh, `${ruleOf(card)}: ${String(concept)}`).toMatch(term);
          for (const line of zh.split('\n')) {
            expect(line).not.toMatch(asciiPunctuation);
            expect(line).not.toMatch(spaceBetweenHan);
          }
          // "No PET/CT is suggested" means the card offers none, not that it advises against one.
          expect(zh).not.toContain('不建议');
          expect(zh).not.toContain('正电子发射断层扫描');
        });
      }
    });
  }

  it('names a plasmacytoma coded without words in Chinese, in the line and its button', async () => {
    const body = skinExampleWithReport(liverReport('2026-10-20'));
    const [card] = (await post('emd-patient-view', body, 'zh-CN')).filter(
      (c) => ruleOf(c) === 'emd-reported-not-listed',
    );
    // liverReport's conclusion is C90.20 with its English display only.
    expect(card?.detail).toContain('- 髓外浆细胞瘤，肝；见于');
    expect(card?.suggestions?.map((s) => s.label)).toEqual(['添加到问题列表：髓外浆细胞瘤（肝）']);
  });
});

describe('zh-CN cards around Chinese record text', () => {
  it('puts no space between a Chinese site and the sentence around it', () => {
    const cards = cardsFor(
      [myeloma('mm', { onset: '2019-05-01' }), plasmacytoma('thigh', ['左大腿软组织'])],
      { locale: 'zh-CN' },
    );
    const detail = cards.map((c) => c.detail ?? '').join('\n');
    expect(detail).toContain('部位“左大腿软组织”无法由本服务归类');
    expect(detail).not.toMatch(spaceBetweenHan);
  });

  it('does not call WHO ICD-10 or the national clinical edition a local code system', () => {
    // A plasmacytoma coded only in a system the shipped value sets do not use (rules page §5:
    // ICD-10-CM, SNOMED CT, ICD-O-3) is text-only (§2); the system is international or
    // national, so the card must not say "local" (本地), in either language.
    for (const system of ['http://hl7.org/fhir/sid/icd-10', 'urn:oid:2.16.156.10011.2.3.3.11']) {
      const coded = condition('pc', {
        code: [{ system, code: system.endsWith('icd-10') ? 'C90.2' : 'C90.200' }],
        text: '髓外浆细胞瘤',
      });
      const [zhCard] = cardsFor([myeloma('mm', { onset: '2019-05-01' }), coded], {
        locale: 'zh-CN',
      });
      const [enCard] = cardsFor([myeloma('mm', { onset: '2019-05-01' }), coded]);
      expect(zhCard?.detail).toContain('“髓外浆细胞瘤”：仅以本服务无法识别的编码系统编码');
      expect(zhCard?.detail).not.toContain('本地');
      expect(enCard?.detail).toContain('coded only in a code system the service does not know');
      expect(enCard?.detail).not.toContain('local');
    }
  });
});

describe('the console and the timeline app, in Chinese, use the cards’ words', () => {
  const strings = [
    ...Object.entries(messages('zh-CN')).map(([k, v]) => [`console ${k}`, v] as const),
    ...[...leaves(timelineWords)].map(([k, v]) => [`timeline ${k}`, v] as const),
    ...[...zhLeaves].map(([k, v]) => [`wording ${k}`, v] as const),
  ];
  it('calls the timeline 时间轴 everywhere (the cards’ link, the app’s title)', () => {
    expect(zh.linkLabels.timeline).toContain('时间轴');
    expect(timelineWords.title).toContain('时间轴');
    for (const [key, text] of strings) expect(text, key).not.toContain('时间线');
  });

  it('writes Chinese punctuation and no spaces between Chinese characters', () => {
    for (const [key, text] of strings) {
      if (key.startsWith('wording')) continue; // templates: checked filled, above
      const prose = text.replace(/\{[^{}]*\}/g, '1');
      expect(prose, key).not.toMatch(asciiPunctuation);
      expect(prose, key).not.toMatch(spaceBetweenHan);
    }
  });
});
