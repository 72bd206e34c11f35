/**
 * The other diseases whose words, in the same sentence, make "extramedullary" / 髓外
 * (./text-only-defaults.ts) and CNS or meningeal involvement (./text-only-cns-patterns.ts) no
 * myeloma's: one list for both (probe 11, F2; hazard H88), so that a disease left out of one is
 * not left out of the other. Each names a disease that has extramedullary or CNS disease of its
 * own: leukaemia (not plasma cell leukaemia, myeloma's own, rules page §3.1), ALL, CML and its
 * blast crisis, AML, myeloid sarcoma, chloroma, lymphoma, Waldenström's macroglobulinaemia and
 * its CNS form (Bing-Neel), amyloidosis, POEMS syndrome, histiocytic sarcoma, carcinoma, cancer,
 * melanoma, glioma, and the spinal tumours outside the cord (meningioma, schwannoma,
 * neurofibroma). A wrong exclusion hides an info card with no trace line, so each is a disease
 * name, never a bare word: "ALL" only as B-/T-ALL or closing its clause ("relapse of ALL"),
 * never a case-insensitive "all" anywhere.
 *
 * Metastases are left out of this list, and kept for the CNS patterns only: "extramedullary
 * metastasis of multiple myeloma" (多发性骨髓瘤髓外转移) is how case reports name myeloma's own
 * EMD, while another cancer's metastases name their cancer ("breast carcinoma", 乳腺癌), which
 * this list holds. Beside the CNS words a metastasis counts only when not named as myeloma's
 * ("metastatic myeloma", 骨髓瘤颅内转移: H139, ./text-only-myeloma-metastasis.ts). Infections
 * and inflammatory diseases (tuberculosis, cryptococcus, lupus, sarcoidosis, vasculitis)
 * involve the CNS (CNS tuberculosis, neurolupus) but have no "extramedullary disease": beside
 * "extramedullary" they would only hide a myeloma's EMD written in the same sentence as an
 * infection ("extramedullary relapse with infection").
 *
 * Each is matched inside a bounded window by its user, so the patterns stay linear in the text.
 */
import {
  METASTASIS_NOT_MYELOMAS_EN,
  METASTASIS_NOT_MYELOMAS_ZH,
} from './text-only-myeloma-metastasis.js';

/** Another disease, in English (matched ignoring case). */
export const OTHER_DISEASE_EN =
  '(?:(?<!plasma[\\s-]cell\\s)leuka?emi|lymphom|lymphoblast|\\b[bt]-all\\b' +
  '|\\ball(?=\\s*(?:[,;.)]|$))|\\bcml\\b|\\bcll\\b|blast[\\s-](?:crisis|phase)|myeloid|\\baml\\b' +
  '|chloroma|granulocytic sarcoma|waldenstr(?:[oö]|oe)m|macroglobulin|bing[\\s-]neel|amyloid' +
  '|\\bpoems\\b|histiocyt|carcinom|cancer|melanom|gliom|meningioma|schwannoma|neurofibroma)';

/**
 * As OTHER_DISEASE_EN, in Chinese; 浆细胞白血病 (plasma cell leukaemia) is myeloma's own.
 * 白血病 covers 急性淋巴细胞白血病 (ALL) and 慢性粒细胞白血病 (CML); 慢粒 and 急变 (blast crisis)
 * are CML's short names; 华氏 / 巨球蛋白 Waldenström's; 淀粉样 amyloidosis; 组织细胞 histiocytic
 * sarcoma (组织细胞肉瘤) and histiocytosis.
 */
export const OTHER_DISEASE_ZH =
  '(?:(?<!浆细胞)白血病|淋巴瘤|淋巴母细胞|慢粒|慢性粒细胞|急变|髓系肉瘤|粒细胞肉瘤|绿色瘤|华氏' +
  '|巨球蛋白|淀粉样|poems|组织细胞|癌|黑色素瘤|胶质瘤|脊膜瘤|脑膜瘤|神经鞘瘤|神经纤维瘤)';

/**
 * The default `textOnlyOtherDiseasePatterns` (H135): another disease named in a coded finding's
 * own text, for the explain trace only. A site's list replaces it for that note and nothing
 * else: the text-only patterns hold the words above in their own sources.
 */
export const DEFAULT_OTHER_DISEASE_TEXT_PATTERNS: readonly string[] = [
  OTHER_DISEASE_EN,
  OTHER_DISEASE_ZH,
];

/**
 * The CNS's own: metastases, infections and inflammatory diseases (see above). A metastasis
 * named as myeloma's ("metastatic myeloma", 骨髓瘤颅内转移) is not another disease (H139).
 */
export const OTHER_CNS_DISEASE_EN =
  `(?:${OTHER_DISEASE_EN}|${METASTASIS_NOT_MYELOMAS_EN}` +
  '|infect|tubercul|crypto|lupus|\\bsle\\b|sarcoid|vasculit)';

/** As OTHER_CNS_DISEASE_EN, in Chinese. */
export const OTHER_CNS_DISEASE_ZH =
  `(?:${OTHER_DISEASE_ZH}|${METASTASIS_NOT_MYELOMAS_ZH}` + '|感染|结核|隐球菌|狼疮|结节病|血管炎)';
