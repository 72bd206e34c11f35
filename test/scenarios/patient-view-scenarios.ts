/** One row per example patient in fhir-resources/examples/: the cards the rules page (../shared/spec/emd-rules.md) requires on patient-view. */
export interface PatientViewScenario {
  /** file name under fhir-resources/examples/, without .json; also the patient id */
  bundle: string;
  /** why this case exists, one sentence, citing the rules page section */
  why: string;
  /** expected cards, in any order: rule id and indicator */
  cards: {
    ruleId:
      | 'emd-leptomeningeal'
      | 'emd-cns'
      | 'emd-soft-tissue'
      | 'emd-paraskeletal'
      | 'emd-unclassified';
    indicator: 'info' | 'warning' | 'critical';
  }[];
  /** expected phase ('diagnosis' | 'relapsed' | 'unknown'), or null when the patient has no myeloma */
  phase: 'diagnosis' | 'relapsed' | 'unknown' | null;
  /** for cards that list several findings: rule id → number of distinct findings listed after duplicates are merged */
  findingCounts?: Record<string, number>;
}

// Evaluated with now = 2026-11-01T00:00:00Z. Every imaging DiagnosticReport with a plasmacytoma
// conclusionCode inside the 180-day lookback is cited by a non-refuted finding, so
// emd-reported-not-listed (section 4) never fires on these bundles.
export const patientViewScenarios: PatientViewScenario[] = [
  // No myeloma patient: no cards at all (section 3.1).
  {
    bundle: 'no-myeloma',
    why: 'Section 3.1: hypertension and diabetes only, no myeloma Condition, so no cards at all.',
    cards: [],
    phase: null,
  },
  {
    bundle: 'lung-cancer-brain-metastases',
    why: 'Section 3.1: brain metastases of lung cancer (C79.31, brain site) are not myeloma or plasmacytoma, so another cancer in the brain raises no card.',
    cards: [],
    phase: null,
  },
  {
    bundle: 'solitary-plasmacytoma-no-myeloma',
    why: 'Section 3.1: a solitary plasmacytoma (C90.30, lumbar spine) without myeloma is a different disease, so no cards.',
    cards: [],
    phase: null,
  },
  {
    bundle: 'myeloma-entered-in-error',
    why: 'Sections 2 (Status) and 3.1: the only myeloma Condition is entered-in-error and ignored, so the active liver plasmacytoma belongs to no myeloma patient and raises nothing.',
    cards: [],
    phase: null,
  },
  {
    bundle: 'other-patient-resources',
    why: "Section 2 (Inputs): resources whose subject is another patient are dropped, so the neighbour's liver plasmacytoma in the same bundle raises nothing for this myeloma patient without findings.",
    cards: [],
    phase: 'unknown',
  },

  // Ignored and history data never raise a card (sections 2 and 6).
  {
    bundle: 'refuted-plasmacytoma',
    why: 'Section 2 (Status): a refuted liver plasmacytoma is ignored entirely, even with clinicalStatus active; C90.02 still gives phase relapsed (section 3.2).',
    cards: [],
    phase: 'relapsed',
  },
  {
    bundle: 'entered-in-error-cns',
    why: 'Sections 2 (Status) and 6: an entered-in-error brain plasmacytoma is ignored, so no critical CNS card; with no active finding the phase is unknown (section 3.2).',
    cards: [],
    phase: 'unknown',
  },
  {
    bundle: 'resolved-skin-plasmacytoma',
    why: 'Section 2 (Status): a resolved skin plasmacytoma with an abatement is history and never raises a card of its own; myeloma in remission without an active finding is not relapsed (section 3.2).',
    cards: [],
    phase: 'unknown',
  },
  {
    bundle: 'resolved-liver-plasmacytoma',
    why: 'Section 2 (Status): a liver plasmacytoma whose clinicalStatus is resolved, with no abatement, is history and never raises a card of its own; with no active finding an active myeloma is neither relapsed nor at diagnosis (section 3.2).',
    cards: [],
    phase: 'unknown',
  },

  // Unclassified: never guessed (sections 2 Text only, 3.3 class 5, 6).
  {
    bundle: 'text-only-plasmacytoma',
    why: 'Sections 2 (Text only) and 6: a plasmacytoma recorded only as code.text, even with a coded liver site, never raises a warning, only emd-unclassified asking for it to be coded.',
    cards: [{ ruleId: 'emd-unclassified', indicator: 'info' }],
    phase: 'relapsed',
  },
  {
    bundle: 'unknown-site-plasmacytoma',
    why: 'Section 3.3 class 5: C90.20 without a body site does not tell bone contact, so it is unclassified, not EMD.',
    cards: [{ ruleId: 'emd-unclassified', indicator: 'info' }],
    phase: 'relapsed',
  },
  {
    bundle: 'icdo3-plasmacytoma-no-site',
    why: 'Sections 2 (Codes) and 3.3 class 5: ICD-O-3 codes are accepted, and 9734/3 without a site is unclassified; ICD-O-3 myeloma with clinicalStatus relapse gives phase relapsed (section 3.2).',
    cards: [{ ruleId: 'emd-unclassified', indicator: 'info' }],
    phase: 'relapsed',
  },

  // Paraskeletal: its own, milder card (sections 1, 3.3 class 2, 4).
  {
    bundle: 'paraskeletal-only',
    why: 'Sections 3.3 class 2 and 4: a plasmacytoma at the thoracic spine is paraskeletal (info), not EMD; its onset 18 days after the myeloma onset gives phase diagnosis (section 3.2).',
    cards: [{ ruleId: 'emd-paraskeletal', indicator: 'info' }],
    phase: 'diagnosis',
  },
  {
    bundle: 'paraskeletal-epidural-extension',
    why: 'Section 3.3: class 2 (bone) is checked before class 3 (dura), so a vertebral lesion growing into the epidural space stays paraskeletal and raises no emd-cns card.',
    cards: [{ ruleId: 'emd-paraskeletal', indicator: 'info' }],
    phase: 'relapsed',
  },
  {
    bundle: 'mixed-history-and-active',
    why: 'Sections 2 (Status) and 4: the resolved skin plasmacytoma is history and cannot raise emd-soft-tissue, so the active rib (bone) plasmacytoma gives emd-paraskeletal alone.',
    cards: [{ ruleId: 'emd-paraskeletal', indicator: 'info' }],
    phase: 'relapsed',
  },

  // True EMD (sections 3.3 class 4 and 4).
  {
    bundle: 'emd-skin-at-diagnosis',
    why: 'Sections 3.3 class 4 and 4: a skin plasmacytoma is true EMD (warning); its onset 14 days before the myeloma onset is inside the 90-day window either side, so phase diagnosis (section 3.2).',
    cards: [{ ruleId: 'emd-soft-tissue', indicator: 'warning' }],
    phase: 'diagnosis',
  },
  {
    bundle: 'emd-liver-kidney-relapse',
    why: 'Section 4: one card per rule, never one per resource, so liver and kidney EMD give one emd-soft-tissue card listing both; C90.02 gives phase relapsed.',
    cards: [{ ruleId: 'emd-soft-tissue', indicator: 'warning' }],
    phase: 'relapsed',
    findingCounts: { 'emd-soft-tissue': 2 },
  },
  {
    bundle: 'remission-new-plasmacytoma',
    why: 'Sections 3.1 and 3.2: myeloma in remission (C90.01, clinicalStatus remission) still makes a myeloma patient, and a new active lymph-node EMD while it is in remission means relapsed.',
    cards: [{ ruleId: 'emd-soft-tissue', indicator: 'warning' }],
    phase: 'relapsed',
  },
  {
    bundle: 'provisional-myeloma-breast-emd',
    why: 'Sections 2 (Status) and 3.1: when the only myeloma Condition is provisional, the breast EMD card is lowered one level, warning to info.',
    cards: [{ ruleId: 'emd-soft-tissue', indicator: 'info' }],
    phase: 'diagnosis',
  },
  {
    bundle: 'duplicate-liver-findings',
    why: 'Section 2 (Duplicates): the same liver EMD as a problem-list item and an encounter diagnosis is one finding, listed once with both references.',
    cards: [{ ruleId: 'emd-soft-tissue', indicator: 'warning' }],
    phase: 'relapsed',
    findingCounts: { 'emd-soft-tissue': 1 },
  },
  {
    bundle: 'oid-and-dotless-codes',
    why: 'Section 2 (Codes): ICD-10-CM under its OID without the dot (C9000, C9020) and SNOMED skin under its OID still match; the finding has only a recordedDate, 22 days after myeloma onset, so phase diagnosis (section 3.2).',
    cards: [{ ruleId: 'emd-soft-tissue', indicator: 'warning' }],
    phase: 'diagnosis',
  },
  {
    bundle: 'plasma-cell-leukemia-pleura',
    why: 'Sections 3.1 and 3.2: plasma cell leukaemia in relapse (C90.12) counts as myeloma and gives phase relapsed; the pleura is an EMD site.',
    cards: [{ ruleId: 'emd-soft-tissue', indicator: 'warning' }],
    phase: 'relapsed',
  },
  {
    bundle: 'emd-unknown-phase',
    why: 'Section 3.2: myeloma from 2019, neither relapse-coded nor in remission, with soft-tissue EMD in 2026 is outside the diagnosis window, so phase unknown and never guessed.',
    cards: [{ ruleId: 'emd-soft-tissue', indicator: 'warning' }],
    phase: 'unknown',
  },
  {
    bundle: 'emd-suppresses-paraskeletal',
    why: 'Section 4: emd-paraskeletal fires only without an emd finding, so pericardial-cavity EMD plus an L2 plasmacytoma give emd-soft-tissue alone.',
    cards: [{ ruleId: 'emd-soft-tissue', indicator: 'warning' }],
    phase: 'relapsed',
  },

  // CNS and leptomeningeal (sections 1, 3.3 classes 1 and 3, 4).
  {
    bundle: 'cns-parenchymal',
    why: 'Sections 3.3 class 3 and 4: a brain plasmacytoma is CNS myeloma, critical.',
    cards: [{ ruleId: 'emd-cns', indicator: 'critical' }],
    phase: 'relapsed',
  },
  {
    bundle: 'leptomeningeal-with-cns',
    why: 'Section 4: leptomeningeal outranks parenchymal CNS, so a meninges/CSF finding plus a brain finding give emd-leptomeningeal only; clinicalStatus relapse gives phase relapsed (section 3.2).',
    cards: [{ ruleId: 'emd-leptomeningeal', indicator: 'critical' }],
    phase: 'relapsed',
  },
  {
    bundle: 'unconfirmed-leptomeningeal',
    why: 'Section 2 (Status): an unconfirmed subarachnoid-space finding lowers emd-leptomeningeal one level, critical to warning.',
    cards: [{ ruleId: 'emd-leptomeningeal', indicator: 'warning' }],
    phase: 'relapsed',
  },
  {
    bundle: 'differential-dural-plasmacytoma',
    why: 'Sections 2 (Status) and 3.3 class 3: a dura mater plasmacytoma without a bone site is CNS, and verificationStatus differential lowers emd-cns critical to warning.',
    cards: [{ ruleId: 'emd-cns', indicator: 'warning' }],
    phase: 'relapsed',
  },
  {
    bundle: 'emd-and-cns',
    why: 'Section 4: cards are per rule, so pericardial EMD and a spinal cord plasmacytoma give both emd-soft-tissue and emd-cns; SNOMED myeloma with clinicalStatus recurrence gives phase relapsed.',
    cards: [
      { ruleId: 'emd-cns', indicator: 'critical' },
      { ruleId: 'emd-soft-tissue', indicator: 'warning' },
    ],
    phase: 'relapsed',
  },
  {
    bundle: 'cns-and-unclassified',
    why: 'Sections 3.3 and 4: emd-unclassified fires beside the others, so a central nervous system plasmacytoma and a site-less one give emd-cns and emd-unclassified.',
    cards: [
      { ruleId: 'emd-cns', indicator: 'critical' },
      { ruleId: 'emd-unclassified', indicator: 'info' },
    ],
    phase: 'relapsed',
  },
  // Shaped like real hospital exports (issue #13); also rows of test/clinical/decision-table.yaml.
  {
    bundle: 'export-stu3-duplicates',
    why: 'Sections 2 (Status, Duplicates): statuses under the STU3 URIs are read, so the brain lesion refuted by biopsy is ignored (no emd-cns), and the liver EMD on the problem list and in two encounter diagnoses without onset is one finding; C90.02 gives phase relapsed.',
    cards: [{ ruleId: 'emd-soft-tissue', indicator: 'warning' }],
    phase: 'relapsed',
    findingCounts: { 'emd-soft-tissue': 1 },
  },
  {
    bundle: 'export-local-codes-text-site',
    why: 'Sections 2 (Codes) and 3.3: local codes beside dotless ICD-10-CM still match; the skin site under the SNOMED OID is true EMD, and the thigh mass whose site is only text is unclassified; the skin finding, without onset, was recorded 23 days after the myeloma onset, so phase diagnosis (section 3.2).',
    cards: [
      { ruleId: 'emd-soft-tissue', indicator: 'warning' },
      { ruleId: 'emd-unclassified', indicator: 'info' },
    ],
    phase: 'diagnosis',
  },
  {
    bundle: 'export-history-relapse-code',
    why: 'Sections 2 (Status, Text only) and 6: the scalp plasmacytoma with status text "resolved" is history, and D75.89 (extramedullary hematopoiesis) is coded from a known system, so not text-only; no card. C90.02, resolved in 2021, still gives phase relapsed (section 3.2).',
    cards: [],
    phase: 'relapsed',
  },
];
