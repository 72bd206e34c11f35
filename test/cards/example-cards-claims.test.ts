/**
 * What every card of every example request (cds-hooks/examples/, all four hooks) says, in
 * English and Simplified Chinese, held to the rules page rather than to the wording files:
 * each rule's clinical claim (§4, "says (in short)"), and never a drug or regimen (§6).
 * Expected words are typed from the rules page and, for Chinese, from the review's own
 * translation in ../seed/ where it has the term (as test/cards/zh-cn-wording.test.ts does).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RULE_IDS, type RuleId } from '../../src/rules/types.js';
import { testApp } from '../support/app.js';
import {
  exampleRequests,
  postExample,
  ruleOf,
  textOf,
  type ExampleCard,
} from '../support/example-cards.js';

type Claim = { en: RegExp[]; zh: (string | RegExp)[] };

/** Rules page §4, "says (in short)", one rule a row. */
const CLAIMS = {
  // "leptomeningeal myeloma: the worst prognosis of all EMD"
  'emd-leptomeningeal': {
    en: [/leptomeningeal/i, /worst prognosis/i],
    zh: ['软脑膜受累', '预后最差'],
  },
  // "CNS myeloma: rare, prognosis even more dismal than other EMD"; seed: "CNS 受累罕见，但预后
  // 比其他部位的 EMD 更差"
  'emd-cns': {
    en: [/\bCNS\b/, /\brare\b/i, /even more dismal than (other )?extramedullary disease/i],
    zh: ['罕见', /预后比其他部位的(髓外疾病|\s?EMD)[^。]*更差/],
  },
  // "true extramedullary disease: poor prognosis, worse than paraskeletal"; seed: "预后较差",
  // "EMD 患者的预后比骨旁受累患者差"
  'emd-soft-tissue': {
    en: [/true extramedullary/i, /poor prognosis|prognosis is poor/i, /worse than paraskeletal/i],
    zh: ['真正的髓外疾病', '预后较差', /比骨旁(受累|浆细胞瘤)更?差/],
  },
  // "paraskeletal plasmacytoma — not true EMD, better outlook than EMD"
  'emd-paraskeletal': {
    en: [/paraskeletal/i, /not true (EMD|extramedullary)/i, /better outlook|outcome is better/i],
    zh: ['骨旁', /(不是|非)真正的/, '优于'],
  },
  // "document the site and whether it touches bone — it changes prognosis"
  'emd-unclassified': {
    en: [/document the site/i, /touches bone/i, /changes the prognosis/i],
    zh: ['记录部位', '是否与骨接触', '影响预后'],
  },
  // "what to look for: soft-tissue masses without bony contact; typical sites for this
  // patient's phase" (the sites: test/cards/zh-cn-wording.test.ts, by phase)
  'emd-imaging-review': {
    en: [/soft-tissue (masses|plasmacytomas) without contact with bone/i, /typical/i],
    zh: ['与骨无接触的软组织', /典型部位|通常发生在/],
  },
  // "look for leptomeningeal enhancement and parenchymal lesions; CNS involvement is rare and
  // dismal"; seed: "CNS 受累罕见，但预后比其他部位的 EMD 更差"
  'emd-cns-imaging-review': {
    en: [/leptomeningeal enhancement/i, /parenchymal/i, /CNS involvement is rare/i, /dismal/i],
    zh: ['软脑膜强化', '实质', 'CNS 受累罕见', '更差'],
  },
  // "imaging shows EMD not on the problem list"
  'emd-reported-not-listed': {
    en: [/imaging/i, /not on the problem list/i],
    zh: ['影像学', '未列入问题列表'],
  },
  // "PET/CT is the preferred whole-body test for EMD staging and response; for CNS suspicion,
  // MRI brain + whole spine with gadolinium before lumbar puncture"
  'emd-imaging-order': {
    en: [/PET\/CT is the preferred whole-body test/i, /brain and whole spine/i, /before lumbar/i],
    zh: ['PET/CT', '首选全身检查', '全脊柱', '腰椎穿刺'],
  },
} satisfies Record<RuleId, Claim>;

