/**
 * The built-in text-only patterns and negation cues (rules page §2 "Text only"; hazards H03,
 * H77, H88). Data, not rule code: a site's `textOnlyPatterns` and `textOnlyNegation` replace
 * them (docs/configuring.md says what its own patterns must carry).
 *
 * "Extramedullary" / 髓外 name more than a plasmacytoma, so their patterns leave out, around the
 * word itself:
 * - blood made outside the marrow: extramedullary haematopoiesis, erythropoiesis, myelopoiesis,
 *   haemopoietic tissue… (髓外造血, 髓外红系造血) — H77, H88;
 * - a spinal tumour outside the cord but inside the dura, in either order and joined by a
 *   blank, hyphen, comma or "and" ("intra-dural extramedullary", "extramedullary intradural";
 *   硬膜下 / 硬脊膜下 / 硬膜内 just before or after 髓外) — H77, H88;
 * - the same sentence naming another disease that has extramedullary disease or lives outside
 *   the cord (leukaemia, lymphoma, Waldenström's, carcinoma, meningioma…: the list the CNS
 *   patterns share, ./text-only-other-diseases.ts), within 60 (English) or 20 (Chinese)
 *   characters — H88;
 * - 髓外 that is the end of another word: 延髓外侧 (medulla oblongata, lateral), 脊髓外伤
 *   (spinal cord injury), 骨髓外周血 (marrow and peripheral blood), 脊髓外科 — H88.
 * "Plasmacytoma-like" (浆细胞瘤样) names a lymphoproliferative disorder that looks like one
 * (H88). A text that names a plasmacytoma (`plasm[ao]cytoma`, 浆细胞瘤) still matches whatever
 * else it says: the exclusions only narrow the two "extramedullary" patterns.
 *
 * Each window is bounded, so each pattern stays linear in the text (./linear-pattern.ts;
 * test/config/text-only-defaults.test.ts runs the same check on these).
 */
import { DEFAULT_CNS_TEXT_PATTERNS } from './text-only-cns-patterns.js';
import { OTHER_DISEASE_EN, OTHER_DISEASE_ZH } from './text-only-other-diseases.js';

const INTRADURAL_EN = 'intra[\\s-]?dural';
/** -poiesis / -poietic, haemato- / hemato- / haemo- / hemo- / erythro- / myelo-; "poetic" too. */
const POIESIS_EN = '(?:ha?em(?:at)?o|erythro|myelo)poi?e(?:sis|tic)';
/** Written whole, hyphenated or in two words ("extra-medullary disease"). */
const WORD_EN = 'extra[\\s-]?medullary';

/**
 * What stands before the word is looked at behind it, written again inside the look-behind: a
 * look-behind at a pattern's start is tried at every place of every text (the CNS patterns were
 * a thousand times slower so, ./text-only-cns-patterns.ts), one after the word only where the
 * word matched. No `.` or `;` between another disease and the word: the same sentence.
 */
const EXTRAMEDULLARY_EN =
  WORD_EN +
  `(?<!(?:${INTRADURAL_EN}(?:[\\s,-]{1,3}|\\s(?:and|&)\\s)|${OTHER_DISEASE_EN}[^.;]{0,60})${WORD_EN})` +
  `(?![\\s,-]{1,3}(?:(?:and|&)\\s)?${INTRADURAL_EN}|[\\s-]?${POIESIS_EN}` +
  `|[^.;]{0,60}${OTHER_DISEASE_EN})`;

/** Under or inside the (spinal) dura: intradural. 硬膜外 (epidural) may be a plasmacytoma. */
const INTRADURAL_ZH = '硬脊?膜[下内]';

const EXTRAMEDULLARY_ZH =
  '髓外' +
  `(?<!(?:延|${INTRADURAL_ZH}[^。；;]{0,4}|${OTHER_DISEASE_ZH}[^。；;]{0,20})髓外)` +
  `(?![侧伤科]|周血|(?:红系|粒系|髓系|巨核系|红细胞)?造血|[^。；;]{0,6}${INTRADURAL_ZH}` +
  `|[^。；;]{0,20}${OTHER_DISEASE_ZH})`;

export const DEFAULT_TEXT_ONLY_PATTERNS: readonly string[] = [
  'plasm[ao]cytoma(?![\\s-]?like)',
  EXTRAMEDULLARY_EN,
  'leptomeningeal myeloma',
  'myelomatous meningitis',
  '浆细胞瘤(?!样)',
  EXTRAMEDULLARY_ZH,
  '软脑膜骨髓瘤',
  '骨髓瘤性脑膜炎',
  // CNS, meningeal and leptomeningeal involvement in words (H99): ./text-only-cns-patterns.ts.
  ...DEFAULT_CNS_TEXT_PATTERNS,
];

/**
 * NegEx-style cues (Chapman et al., J Biomed Inform 2001;34:301), matched whole and ignoring
 * case, in the same sentence as the pattern's match (../rules/negation.ts says how near).
 * Kept short: a wrong exclusion hides the info card (H88). "Rule out" and 待排 are left out on
 * purpose: in clinical shorthand they mean "suspected".
 */
export const DEFAULT_TEXT_ONLY_NEGATION = {
  before: [
    'no',
    'no evidence of',
    'without',
    'negative for',
    'ruled out',
    'free of',
    '无',
    '无明显',
    '无明确',
    '未见',
    // Chinese reports hedge the negation: 未见明显髓外病变, "no obvious extramedullary disease".
    '未见明显',
    '未见明确',
    '未见确切',
    '没有',
    '否认',
    '排除',
    '已排除',
    '未发现',
  ],
  // A verdict after the match, also in brackets: 浆细胞瘤（除外）, "Plasmacytoma - NOT PRESENT".
  // 除外 after the match only: before it (除外浆细胞瘤) it means "rule out", suspected.
  after: [
    'excluded',
    'ruled out',
    'not found',
    'not seen',
    'not present',
    '已排除',
    '已除外',
    '除外',
  ],
  /** Phrases holding a cue that do not negate: a cue inside one of them does not count. */
  pseudo: [
    'not excluded',
    'cannot be excluded',
    'can not be excluded',
    'not been excluded',
    'to be excluded',
    'not ruled out',
    'cannot be ruled out',
    'can not be ruled out',
    'not been ruled out',
    'to be ruled out',
    'no change',
    'no increase',
    'not only',
    '不能排除',
    '无法排除',
    '未排除',
    '待排除',
    '不能除外',
    '无法除外',
    '不除外',
    '未除外',
    '待除外',
  ],
  /** Words that end a cue's reach in English ("no AML but extramedullary disease"). */
  scopeEnds: ['but', 'however', 'although', 'though', 'except', 'yet', 'whereas'],
};
