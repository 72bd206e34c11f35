/**
 * The built-in configuration: it reproduces ../shared/spec/emd-rules.md exactly. Every value
 * here is a setting an informatics team may change in its config file (docs/configuring.md).
 */
import type { ValueSetRole } from '../rules/value-set-roles.js';
import { DEFAULT_TEXT_ONLY_NEGATION, DEFAULT_TEXT_ONLY_PATTERNS } from './text-only-defaults.js';
import { DEFAULT_TEXT_ONLY_CONTEXT } from './text-only-context-defaults.js';
import { DEFAULT_MYELOMA_TEXT_PATTERNS } from './text-only-myeloma-defaults.js';
import { DEFAULT_OTHER_DISEASE_TEXT_PATTERNS } from './text-only-other-diseases.js';

const VALUE_SET_BASE = 'https://fhir.emd-cds.org/ValueSet/';

/** Which ValueSet (by canonical URL, from fhir-resources/value-sets/) plays each role. */
export const DEFAULT_VALUE_SET_URLS: Readonly<Record<ValueSetRole, string>> = {
  multipleMyeloma: `${VALUE_SET_BASE}multiple-myeloma`,
  plasmaCellLeukemia: `${VALUE_SET_BASE}plasma-cell-leukemia`,
  myelomaRelapse: `${VALUE_SET_BASE}myeloma-relapse`,
  myelomaRemission: `${VALUE_SET_BASE}myeloma-remission`,
  extramedullaryPlasmacytoma: `${VALUE_SET_BASE}extramedullary-plasmacytoma`,
  solitaryPlasmacytoma: `${VALUE_SET_BASE}solitary-plasmacytoma`,
  cnsInvolvement: `${VALUE_SET_BASE}cns-involvement`,
  leptomeningealInvolvement: `${VALUE_SET_BASE}leptomeningeal-involvement`,
  boneContactQualifier: `${VALUE_SET_BASE}bone-contact-qualifier`,
  siteSoftTissueOrgan: `${VALUE_SET_BASE}site-soft-tissue-organ`,
  siteCns: `${VALUE_SET_BASE}site-cns`,
  siteLeptomeningeal: `${VALUE_SET_BASE}site-leptomeningeal`,
  siteBone: `${VALUE_SET_BASE}site-bone`,
  siteTypicalAtDiagnosis: `${VALUE_SET_BASE}site-typical-at-diagnosis`,
  siteTypicalAtRelapse: `${VALUE_SET_BASE}site-typical-at-relapse`,
  imagingPet: `${VALUE_SET_BASE}imaging-pet`,
  imagingWholeBody: `${VALUE_SET_BASE}imaging-whole-body`,
  imagingCrossSectionalModality: `${VALUE_SET_BASE}imaging-cross-sectional-modality`,
  imagingMrModality: `${VALUE_SET_BASE}imaging-mr-modality`,
  imagingBrain: `${VALUE_SET_BASE}imaging-brain`,
  imagingSpine: `${VALUE_SET_BASE}imaging-spine`,
  imagingOrder: `${VALUE_SET_BASE}imaging-order`,
  imagingReportCategory: `${VALUE_SET_BASE}imaging-report-category`,
  orderPetCt: `${VALUE_SET_BASE}order-pet-ct`,
  orderMriBrain: `${VALUE_SET_BASE}order-mri-brain`,
  orderMriSpine: `${VALUE_SET_BASE}order-mri-spine`,
  orderCsfCytology: `${VALUE_SET_BASE}order-csf-cytology`,
  orderCsfFlowCytometry: `${VALUE_SET_BASE}order-csf-flow-cytometry`,
};

