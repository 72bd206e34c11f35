/**
 * Issue #13, what the cards say (en and zh-CN): a status that could not be read, imaging that
 * was not available (and so no scan proposed), an outranked paraskeletal finding on a line of
 * its own (rules page §6: never drop a finding silently), and why a card is information only.
 * Expected text is typed from config/wording/*.yaml as the issue asks it to read.
 *
 * Wording regression test: its expected text is copied from config/wording/*.yaml, so it
 * guards the wording against unintended change, not the clinical claim; the rules page's
 * claims are held by test/cards/example-cards-claims.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { cardsFor } from './cards-for.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import type { HookContext } from '../../src/rules/types.js';
import {
  daysFrom,
  draftOrder,
  orderContext,
  icd,
  imagingStudy,
  loinc,
  myeloma,
  NOW,
  PATIENT_ID,
  plasmacytoma,
} from '../rules/fixtures.js';
import { SITE } from '../rules/fixtures.js';

const ruleOf = (card: Card) => card.extension?.[CARD_EXTENSION.ruleId];
/** An MRI of the brain from yesterday (LOINC 24590-2), reviewed with the imaging-review hook. */
const mrBrainByCode = imagingStudy('mr', {
  started: daysFrom(NOW, -1),
  modality: ['MR'],
  procedure: [loinc('24590-2')],
});
const reviewOfMrBrainByCode: HookContext = {
  kind: 'imaging-review',
  patientId: PATIENT_ID,
  imagingStudyId: 'mr',
};
const mm = myeloma('mm', { onset: '2019-05-01' });

describe('imaging that was not available: the card says so and proposes no scan', () => {
  const cases: [string, string, string, string][] = [
    [
      'en',
      'emd-soft-tissue',
      'Imaging studies could not be read (imaging data not available), so recent whole-body imaging was not checked and no PET/CT is suggested.',
      'Imaging studies could not be read (imaging data not available), so recent MRI of brain and spine was not checked and no MRI is suggested.',
    ],
    [
      'zh-CN',
      'emd-soft-tissue',
      '无法读取影像学检查记录（影像数据不可用），因此未核查近期全身影像学检查，也未提出 PET/CT 检查建议。',
      '无法读取影像学检查记录（影像数据不可用），因此未核查近期脑及脊柱 MRI，也未提出 MRI 检查建议。',
    ],
  ];
  for (const [locale, , wholeBody, neuraxis] of cases) {
    it(`says imaging was not available and suggests only the CSF work-up (${locale})`, () => {
      const resources = [
        mm,
        plasmacytoma('liver', [SITE.liver]),
        plasmacytoma('brain', [SITE.brain]),
      ];
      const list = cardsFor(resources, { gaps: ['ImagingStudy'], locale });
      const soft = list.find((c) => ruleOf(c) === 'emd-soft-tissue');
      const cns = list.find((c) => ruleOf(c) === 'emd-cns');
      expect(soft?.detail).toContain(wholeBody);
      expect(soft?.suggestions).toBeUndefined();
      expect(cns?.detail).toContain(neuraxis);
      expect(cns?.suggestions?.map((s) => s.actions?.length)).toEqual([2]);
      expect(JSON.stringify(cns?.suggestions)).toMatch(/CSF|脑脊液/);
    });
  }
});

describe('an outranked paraskeletal finding has a line of its own on the graver card', () => {
  const expected: [string, string][] = [
    [
      'en',
      '**Also recorded, not true EMD:** paraskeletal (bone-related) plasmacytoma, listed here rather than on a card of its own:\n- Lumbar spine structure, since 2026-09-01',
    ],
    [
      'zh-CN',
      '**另有记录，非真正的 EMD**：骨旁（与骨相关）浆细胞瘤，在此列出，不单独显示卡片：\n- 腰椎，自 2026-09-01 起',
    ],
  ];
  for (const [locale, line] of expected) {
    it(`lists it on emd-soft-tissue (${locale})`, () => {
      const spine = plasmacytoma('l3', [SITE.lumbarSpine], { onset: '2026-09-01' });
      const list = cardsFor([mm, spine, plasmacytoma('liver', [SITE.liver])], { locale });
      expect(list.map(ruleOf)).toEqual(['emd-soft-tissue']);
      expect(list[0]?.detail).toContain(line);
    });
  }
});

