/**
 * The built-in configuration: it reproduces ../shared/spec/emd-rules.md exactly. Every value
 * here is a setting an informatics team may change in its config file (docs/configuring.md).
 */
import type { ValueSetRole } from '../rules/value-set-roles.js';
import { DEFAULT_TEXT_ONLY_NEGATION, DEFAULT_TEXT_ONLY_PATTERNS } from './text-only-defaults.js';
import { DEFAULT_TEXT_ONLY_CONTEXT } from './text-only-context-defaults.js';

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
    ],
    ignored: ['refuted', 'ruled out', 'entered in error', '排除', '已排除', '录入错误'],
  },
  sourceUrl: 'https://doi.org/10.1038/s41408-022-00643-3',
  /** Rules page §1: prospective data from clearly defined EMD are needed; point to trials. */
  trialsUrl: 'https://clinicaltrials.gov/search?cond=Multiple%20Myeloma&term=extramedullary',
  pathwayUrl: undefined as string | undefined,
  overrideReasonSystem: 'https://fhir.emd-cds.org/CodeSystem/override-reason',
  overrideReasonCodes: ['already-aware', 'data-incorrect', 'not-relevant-now', 'goals-of-care'],
  defaultLocale: 'en',
} as const;
