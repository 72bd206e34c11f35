/**
 * H135: a plasmacytoma coded, in the same code, as another cancer too. Rules page §3.3: coded in
 * the plasmacytoma value set, it is a finding, and its card keeps the level its class gives; the
 * explain trace names the other code. Which codes are another cancer is typed from the code
 * systems: ICD-10-CM chapter 2's malignant neoplasms are C00–C96 (C7A, C7B included), of which
 * C90 is myeloma and the plasmacytomas; ICD-O-3 behaviour codes /3 (malignant, primary site),
 * /6 (metastatic site) and /9 (uncertain whether primary or metastatic), of which histologies
 * 9731–9734 are the plasma-cell neoplasms. A finding whose own text names another disease
 * (lymphoma, carcinoma, 癌) is noted alike; plasma cell leukaemia is myeloma's own (§3.1).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import { otherCancerCodings, otherDiseaseTextNote } from '../../src/rules/other-cancer-notes.js';
import type { HookContext } from '../../src/rules/types.js';
import {
  condition,
  defaultRuleSettings,
  icd,
  icdo3,
  myeloma,
  NOW,
  PATIENT_ID,
  recordOf,
  sct,
  SITE,
} from './fixtures.js';

const { terminology } = defaultRuleSettings;
const isOther = (coding: fhir4.Coding) => otherCancerCodings([coding], terminology).length === 1;

describe('which codings are another cancer', () => {
  it.each([
    ['C79.31 (secondary malignant neoplasm of brain)', icd('C79.31')],
    ['C7931, written without the dot', icd('C7931')],
    ['C83.39 (a lymphoma)', icd('C83.39')],
    ['C88.0 (Waldenström macroglobulinaemia)', icd('C88.0')],
    ['C7A.010 (a malignant carcinoid tumour)', icd('C7A.010')],
    [
      'C79.31 under the ICD-10-CM OID',
      { system: 'urn:oid:2.16.840.1.113883.6.90', code: 'C79.31' },
    ],
    ['ICD-O-3 8500/3 (ductal carcinoma)', icdo3('8500/3')],
    ['ICD-O-3 M-8000/6 (a metastatic neoplasm)', icdo3('M-8000/6')],
    ['ICD-O-3 96803 (a lymphoma, without the slash)', icdo3('96803')],
  ])('%s is', (_name, coding) => {
    expect(isOther(coding)).toBe(true);
  });

  it.each([
    ['C90.20 (extramedullary plasmacytoma, in a value set)', icd('C90.20')],
    ['C90.2 (the category above it)', icd('C90.2')],
    ['C90.10 (plasma cell leukaemia)', icd('C90.10')],
    ['D47.2 (MGUS: not malignant)', icd('D47.2')],
    ['I10 (hypertension)', icd('I10')],
    ['ICD-O-3 9734/3 (extramedullary plasmacytoma)', icdo3('9734/3')],
    ['ICD-O-3 9731/3 (solitary plasmacytoma of bone)', icdo3('9731/3')],
    ['ICD-O-3 8500/2 (in situ)', icdo3('8500/2')],
    ['a SNOMED CT code (no hierarchy is read)', sct('94225005', 'Metastasis to brain')],
  ])('%s is not', (_name, coding) => {
    expect(isOther(coding)).toBe(false);
  });
});

const context: HookContext = { kind: 'patient-view', patientId: PATIENT_ID };
const mm = myeloma('mm', { onset: '2019-05-01' });

function run(code: fhir4.Coding[], text?: string) {
  const lesion = condition('p', {
    code,
    ...(text ? { text } : {}),
    sites: [SITE.brain],
    clinicalStatus: 'active',
    onset: '2026-10-20',
  });
  const evaluation = evaluate({
    record: recordOf([mm, lesion]),
    settings: defaultRuleSettings,
    context,
    now: NOW,
  });
  return {
    cards: evaluation.outcomes.filter((o) => o.fired).map((o) => [o.ruleId, o.indicator]),
    line: evaluation.trace.find((l) => l.reference === 'Condition/p')?.message ?? '',
  };
}

describe('a brain plasmacytoma coded as another cancer too', () => {
  it('keeps its critical card (§4: CNS) and the trace names the other code', () => {
    const { cards, line } = run([
      { ...icd('C79.31'), display: 'Secondary malignant neoplasm of brain' },
      icd('C90.20'),
    ]);
    expect(cards).toEqual([['emd-cns', 'critical']]);
    expect(line).toContain(
      "; its code also holds C79.31 (Secondary malignant neoplasm of brain), another cancer in no value set: it is a finding by its plasmacytoma code (rules page §3.3) and its card keeps its level; if the lesion is the other cancer's, the record should not code it as a plasmacytoma (H135)",
    );
  });

  it('says nothing more of a plasmacytoma coded in two systems', () => {
    const { cards, line } = run([icd('C90.20'), icdo3('9734/3')]);
    expect(cards).toEqual([['emd-cns', 'critical']]);
    expect(line).not.toContain('H135');
  });
});

describe('a coded brain plasmacytoma whose own text names another disease', () => {
  it.each([
    ['Breast carcinoma metastasis to brain', 'carcinoma'],
    ['Lymphoma with CNS involvement', 'Lymphoma'],
    ['乳腺癌脑转移', '癌'],
    ['淋巴瘤中枢神经系统浸润', '淋巴瘤'],
  ])('keeps its critical card, and the trace names %s', (text, word) => {
    const { cards, line } = run([icd('C90.20')], text);
    expect(cards).toEqual([['emd-cns', 'critical']]);
    expect(line).toContain(
      `; its own text "${text}" names another disease ("${word}"): it is a finding by its plasmacytoma code (rules page §3.3) and its card keeps its level; if the lesion is the other disease's, the record should not code it as a plasmacytoma (H135)`,
    );
  });

  it.each([
    'Extramedullary plasmacytoma of the brain',
    'Plasma cell leukaemia with CNS involvement',
    '脑实质浆细胞瘤',
  ])('says nothing more of "%s"', (text) => {
    expect(otherDiseaseTextNote(text, defaultRuleSettings)).toBeUndefined();
    expect(run([icd('C90.20')], text).line).not.toContain('H135');
  });
});
