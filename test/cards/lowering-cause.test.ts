/**
 * Rules page §2 "Status": unconfirmed, provisional and differential lower the card they feed
 * by one level "and the card says so". Wording audit: the card names the actual cause (the
 * finding's own status, or the myeloma diagnosis's), not every cause it could have been; an
 * imaging card does not say "has multiple myeloma" when every myeloma record is uncertain.
 * Expected text is typed from config/wording/*.yaml (en and zh-CN).
 *
 * Wording regression test: its expected text is copied from config/wording/*.yaml, so it
 * guards the wording against unintended change, not the clinical claim; the rules page's
 * claims are held by test/cards/example-cards-claims.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { cardsFor } from './cards-for.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import type { HookContext, RuleId } from '../../src/rules/types.js';
import {
  daysFrom,
  draftOrder,
  imagingStudy,
  myeloma,
  NOW,
  orderContext,
  PATIENT_ID,
  plasmacytoma,
  SITE,
} from '../rules/fixtures.js';

const patientView: HookContext = { kind: 'patient-view', patientId: PATIENT_ID };
type Locale = 'en' | 'zh-CN';

function cardOf(
  ruleId: RuleId,
  resources: fhir4.Resource[],
  locale: Locale,
  context: HookContext = patientView,
): Card {
  const card = cardsFor(resources, { locale, context }).find(
    (c) => c.extension?.[CARD_EXTENSION.ruleId] === ruleId,
  );
  if (!card) expect.fail(`no ${ruleId} card`);
  return card;
}

const unreadable = {
  clinicalStatus: { coding: [{ system: 'https://ehr.example.org/status', code: 'A1' }] },
};
const mm = myeloma('mm');
const provisionalMm = myeloma('mm', { verificationStatus: 'provisional' });
const differentialMm = myeloma('mm', { verificationStatus: 'differential' });
const meninges = (verificationStatus: string) =>
  plasmacytoma('lm', [SITE.meninges], { verificationStatus });

interface Expected {
  indicator: Card['indicator'];
  summary: string;
  says: string[];
  never: string[];
}

const scenarios: [string, RuleId, fhir4.Resource[], Record<Locale, Expected>][] = [
  [
    'a provisional finding, confirmed myeloma',
    'emd-leptomeningeal',
    [mm, meninges('provisional')],
    {
      en: {
        indicator: 'warning',
        summary:
          'Leptomeningeal myeloma (provisional): the worst prognosis of all extramedullary disease',
        says: [
          '- Meninges structure: leptomeningeal (provisional)\n',
          '**Shown one level lower than usual** because the finding is recorded as provisional.\n',
        ],
        never: ['unconfirmed', 'myeloma diagnosis'],
      },
      'zh-CN': {
        indicator: 'warning',
        summary: '软脑膜骨髓瘤（暂定）：在所有髓外疾病中预后最差',
        says: [
          '- 脑膜：软脑膜（暂定）\n',
          '**本卡片的警示级别比常规低一级**，原因是该发现被记录为暂定。\n',
        ],
        never: ['未确认', '骨髓瘤诊断'],
      },
    },
  ],
  [
    'a provisional myeloma diagnosis, the finding biopsy-confirmed',
    'emd-leptomeningeal',
    [provisionalMm, meninges('confirmed')],
    {
      en: {
        indicator: 'warning',
        summary:
          'Leptomeningeal myeloma (myeloma diagnosis provisional): the worst prognosis of all extramedullary disease',
        says: [
          '- Meninges structure: leptomeningeal\n',
          '**Shown one level lower than usual** because the myeloma diagnosis is recorded as provisional.\n',
        ],
        never: ['unconfirmed', 'the finding is'],
      },
      'zh-CN': {
        indicator: 'warning',
        summary: '软脑膜骨髓瘤（骨髓瘤诊断：暂定）：在所有髓外疾病中预后最差',
        says: [
          '- 脑膜：软脑膜\n',
          '**本卡片的警示级别比常规低一级**，原因是骨髓瘤诊断被记录为暂定。\n',
        ],
        never: ['未确认', '该发现被记录'],
      },
    },
  ],
  [
    'a provisional finding and a differential myeloma diagnosis: lowered once, both named',
    'emd-leptomeningeal',
    [differentialMm, meninges('provisional')],
    {
      en: {
        indicator: 'warning',
        summary:
          'Leptomeningeal myeloma (provisional; myeloma diagnosis differential): the worst prognosis of all extramedullary disease',
        says: [
          '- Meninges structure: leptomeningeal (provisional)\n',
          '**Shown one level lower than usual** because the finding is recorded as provisional, and the myeloma diagnosis is recorded as differential.\n',
        ],
        never: ['unconfirmed'],
      },
      'zh-CN': {
        indicator: 'warning',
        summary: '软脑膜骨髓瘤（暂定；骨髓瘤诊断：鉴别诊断）：在所有髓外疾病中预后最差',
        says: [
          '**本卡片的警示级别比常规低一级**，原因是该发现被记录为暂定，且骨髓瘤诊断被记录为鉴别诊断。\n',
        ],
        never: ['未确认'],
      },
    },
  ],
  [
    'a differential finding',
    'emd-soft-tissue',
    [mm, plasmacytoma('liver', [SITE.liver], { verificationStatus: 'differential' })],
    {
      en: {
        indicator: 'info',
        summary:
          'True extramedullary myeloma (differential): poor prognosis, worse than paraskeletal disease',
        says: [
          '- Liver structure: true EMD \\(soft tissue / organ\\) (differential)\n',
          'because the finding is recorded as differential.\n',
        ],
        never: ['unconfirmed', 'provisional'],
      },
      'zh-CN': {
        indicator: 'info',
        summary: '真正的髓外疾病（鉴别诊断）：预后较差，比骨旁受累更差',
        says: ['- 肝：真正的 EMD（软组织/器官）（鉴别诊断）\n', '原因是该发现被记录为鉴别诊断。\n'],
        never: ['未确认', '暂定'],
      },
    },
  ],
  [
    'a status that could not be read: information only, not "one level lower" besides',
    'emd-cns',
    [mm, plasmacytoma('brain', [SITE.brain], { extra: unreadable })],
    {
      en: {
        indicator: 'info',
        summary:
          'CNS myeloma (status unreadable): rare, with a prognosis even more dismal than other extramedullary disease',
        says: [
          '- Brain structure: CNS \\(parenchymal or dural\\) (status could not be read)\n',
          '**Shown as information only:** the status of every finding behind this card could not be read.\n',
        ],
        never: ['one level lower', 'unconfirmed', 'In addition'],
      },
      'zh-CN': {
        indicator: 'info',
        summary: '中枢神经系统（CNS）骨髓瘤（状态无法读取）：罕见，预后比其他部位的髓外疾病更差',
        says: [
          '（CNS，脑/脊髓实质或硬膜）（状态无法读取）\n',
          '**仅作为提示信息显示**：本卡片所依据的所有发现的状态均无法读取。\n',
        ],
        never: ['低一级', '未确认', '此外'],
      },
    },
  ],
  [
    'a status that could not be read and a provisional myeloma diagnosis',
    'emd-cns',
    [provisionalMm, plasmacytoma('brain', [SITE.brain], { extra: unreadable })],
    {
      en: {
        indicator: 'info',
        summary:
          'CNS myeloma (status unreadable; myeloma diagnosis provisional): rare, with a prognosis even more dismal than other extramedullary disease',
        says: [
          '**Shown as information only:** the status of every finding behind this card could not be read.\n\nIn addition, the myeloma diagnosis is recorded as provisional.\n',
        ],
        never: ['one level lower'],
      },
      'zh-CN': {
        indicator: 'info',
        summary:
          '中枢神经系统（CNS）骨髓瘤（状态无法读取；骨髓瘤诊断：暂定）：罕见，预后比其他部位的髓外疾病更差',
        says: [
          '**仅作为提示信息显示**：本卡片所依据的所有发现的状态均无法读取。\n\n此外，骨髓瘤诊断被记录为暂定。\n',
        ],
        never: ['低一级'],
      },
    },
  ],
  [
    'findings of different statuses: each named once, the summary says only that they are mixed',
    'emd-soft-tissue',
    [
      mm,
      plasmacytoma('liver', [SITE.liver], { verificationStatus: 'provisional' }),
      plasmacytoma('skin', [SITE.skin], { verificationStatus: 'differential' }),
      plasmacytoma('kidney', [SITE.kidney], { extra: unreadable }),
    ],
    {
      en: {
        indicator: 'info',
        summary:
          'True extramedullary myeloma (status uncertain): poor prognosis, worse than paraskeletal disease',
        says: [
          '- Liver structure: true EMD \\(soft tissue / organ\\) (provisional)\n',
          '- Skin structure: true EMD \\(soft tissue / organ\\) (differential)\n',
          '- Kidney structure: true EMD \\(soft tissue / organ\\) (status could not be read)\n',
          'because the findings are recorded as provisional or differential, or their status could not be read.\n',
        ],
        never: ['unconfirmed'],
      },
      'zh-CN': {
        indicator: 'info',
        summary: '真正的髓外疾病（状态不确定）：预后较差，比骨旁受累更差',
        says: ['原因是这些发现被记录为暂定或鉴别诊断，或其状态无法读取。\n'],
        never: ['未确认'],
      },
    },
  ],
  [
    'provisional and differential findings: "unconfirmed" covers both in the summary',
    'emd-soft-tissue',
    [
      mm,
      plasmacytoma('liver', [SITE.liver], { verificationStatus: 'provisional' }),
      plasmacytoma('skin', [SITE.skin], { verificationStatus: 'differential' }),
    ],
    {
      en: {
        indicator: 'info',
        summary:
          'True extramedullary myeloma (unconfirmed): poor prognosis, worse than paraskeletal disease',
        says: ['because the findings are recorded as provisional or differential.\n'],
        never: ['could not be read'],
      },
      'zh-CN': {
        indicator: 'info',
        summary: '真正的髓外疾病（未确认）：预后较差，比骨旁受累更差',
        says: ['原因是这些发现被记录为暂定或鉴别诊断。\n'],
        never: ['无法读取'],
      },
    },
  ],
];

describe('a lowered card names the status that lowered it (rules page §2)', () => {
  for (const [name, ruleId, resources, byLocale] of scenarios) {
    for (const locale of ['en', 'zh-CN'] as const) {
      it(`${name} (${locale})`, () => {
        const expected = byLocale[locale];
        const card = cardOf(ruleId, resources, locale);
        expect(card.indicator).toBe(expected.indicator);
        expect(card.summary).toBe(expected.summary);
        for (const text of expected.says) expect(card.detail).toContain(text);
        for (const text of expected.never) expect(card.detail).not.toContain(text);
      });
    }
  }
});

describe('an imaging card does not say "has multiple myeloma" when every myeloma record is uncertain', () => {
  const pet = imagingStudy('pet', { started: daysFrom(NOW, -1), modality: ['PT'] });
  const mr = imagingStudy('mr', {
    started: daysFrom(NOW, -1),
    series: [{ modality: 'MR', bodySite: SITE.brain }],
  });
  const review = (imagingStudyId: string): HookContext => ({
    kind: 'imaging-review',
    patientId: PATIENT_ID,
    imagingStudyId,
  });
  const liver = plasmacytoma('liver', [SITE.liver]);
  const cases: [string, RuleId, fhir4.Resource[], HookContext, Record<Locale, string>][] = [
    [
      'emd-imaging-review, myeloma confirmed',
      'emd-imaging-review',
      [mm, pet],
      review('pet'),
      {
        en: 'This patient has multiple myeloma. Look for',
        'zh-CN': '该患者患有多发性骨髓瘤。请查找',
      },
    ],
    [
      'emd-imaging-review, myeloma provisional',
      'emd-imaging-review',
      [provisionalMm, pet],
      review('pet'),
      {
        en: 'This patient has a diagnosis of multiple myeloma recorded as provisional. Look for',
        'zh-CN': '该患者的多发性骨髓瘤诊断被记录为暂定。请查找',
      },
    ],
    [
      'emd-imaging-review, myeloma status unreadable',
      'emd-imaging-review',
      [myeloma('mm', { extra: unreadable }), pet],
      review('pet'),
      {
        en: 'This patient has a diagnosis of multiple myeloma whose status could not be read. Look for',
        'zh-CN': '该患者的多发性骨髓瘤诊断的状态无法读取。请查找',
      },
    ],
    [
      'emd-cns-imaging-review, myeloma unconfirmed',
      'emd-cns-imaging-review',
      [myeloma('mm', { verificationStatus: 'unconfirmed' }), liver, mr],
      review('mr'),
      {
        en: 'This patient has extramedullary or CNS myeloma (the myeloma diagnosis is recorded as unconfirmed). **Look for',
        'zh-CN': '该患者患有髓外或中枢神经系统（CNS）骨髓瘤（骨髓瘤诊断被记录为未确认）。**请查找',
      },
    ],
    [
      'emd-imaging-order, myeloma differential',
      'emd-imaging-order',
      [differentialMm, liver],
      orderContext([draftOrder('ct')]),
      {
        en: 'This patient has extramedullary or CNS myeloma (the myeloma diagnosis is recorded as differential), and an imaging order is being written.',
        'zh-CN':
          '该患者患有髓外或中枢神经系统（CNS）骨髓瘤（骨髓瘤诊断被记录为鉴别诊断），当前正在开具影像学检查申请。',
      },
    ],
  ];
  for (const [name, ruleId, resources, context, byLocale] of cases) {
    for (const locale of ['en', 'zh-CN'] as const) {
      it(`${name} (${locale})`, () => {
        expect(cardOf(ruleId, resources, locale, context).detail).toContain(byLocale[locale]);
      });
    }
  }

  it('says the lowering reason of the CNS imaging card as well (en)', () => {
    const card = cardOf(
      'emd-cns-imaging-review',
      [myeloma('mm', { verificationStatus: 'unconfirmed' }), liver, mr],
      'en',
      review('mr'),
    );
    expect(card.indicator).toBe('info');
    expect(card.detail).toContain(
      '**Shown one level lower than usual** because the myeloma diagnosis is recorded as unconfirmed.',
    );
  });
});
