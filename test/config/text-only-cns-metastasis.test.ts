/**
 * H139: a CNS text that names myeloma's own spread as metastasis ("CNS involvement by metastatic
 * myeloma", 骨髓瘤颅内转移) is myeloma's and asks to be coded (rules page §2 "Text only": info,
 * §6: never dropped silently), while a metastasis named as another cancer's, or as no one's,
 * still leaves the text out (H88, H99). The cards these give are the decision table's rows
 * marked H139 (test/clinical/decision-table.yaml).
 */
import { describe, expect, it } from 'vitest';
import { defaultRuleSettings } from '../rules/fixtures.js';
import { patternText } from '../../src/rules/text-reading.js';

const mention = (text: string): string | undefined => patternText({ text }, defaultRuleSettings);

describe("myeloma's own CNS spread called metastasis (H139)", () => {
  it.each([
    'CNS involvement by metastatic myeloma',
    'Metastatic myeloma with CNS involvement',
    'Metastatic multiple myeloma, leptomeningeal spread',
    'CNS involvement, metastasis of multiple myeloma',
    'Leptomeningeal disease from myeloma metastases',
    'Myeloma brain metastases with leptomeningeal involvement',
    'Myeloma metastases to the brain',
    'Myelomatous metastasis to the spinal cord',
    'Myeloma metastasised to the meninges',
    'Metastasis of multiple myeloma to the CNS',
    'Metastatic myeloma involving the brain',
    'CNS metastasis of myeloma',
    'Brain metastases from multiple myeloma',
    'Leptomeningeal metastases from multiple myeloma',
    '多发性骨髓瘤中枢神经系统转移',
    '骨髓瘤颅内转移',
    '骨髓瘤脑膜转移',
    '骨髓瘤软脑膜转移',
    '骨髓瘤脑转移',
    '多发性骨髓瘤转移至中枢神经系统',
    '转移性骨髓瘤中枢神经系统浸润',
    '骨髓瘤颅内转移，中枢神经系统浸润',
  ])('%s asks to be coded', (text) => {
    expect(mention(text)).toBe(text);
  });

  it.each([
    // Another cancer named: the other disease in the same sentence still wins.
    'Breast carcinoma metastasis to brain; myeloma',
    'Breast carcinoma metastasis to brain, CNS involvement',
    'CNS involvement by metastatic breast carcinoma',
    'CNS involvement by metastatic breast carcinoma and myeloma',
    'Melanoma metastases with leptomeningeal involvement',
    '乳腺癌脑膜转移',
    '肺癌脑转移，多发性骨髓瘤',
    '乳腺癌软脑膜转移',
    // A metastasis of no named disease: the words' usual sense, a solid tumour's.
    'CNS metastases',
    'Leptomeningeal metastases',
    'Brain metastases',
    'CNS involvement by metastases',
    'Metastatic disease with leptomeningeal involvement',
    '中枢神经系统转移',
    '脑膜转移',
    '转移瘤，中枢神经系统浸润',
    // Myeloma named, but not as what metastasised.
    'Metastases to the brain, myeloma with CNS involvement',
    // Negated (a relative's is the decision table's: patternText reads negation only).
    'No CNS involvement by metastatic myeloma',
    '未见骨髓瘤颅内转移',
    '排除骨髓瘤脑膜转移',
  ])('%s is no mention', (text) => {
    expect(mention(text)).toBeUndefined();
  });
});