export const DEFAULTS = {
  /** Rules page §3.2. */
  phaseWindowDays: 90,
  /** Rules page §3.4. */
  imagingLookbackDays: 180,
  /**
   * Rules page §2 "Text only": case-insensitive patterns for uncoded plasmacytoma mentions,
   * English and Chinese (the review's translation: 浆细胞瘤 plasmacytoma, 髓外 extramedullary;
   * 软脑膜骨髓瘤 leptomeningeal myeloma and 骨髓瘤性脑膜炎 myelomatous meningitis, as the English).
   * What the two "extramedullary" patterns leave out, and why, is in ./text-only-defaults.ts
   * (H77, H88); CNS, meningeal and leptomeningeal involvement in words (中枢神经系统浸润,
   * "CNS myeloma") in ./text-only-cns-patterns.ts (H99).
   */
  textOnlyPatterns: DEFAULT_TEXT_ONLY_PATTERNS,
  /** H88: a match these cues negate ("no evidence of", 未见, "… excluded") is not a mention. */
  textOnlyNegation: DEFAULT_TEXT_ONLY_NEGATION,
  /** H100, H101: a relative's ("FH:"), a past ("h/o", 术后) or a suspected ("r/o") finding. */
  textOnlyContext: DEFAULT_TEXT_ONLY_CONTEXT,
  /**
   * H136: a myeloma diagnosis in words ("multiple myeloma", 骨髓瘤) on a Condition with no code
   * from a known system, named in the explain trace only; it never gives a card (§3.1).
   */
  textOnlyMyelomaPatterns: DEFAULT_MYELOMA_TEXT_PATTERNS,
  /**
   * H135: another disease in a coded finding's own text (lymphoma, carcinoma, 癌), noted in the
   * explain trace only; the finding's card keeps its level (§3.3).
   */
  textOnlyOtherDiseasePatterns: DEFAULT_OTHER_DISEASE_TEXT_PATTERNS,
  /**
   * Issue #13: a Condition status given only as text (no coding, or a coding in a system we do
   * not know) is compared, whole and ignoring case, separators and end punctuation, with these
   * words — and only ever read towards history or ignored. Any other text leaves the status
   * unreadable, which makes the Condition uncertain. English and Simplified Chinese.
   */
  statusWords: {
    history: [
      'resolved',
      'inactive',
      'remission',
      'in remission',
      '已缓解',
      '缓解',
      '已解决',
      '非活动',
      '治愈',
      '已治愈',
      // Cerner / Oracle Health's problem status as exported (records probe, session 36).
      'problem resolved',
      // A past problem written as such in the status (records probe 9, session 40): "History
      // of" in English exports, 既往 (past) and 既往史 (past history) in Chinese ones.
      'history',
      'history of',
      'past history',
      '既往',
      '既往史',
    ],
    /**
     * Refuted or entered in error. Beside FHIR's own words, those real exports write for a
     * record withdrawn (records probe, session 36, H107): Cerner's "Canceled", "Deleted",
     * "Error"; SNOMED CT's 410594000 "Definitely NOT present" as a display; Chinese HIS exports'
     * 作废 (voided), 撤销 (revoked), 删除 (deleted). Not 无效: in a Chinese record it also means
     * "ineffective" (治疗无效), and a word that may not mean "void" must not hide a card.
     */
    ignored: [
      'refuted',
      'ruled out',
      'entered in error',
      'in error',
      'error',
      'void',
      'voided',
      'cancelled',
      'canceled',
      'deleted',
      'definitely not present',
      '排除',
      '已排除',
      '录入错误',
      '作废',
      '已作废',
      '撤销',
      '已撤销',
      '删除',
      '已删除',
    ],
    /**
     * H96: an abatementString that is one of these says the Condition has NOT abated, so it is
     * no abatement and the Condition is read by its clinicalStatus (resolved is still history).
     * Only words that cannot mean "abated": still going on (ongoing, persistent, 持续, 进行中,
     * 仍存在), not resolved (unresolved, 未缓解, 未消退, 未愈), or no abatement to give (n/a,
     * none, unknown, 不详, 未知, 无): "unknown" read as not abated falls back on the status, so
     * a Condition recorded resolved at an unknown date stays history. A date or any other text
     * ("2019", "after radiotherapy") stays an abatement (the letter). English and Simplified
     * Chinese, compared as the other words are.
     */
    notAbated: [
      'ongoing',
      'continuing',
      'not resolved',
      'unresolved',
      'not abated',
      'active',
      'still active',
      'persistent',
      'present',
      'still present',
      'n/a',
      'na',
      'not applicable',
      'unknown',
      'none',
      '持续',
      '持续存在',
      '未缓解',
      '未消退',
      '未愈',
      '进行中',
      '仍存在',
      '不详',
      '未知',
      '无',
    ],
  },
  sourceUrl: 'https://doi.org/10.1038/s41408-022-00643-3',
  /** Rules page §1: prospective data from clearly defined EMD are needed; point to trials. */
  trialsUrl: 'https://clinicaltrials.gov/search?cond=Multiple%20Myeloma&term=extramedullary',
  pathwayUrl: undefined as string | undefined,
  overrideReasonSystem: 'https://fhir.emd-cds.org/CodeSystem/override-reason',
  overrideReasonCodes: ['already-aware', 'data-incorrect', 'not-relevant-now', 'goals-of-care'],
  defaultLocale: 'en',
} as const;