describe('a status that could not be read, and cards shown as information only', () => {
  const unreadable = {
    clinicalStatus: { coding: [{ system: 'https://ehr.example.org/status', code: 'A1' }] },
  };
  for (const [locale, marker] of [
    ['en', ' (status could not be read)'],
    ['zh-CN', '（状态无法读取）'],
  ] as const) {
    it(`marks the finding whose status could not be read (${locale})`, () => {
      const brain = plasmacytoma('brain', [SITE.brain], { extra: unreadable });
      const [card] = cardsFor([mm, brain], { locale });
      expect(card?.indicator).toBe('info');
      expect(card?.detail).toContain(locale === 'en' ? 'Brain structure: CNS' : '脑：中枢');
      expect(card?.detail).toContain(marker);
      expect(card?.extension?.[CARD_EXTENSION.lowered]).toEqual([
        'finding-uncertain',
        'status-unreadable',
      ]);
    });
  }

  for (const [locale, sentence] of [
    [
      'en',
      '**Shown as information only:** the only record of relapse is no longer active (resolved, inactive, in remission or abated).',
    ],
    ['zh-CN', '**仅作为提示信息显示**：唯一的复发记录已不再活动（已解决、非活动、缓解或已消退）。'],
  ] as const) {
    it(`says why the CNS imaging card rests on history only (${locale})`, () => {
      const old = myeloma('mm', {
        code: [icd('C90.02')],
        extra: { abatementDateTime: '2019-06-01' },
      });
      const [card] = cardsFor([old, mrBrainByCode], { locale, context: reviewOfMrBrainByCode });
      expect([ruleOf(card as Card), card?.indicator]).toEqual(['emd-cns-imaging-review', 'info']);
      expect(card?.detail).toContain(sentence);
      expect(card?.extension?.[CARD_EXTENSION.lowered]).toEqual(['phase-history']);
      expect(card?.extension?.[CARD_EXTENSION.evidence]).toEqual([
        'ImagingStudy/mr',
        'Condition/mm',
      ]);
    });
  }
});

describe('a relapse that rests only on uncertain records names their status', () => {
  // Rules page §2: an uncertain record lowers the card it feeds "and the card says so"; the
  // sentence names the status the record carries, not every status there could be.
  for (const [locale, sentence] of [
    ['en', '**Shown as information only:** the only record of relapse is recorded as provisional.'],
    ['zh-CN', '**仅作为提示信息显示**：唯一的复发记录被记录为暂定。'],
  ] as const) {
    it(`on the CNS imaging card (${locale})`, () => {
      const provisionalRelapse = myeloma('mm', {
        code: [icd('C90.02')],
        verificationStatus: 'provisional',
      });
      const [card] = cardsFor([provisionalRelapse, mrBrainByCode], {
        locale,
        context: reviewOfMrBrainByCode,
      });
      expect([ruleOf(card as Card), card?.indicator]).toEqual(['emd-cns-imaging-review', 'info']);
      expect(card?.detail).toContain(sentence);
    });
  }
});

describe('wording audit (2026-12-04): what the cards say is true for the case shown', () => {
  const brainMr = imagingStudy('mr', {
    started: daysFrom(NOW, -1),
    series: [{ modality: 'MR', bodySite: SITE.brain }],
  });
  const order = orderContext([draftOrder('ct')]);

  it('keeps the imaging-practice advice out of the findings list (en, zh-CN)', () => {
    for (const [locale, heading] of [
      ['en', '**Imaging practice** (beyond the review):'],
      ['zh-CN', '**影像学常规做法**（超出该综述范围）：'],
    ] as const) {
      const [card] = cardsFor([mm, plasmacytoma('liver', [SITE.liver])], {
        locale,
        context: order,
      });
      // A paragraph between the two lists: Markdown would otherwise join them into one.
      expect(card?.detail).toMatch(
        new RegExp(`\\n\\n${heading.replace(/[*()]/g, '\\$&')}\\n\\n- `),
      );
    }
  });

  it('says MRI of brain and whole spine comes before lumbar puncture (rules page §4)', () => {
    const [card] = cardsFor([mm, plasmacytoma('brain', [SITE.brain])], { context: order });
    expect(card?.summary).toBe(
      'EMD staging: PET/CT is the preferred whole-body test; if CNS involvement is suspected, MRI brain and whole spine before lumbar puncture',
    );
  });

  it('does not call a relapse that is only history "relapsed myeloma" (en, zh-CN)', () => {
    const pastRelapse = myeloma('old', { code: [icd('C90.02')], onset: '2019-05-01' });
    pastRelapse.abatementDateTime = '2021-03-01';
    const inRemission = myeloma('mm', { code: [icd('C90.01')], onset: '2019-05-01' });
    const review: HookContext = {
      kind: 'imaging-review',
      patientId: PATIENT_ID,
      imagingStudyId: 'mr',
    };
    for (const [locale, says, never] of [
      ['en', 'myeloma with a relapse on record that is no longer active', 'has relapsed myeloma'],
      ['zh-CN', '骨髓瘤，病历中的复发记录已不再活动', '患有复发的骨髓瘤'],
    ] as const) {
      const card = cardsFor([pastRelapse, inRemission, brainMr], { locale, context: review }).find(
        (c) => ruleOf(c) === 'emd-cns-imaging-review',
      );
      expect(card?.detail).toContain(says);
      expect(card?.detail).not.toContain(never);
    }
  });
});
