/**
 * Probe 11, F2 (H88): the shipped text-only patterns read another disease's extramedullary or
 * CNS spread as no myeloma's, with one list of other diseases for both
 * (src/config/text-only-other-diseases.ts), while a plasmacytoma and myeloma's own EMD still
 * match. The rows' texts are the probe's; the cards they give are the decision table's
 * (test/clinical/decision-table.yaml, rows marked probe 11).
 */
import { describe, expect, it } from 'vitest';
import { defaultRuleSettings } from '../rules/fixtures.js';
import { patternText } from '../../src/rules/text-reading.js';

const mention = (text: string): string | undefined => patternText({ text }, defaultRuleSettings);

describe('another disease in the same sentence (H88, probe 11)', () => {
  it.each([
    'Extramedullary lymphoma involvement of skin',
    'Lymphoma with extramedullary spread',
    '淋巴瘤髓外浸润',
    'Extramedullary disease, breast carcinoma',
    'Melanoma, extramedullary',
    '乳腺癌髓外转移',
    'Extramedullary relapse of ALL',
    'Extramedullary relapse, T-ALL',
    'Extramedullary blast crisis, CML',
    '慢粒急变髓外浸润',
    'Waldenström macroglobulinaemia with extramedullary disease',
    'CNS involvement by Waldenström macroglobulinaemia (Bing-Neel syndrome)',
    'Bing-Neel syndrome: CNS involvement',
    '华氏巨球蛋白血症中枢神经系统浸润',
    'Leptomeningeal involvement by amyloid',
    '淀粉样变髓外浸润',
    'Meningeal infiltration, POEMS syndrome',
    'POEMS综合征髓外病变',
    'Histiocytic sarcoma with CNS involvement',
    '组织细胞肉瘤髓外浸润',
  ])('%s is no mention', (text) => {
    expect(mention(text)).toBeUndefined();
  });

  it.each([
    'Extramedullary plasmacytoma of skin',
    '髓外浆细胞瘤',
    'Extramedullary disease',
    '髓外病变',
    // Myeloma's own EMD is called metastasis too: no other disease is named.
    'Myeloma with extramedullary metastases',
    '多发性骨髓瘤髓外转移',
    // A plasmacytoma matches whatever else the text says.
    'Plasmacytoma metastatic to skin',
    'Plasma cell leukemia with extramedullary involvement of the pleura',
    '浆细胞白血病髓外浸润',
    // "all" is no disease in lower case mid-sentence, nor an infection beside soft tissue.
    'Extramedullary disease in all sites',
    'Extramedullary relapse with infection',
  ])('%s still asks to be coded', (text) => {
    expect(mention(text)).toBe(text);
  });

  it('keeps the CNS-only exclusions for the CNS patterns', () => {
    expect(mention('CNS involvement, tuberculosis')).toBeUndefined();
    expect(mention('CNS involvement')).toBe('CNS involvement');
  });
});
