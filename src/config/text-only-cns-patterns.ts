/**
 * The built-in text-only patterns for myeloma in the CNS, the meninges or the leptomeninges
 * (rules page §2 "Text only", §1: CNS and leptomeningeal disease are the rarest and worst EMD;
 * hazard H99). A text that names such involvement without a code ("CNS myeloma", 软脑膜受累,
 * 中枢神经系统浸润) raises `emd-unclassified` (info) asking for it to be coded; the service never
 * classifies it from the words (§3.3: never guessed), so no critical card comes of the text.
 *
 * What they leave out, since these words name more than myeloma:
 * - a word that is no involvement: meningioma (脑膜瘤), meningitis without "myelomatous",
 *   "CNS prophylaxis" (none of them is followed by involvement, infiltration, relapse or
 *   myeloma);
 * - another disease in the same sentence, within 60 (English) or 20 (Chinese) characters: the
 *   list the "extramedullary" patterns share (./text-only-other-diseases.ts: leukaemia but not
 *   plasma cell leukaemia, lymphoma, Waldenström's and Bing-Neel, amyloidosis, POEMS,
 *   carcinoma…), and the CNS's own: metastases, infections, lupus, sarcoidosis, vasculitis
 *   ("Lymphoma with CNS involvement", 乳腺癌软脑膜转移, 白血病中枢神经系统浸润). A metastasis named
 *   as myeloma's ("CNS involvement by metastatic myeloma") is myeloma's own, not another
 *   disease, and myeloma's metastasis to the CNS is itself involvement (H139,
 *   ./text-only-myeloma-metastasis.ts); a bare "CNS metastases" or 中枢神经系统转移 matches none.
 * A negation ("No CNS involvement", 未见中枢神经系统浸润) is the negation cues' work
 * (../rules/negation.ts), not the patterns'.
 *
 * Each window is bounded, so each pattern stays linear in the text (./linear-pattern.ts).
 */
import { CNS_SITE_ZH, MYELOMA_ZH } from './text-only-myeloma-metastasis.js';
import { OTHER_CNS_DISEASE_EN, OTHER_CNS_DISEASE_ZH } from './text-only-other-diseases.js';

/**
 * The same sentence (no `.` or `;` between) names none before or after the words. Both looks
 * stand after the words, so they run only where the words matched: a look-behind (or `\b`) at
 * a pattern's start is tried at every place of every text, which made these patterns a thousand
 * times slower than the others on texts that match nothing (0.03 µs against 35 µs a text).
 */
const apartFromOtherEn = (words: string): string =>
  `${words}(?<!${OTHER_CNS_DISEASE_EN}[^.;]{0,100})(?![^.;]{0,60}${OTHER_CNS_DISEASE_EN})`;

/** The CNS or its coverings, as an adjective. */
const CNS_EN = '(?:cns|central[\\s-]nervous[\\s-]system|(?:lepto)?meningeal)';

/** Myeloma named as what metastasised: "metastasis of (multiple) myeloma", "… from myeloma". */
const OF_MYELOMA_EN = '[\\s-]{1,3}(?:of|from)[\\s-]{1,3}(?:multiple[\\s-]{1,3})?myeloma';

/**
 * "CNS myeloma", "meningeal myelomatosis", "CNS involvement (of multiple myeloma)",
 * "Leptomeningeal involvement by myeloma", "CNS relapse"; "Leptomeningeal disease" (or
 * spread): in a myeloma patient, most likely the myeloma's; "CNS (brain) metastases of
 * myeloma" (H139). Not inside a word (`(?<![a-z])`, one character, cheap where `\b` is not).
 */
const CNS_INVOLVEMENT_EN = apartFromOtherEn(
  `(?<![a-z])(?:${CNS_EN}[\\s-]{1,3}` +
    '(?:(?:multiple[\\s-])?myelom(?:a|atosis)|involvement|infiltration|relapse)' +
    '|leptomeningeal[\\s-]{1,3}(?:disease|spread|dissemination)' +
    `|(?:${CNS_EN}|brain|intracranial|spinal[\\s-]cord)[\\s-]{1,3}` +
    `metasta(?:sis|ses)${OF_MYELOMA_EN})`,
);

/** The CNS or its coverings, as a noun, after "of", "to" or "involving". */
const THE_CNS_EN =
  '[\\s-]{1,3}(?:the[\\s-]{1,3})?' +
  '(?:cns|central[\\s-]nervous[\\s-]system|(?:lepto)?meninges|brain|spinal[\\s-]cord)';

/**
 * "Myelomatous involvement of the CNS", "myeloma infiltrating the meninges", "myeloma
 * metastases (metastatic, metastasised) to the brain" (H139).
 */
const MYELOMA_OF_CNS_EN =
  'myelom(?:a|atous)[\\s-]{1,3}' +
  '(?:involvement[\\s-]{1,3}of|infiltration[\\s-]{1,3}of|involving|infiltrating' +
  '|metasta(?:s[ei]s|tic|si[sz]ing|si[sz]ed)[\\s-]{1,3}to)' +
  THE_CNS_EN;

/**
 * "Metastasis of multiple myeloma to the CNS", "metastatic myeloma of (in, involving) the
 * brain" (H139). It starts at a word, so it is tried only where the text says metasta….
 */
const METASTATIC_MYELOMA_OF_CNS_EN =
  `metasta(?:(?:sis|ses)${OF_MYELOMA_EN}|tic[\\s-]{1,3}(?:multiple[\\s-]{1,3})?myeloma)` +
  `[\\s-]{1,3}(?:to|of|in|involving)${THE_CNS_EN}`;

/**
 * 中枢神经系统浸润, 中枢受累, 颅内侵犯, 软脑膜受累, 脑膜浸润, 脑膜骨髓瘤, 中枢神经系统骨髓瘤,
 * 骨髓瘤脑膜浸润 (its 脑膜浸润). 脑膜瘤 (meningioma) and 脑膜炎 (meningitis) are not involvement.
 */
const CNS_INVOLVEMENT_ZH =
  '(?:中枢神经系统|中枢神经|中枢|颅内|脑实质|[软硬]?脑膜|软脊膜|脑脊膜)(?:浸润|受累|侵犯|复发|骨髓瘤)' +
  // After the words, as in English; 30 reaches 20 characters before their start.
  `(?<!${OTHER_CNS_DISEASE_ZH}[^。；;]{0,30})(?![^。；;]{0,20}${OTHER_CNS_DISEASE_ZH})`;

/**
 * 多发性骨髓瘤中枢神经系统转移, 骨髓瘤颅内转移, 骨髓瘤脑膜转移, 骨髓瘤脑转移,
 * 骨髓瘤转移至中枢神经系统 (H139): myeloma named as what spread to the CNS.
 * 浆细胞瘤颅内转移 matches by its 浆细胞瘤 already.
 */
const MYELOMA_METASTASIS_TO_CNS_ZH =
  `${MYELOMA_ZH}(?:${CNS_SITE_ZH}转移` + `|转移[至到]?${CNS_SITE_ZH})`;

export const DEFAULT_CNS_TEXT_PATTERNS: readonly string[] = [
  CNS_INVOLVEMENT_EN,
  MYELOMA_OF_CNS_EN,
  METASTATIC_MYELOMA_OF_CNS_EN,
  CNS_INVOLVEMENT_ZH,
  MYELOMA_METASTASIS_TO_CNS_ZH,
];