/**
 * Rules page §6 "It never recommends a specific drug or regimen": myeloma drugs and regimens,
 * typed. Names match whole words in any case; regimen acronyms whole words as written, so
 * "VRd" is not found inside another word nor "DCEP" in lower case prose.
 */
const DRUG_NAMES = [
  'lenalidomide',
  'pomalidomide',
  'thalidomide',
  'bortezomib',
  'carfilzomib',
  'ixazomib',
  'daratumumab',
  'isatuximab',
  'elotuzumab',
  'melphalan',
  'cyclophosphamide',
  'dexamethasone',
  'prednisone',
  'selinexor',
  'belantamab',
  'teclistamab',
  'elranatamab',
  'talquetamab',
  'idecabtagene',
  'ide-cel',
  'ciltacabtagene',
  'cilta-cel',
  'venetoclax',
  'cisplatin',
  'etoposide',
  'doxorubicin',
  'methotrexate',
  'cytarabine',
  'intrathecal',
  'autologous transplant',
];
const REGIMENS = ['VRd', 'KRd', 'DRd', 'DVRd', 'VCd', 'DCEP', 'VDT-PACE', 'CAR-T', 'ASCT'];
const CHINESE = [
  '来那度胺',
  '硼替佐米',
  '达雷妥尤单抗',
  '地塞米松',
  '鞘内注射',
  '自体造血干细胞移植',
];
// The words hold letters, hyphens and spaces only: nothing to escape.
const whole = (word: string, flags: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, flags);
const FORBIDDEN: RegExp[] = [
  ...DRUG_NAMES.map((w) => whole(w, 'iu')),
  ...REGIMENS.map((w) => whole(w, 'u')),
  ...CHINESE.map((w) => new RegExp(w, 'u')),
];

describe('every card of every example request, in English and Chinese', () => {
  const app = testApp();
  const played: { name: string; en: ExampleCard[]; zh: ExampleCard[] }[] = [];
  beforeAll(async () => {
    for (const example of exampleRequests())
      played.push({
        name: example.name,
        en: await postExample(app, example, 'en'),
        zh: await postExample(app, example, 'zh-CN'),
      });
  }, 60_000);

  it('says its rule’s clinical claim (rules page §4, "says (in short)")', () => {
    const rulesSeen = new Set<string>();
    for (const { name, en, zh } of played) {
      expect(zh.map(ruleOf), name).toEqual(en.map(ruleOf));
      en.forEach((card, i) => {
        const rule = ruleOf(card);
        expect(RULE_IDS, `${name}: ${rule}`).toContain(rule);
        rulesSeen.add(rule);
        const claim: Claim = CLAIMS[rule as RuleId];
        const english = textOf(card);
        const chinese = textOf(zh[i] ?? { summary: '' });
        for (const words of claim.en) expect(english, `${name}: ${rule} (en)`).toMatch(words);
        for (const words of claim.zh)
          if (typeof words === 'string')
            expect(chinese, `${name}: ${rule} (zh-CN)`).toContain(words);
          else expect(chinese, `${name}: ${rule} (zh-CN)`).toMatch(words);
      });
    }
    // Not a vacuous pass: the example patients show every rule but emd-reported-not-listed
    // (fhir-resources/examples/README.md), whose claim the wording tests hold.
    expect([...rulesSeen].sort()).toEqual(
      [
        'emd-leptomeningeal',
        'emd-cns',
        'emd-soft-tissue',
        'emd-paraskeletal',
        'emd-unclassified',
        'emd-imaging-review',
        'emd-cns-imaging-review',
        'emd-imaging-order',
      ].sort(),
    );
  });

  it('never names a myeloma drug or regimen in its summary, detail or labels (rules page §6)', () => {
    let cards = 0;
    for (const { name, en, zh } of played)
      for (const card of [...en, ...zh]) {
        cards += 1;
        const text = textOf(card);
        for (const word of FORBIDDEN) expect(text, `${name}: ${ruleOf(card)}`).not.toMatch(word);
      }
    expect(cards).toBeGreaterThan(100);
  });
});
