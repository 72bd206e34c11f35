/**
 * The cards each example request under cds-hooks/examples/ must get, typed from the rules
 * page (../shared/spec/emd-rules.md §3–§4) and the clinical stories of
 * fhir-resources/examples/README.md — never from src/. `rule-id indicator`, in any order.
 */

type Expected = readonly string[];

/** patient-view: the README's "expected cards (patient-view)" column. */
const PATIENT_VIEW: Record<string, Expected> = {
  'no-myeloma': [],
  'lung-cancer-brain-metastases': [],
  'solitary-plasmacytoma-no-myeloma': [],
  'myeloma-entered-in-error': [],
  'other-patient-resources': [],
  'refuted-plasmacytoma': [],
  'entered-in-error-cns': [],
  'resolved-skin-plasmacytoma': [],
  'resolved-liver-plasmacytoma': [],
  'text-only-plasmacytoma': ['emd-unclassified info'],
  'unknown-site-plasmacytoma': ['emd-unclassified info'],
  'icdo3-plasmacytoma-no-site': ['emd-unclassified info'],
  'paraskeletal-only': ['emd-paraskeletal info'],
  'paraskeletal-epidural-extension': ['emd-paraskeletal info'],
  'mixed-history-and-active': ['emd-paraskeletal info'],
  'emd-skin-at-diagnosis': ['emd-soft-tissue warning'],
  'emd-liver-kidney-relapse': ['emd-soft-tissue warning'],
  'remission-new-plasmacytoma': ['emd-soft-tissue warning'],
  'provisional-myeloma-breast-emd': ['emd-soft-tissue info'],
  'duplicate-liver-findings': ['emd-soft-tissue warning'],
  'oid-and-dotless-codes': ['emd-soft-tissue warning'],
  'plasma-cell-leukemia-pleura': ['emd-soft-tissue warning'],
  'emd-unknown-phase': ['emd-soft-tissue warning'],
  'emd-suppresses-paraskeletal': ['emd-soft-tissue warning'],
  'cns-parenchymal': ['emd-cns critical'],
  'leptomeningeal-with-cns': ['emd-leptomeningeal critical'],
  'unconfirmed-leptomeningeal': ['emd-leptomeningeal warning'],
  'differential-dural-plasmacytoma': ['emd-cns warning'],
  'emd-and-cns': ['emd-cns critical', 'emd-soft-tissue warning'],
  'cns-and-unclassified': ['emd-cns critical', 'emd-unclassified info'],
  // Shaped like real exports (issue #13).
  'export-stu3-duplicates': ['emd-soft-tissue warning'],
  'export-local-codes-text-site': ['emd-soft-tissue warning', 'emd-unclassified info'],
  'export-history-relapse-code': [],
};

// §4 emd-imaging-review: a PET or whole-body CT/MRI of a myeloma patient (info).
const WHOLE_BODY = ['emd-imaging-review info'];
// §4 emd-cns-imaging-review: a study covering brain or spine, and an emd, cns or
// leptomeningeal finding or phase relapsed (warning; here every phase rests on an active,
// confirmed myeloma in relapse, so nothing lowers it).
const NEURAXIS = ['emd-cns-imaging-review warning'];

