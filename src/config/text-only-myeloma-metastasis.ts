/**
 * Whose metastasis a text names (hazard H139). The CNS patterns (./text-only-cns-patterns.ts)
 * leave out a text whose sentence names metastases, so that "Breast carcinoma metastasis to
 * the meninges" or 乳腺癌脑膜转移 is not read as myeloma's (H88, H99). But myeloma's own CNS
 * spread is written so too: "CNS involvement by metastatic myeloma", "metastasis of multiple
 * myeloma", "myeloma metastases to the brain", 多发性骨髓瘤中枢神经系统转移, 骨髓瘤颅内转移,
 * 转移性骨髓瘤. A metastasis word therefore leaves a text out only when no myeloma (骨髓瘤) or
 * plasmacytoma (浆细胞瘤) stands next to it as what spread: just before it (a CNS site may stand
 * between: "myeloma brain metastases", 骨髓瘤颅内转移), or just after it ("metastatic myeloma",
 * "metastases of / from multiple myeloma", 转移性骨髓瘤). A metastasis word with no disease
 * next to it ("CNS metastases", 中枢神经系统转移) still leaves the text out: those words
 * usually name a solid tumour's spread, whose primary is recorded elsewhere (see H139).
 *
 * Every window is bounded, so the patterns that hold these stay linear in the text
 * (./linear-pattern.ts).
 */

/** Myeloma or a plasmacytoma, named as what spread (English, matched ignoring case). */
const MYELOMA_EN = '(?:myelom(?:a|atous)|plasm[ao]cytoma)';

/** As MYELOMA_EN, in Chinese: 骨髓瘤 holds 多发性骨髓瘤. */
export const MYELOMA_ZH = '(?:骨髓瘤|浆细胞瘤)';

/** A CNS site between myeloma and its metastasis: "myeloma brain metastases". */
const CNS_SITE_BEFORE_EN =
  '(?:cns|central[\\s-]nervous[\\s-]system|brain|intracranial|spinal|(?:lepto)?meningeal)';

/**
 * The CNS sites a Chinese text names beside 转移: 骨髓瘤颅内转移, 骨髓瘤转移至中枢神经系统.
 * 脑 and 脊髓 alone are sites here, beside 转移 only (脑 alone would be 脑梗 elsewhere).
 */
export const CNS_SITE_ZH =
  '(?:中枢神经系统|中枢神经|中枢|颅内|脑实质|[软硬]?脑膜|软脊膜|脑脊膜|脑|脊髓)';

/**
 * A metastasis word whose neighbours name no myeloma as what spread: another cancer's, or no
 * one's. Both looks stand after `metasta`, so they run only where the word is.
 */
export const METASTASIS_NOT_MYELOMAS_EN =
  'metasta' +
  `(?<!${MYELOMA_EN}[\\s-]{1,3}(?:${CNS_SITE_BEFORE_EN}[\\s-]{1,3})?metasta)` +
  '(?![a-z]{0,6}[\\s-]{1,3}(?:(?:of|from)[\\s-]{1,3})?' +
  `(?:(?:multiple|plasma[\\s-]cell)[\\s-]{1,3})?${MYELOMA_EN})`;

/** As METASTASIS_NOT_MYELOMAS_EN, in Chinese: 转移 not after 骨髓瘤(颅内), nor 转移性骨髓瘤. */
export const METASTASIS_NOT_MYELOMAS_ZH =
  `转移(?<!${MYELOMA_ZH}${CNS_SITE_ZH}?转移)` + `(?!性(?:多发性)?${MYELOMA_ZH})`;