/** org.emd-cds.imagingstudy-review, by the study under review (`<patient>-<study>`). */
const IMAGING_REVIEW: Record<string, Expected> = {
  'cns-and-unclassified-mr1': NEURAXIS,
  'cns-and-unclassified-pet1': WHOLE_BODY,
  'cns-parenchymal-mr1': NEURAXIS,
  'differential-dural-plasmacytoma-mr1': NEURAXIS,
  'duplicate-liver-findings-pet1': WHOLE_BODY,
  'emd-and-cns-mr1': NEURAXIS,
  'emd-and-cns-pet1': WHOLE_BODY,
  'emd-liver-kidney-relapse-pet1': WHOLE_BODY,
  'emd-skin-at-diagnosis-pet1': WHOLE_BODY,
  'emd-suppresses-paraskeletal-pet1': WHOLE_BODY,
  'emd-unknown-phase-pet1': WHOLE_BODY,
  // The CNS finding was entered in error; the phase is unknown: nothing to point at.
  'entered-in-error-cns-mr1': [],
  'icdo3-plasmacytoma-no-site-pet1': WHOLE_BODY,
  'leptomeningeal-with-cns-mr1': NEURAXIS,
  'lung-cancer-brain-metastases-mr1': [], // no myeloma (§3.1)
  'mixed-history-and-active-pet1': WHOLE_BODY,
  'mixed-history-and-active-pet2': WHOLE_BODY,
  'myeloma-entered-in-error-pet1': [], // no myeloma (§3.1)
  'oid-and-dotless-codes-pet1': WHOLE_BODY,
  // Whole-body MRI: whole body, and the spine of a patient in relapse.
  'paraskeletal-epidural-extension-mri1': [...NEURAXIS, ...WHOLE_BODY],
  'paraskeletal-only-pet1': WHOLE_BODY,
  'plasma-cell-leukemia-pleura-pet1': WHOLE_BODY,
  'provisional-myeloma-breast-emd-pet1': WHOLE_BODY,
  'refuted-plasmacytoma-ct1': [], // a liver CT: neither whole body nor neuraxis
  'remission-new-plasmacytoma-pet1': WHOLE_BODY,
  'resolved-skin-plasmacytoma-pet1': WHOLE_BODY,
  'resolved-skin-plasmacytoma-pet2': WHOLE_BODY,
  // A resolved liver plasmacytoma is no finding (§3.3: findings are active), so no warning.
  'resolved-liver-plasmacytoma-pet1': WHOLE_BODY,
  'resolved-liver-plasmacytoma-pet2': WHOLE_BODY,
  'solitary-plasmacytoma-no-myeloma-pet1': [], // no myeloma (§3.1)
  'text-only-plasmacytoma-ct1': [], // a liver CT: neither whole body nor neuraxis
  'unconfirmed-leptomeningeal-mr1': NEURAXIS,
  'unknown-site-plasmacytoma-ct1': WHOLE_BODY,
  'export-stu3-duplicates-mr1': NEURAXIS,
  'export-stu3-duplicates-pet1': WHOLE_BODY,
  'export-local-codes-text-site-pet1': WHOLE_BODY,
  // MR brain of a patient whose only relapse is history (resolved, abated in 2021): the
  // phase rests on history, so info at most (issue #13, "history never carries an alarm").
  'export-history-relapse-code-mr1': ['emd-cns-imaging-review info'],
};

/**
 * §4 emd-imaging-order (info): the patients with an active emd, cns or leptomeningeal
 * finding (README stories); a paraskeletal or unclassified finding alone does not fire it.
 */
const WITH_EMD_CNS_OR_LEPTOMENINGEAL = new Set([
  'cns-and-unclassified',
  'cns-parenchymal',
  'differential-dural-plasmacytoma',
  'duplicate-liver-findings',
  'emd-and-cns',
  'emd-liver-kidney-relapse',
  'emd-skin-at-diagnosis',
  'emd-suppresses-paraskeletal',
  'emd-unknown-phase',
  'leptomeningeal-with-cns',
  'oid-and-dotless-codes',
  'plasma-cell-leukemia-pleura',
  'provisional-myeloma-breast-emd',
  'remission-new-plasmacytoma',
  'unconfirmed-leptomeningeal',
  'export-stu3-duplicates',
  'export-local-codes-text-site',
]);

/** The expected cards of `cds-hooks/examples/<folder>/<name>.json`; undefined when no row says. */
export function expectedCards(path: string): Expected | undefined {
  const [folder = '', file = ''] = path.split('/');
  const name = file.replace(/\.json$/, '');
  switch (folder) {
    case 'patient-view':
      return PATIENT_VIEW[name];
    case 'imagingstudy-review':
      return IMAGING_REVIEW[name];
    case 'order-select':
    case 'order-sign':
      return name in PATIENT_VIEW
        ? WITH_EMD_CNS_OR_LEPTOMENINGEAL.has(name)
          ? ['emd-imaging-order info']
          : []
        : undefined;
    default:
      return undefined;
  }
}
